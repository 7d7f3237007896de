#include "flows/PeopleImport.h"

#include <Poco/Data/Transaction.h>

#include <algorithm>
#include <optional>
#include <set>

#include "domain/CalendarDate.h"
#include "domain/OrganizationType.h"
#include "domain/Role.h"
#include "domain/SnilsNumber.h"
#include "domain/Utf8Text.h"
#include "flows/CsvReader.h"
#include "flows/ImportRow.h"
#include "flows/JournalRows.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/DirectoryRepository.h"
#include "store/PersonRepository.h"

namespace netcity::flows {
namespace {

constexpr std::size_t kMaxFieldLength = 200;

// Where each record kind keeps its keys, and what its `parent` column refers to.
const std::map<std::string, std::string> kTableOf{
    {"region", "regions"},      {"municipality", "municipalities"},
    {"locality", "localities"}, {"organization", "organizations"},
    {"class", "classes"},       {"person", "persons"}};

// Every column a kind does not list must be empty (a value there is a shifted column).
const std::map<std::string, KindColumns> kKindColumns{
    {"region", {{"name"}, 1}},
    {"municipality", {{"name"}, 1}},
    {"locality", {{"name"}, 1}},
    {"organization", {{"name", "type"}, 2}},
    {"class", {{"name"}, 1}},
    {"person",
     {{"last_name", "first_name", "birth_date", "gender", "middle_name", "snils", "email", "phone"},
      4}},
    {"account", {{"login", "roles", "password", "class"}, 2}},
    {"relation", {{}, 0}},
};

using Row = ImportRow;

const KindColumns* columnsOf(const std::string& kind) {
    if (auto it = kKindColumns.find(kind); it != kKindColumns.end()) return &it->second;
    if (auto it = journalKinds().find(kind); it != journalKinds().end()) return &it->second;
    return nullptr;
}

std::string trimSpaces(const std::string& v) {
    auto begin = v.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    return v.substr(begin, v.find_last_not_of(" \t") - begin + 1);
}

bool validKey(const std::string& k) {
    if (k.empty() || k.size() > 64) return false;
    for (char c : k)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

bool validEmail(const std::string& e) {
    auto at = e.find('@');
    return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos &&
           e.find(' ') == std::string::npos;
}

bool validPhone(const std::string& p) {
    if (p.size() != 12 || p.rfind("+7", 0) != 0) return false;
    for (std::size_t i = 2; i < p.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(p[i]))) return false;
    return true;
}

using Code = ImportProblem::Code;
using Check = std::optional<ImportProblem>;  // nullopt: the row is good

ImportProblem problem(Code code, std::string value = {}) {
    ImportProblem p;
    p.code = code;
    p.value = std::move(value);
    return p;
}

ImportProblem columnProblem(Code code, std::string column, std::string kind = {}) {
    ImportProblem p;
    p.code = code;
    p.column = std::move(column);
    p.kind = std::move(kind);
    return p;
}

class Validator : public KnownPeople {
  public:
    Validator(store::Database& db, Poco::Data::Session& s, store::DirectoryRepository& dir,
              const Clock& clock, const domain::journal::MarkScale& scale)
        : dir_(dir), accounts_(db, s), clock_(clock), journal_(db, s, *this, scale) {}

    // nullopt: the row is good, and its key becomes known to later rows.
    Check check(const Row& r) {
        const auto& columns = importColumns();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string &col = columns[i], &value = r.values[i];
            if (!domain::isValidUtf8(value)) return columnProblem(Code::InvalidUtf8, col);
            if (domain::hasControlCharacters(value))
                return columnProblem(Code::ControlCharacters, col);
            if (domain::codePointCount(value) > kMaxFieldLength)
                return columnProblem(Code::TooLong, col);
        }
        const std::string& kind = r["record"];
        const KindColumns* kindColumns = columnsOf(kind);
        if (!kindColumns) return problem(Code::UnknownKind, kind);
        const auto& used = kindColumns->used;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string& col = columns[i];
            bool allowed = col == "record" || (col == "key" && kindColumns->keyed) ||
                           (col == "parent" && kind != "region" && kind != "person") ||
                           std::find(used.begin(), used.end(), col) != used.end();
            if (!allowed && !r.values[i].empty())
                return columnProblem(Code::UnusedColumnFilled, col, kind);
        }
        for (std::size_t i = 0; i < kindColumns->required; ++i)
            if (r[used[i]].empty()) return columnProblem(Code::RequiredColumnEmpty, used[i], kind);
        if (!kindColumns->keyed) return journal_.check(r);
        if (auto p = checkKind(kind, r)) return p;
        remember(kind, r);
        return {};
    }

    bool knows(const std::string& kind, const std::string& key) override {
        return seen_[kind].count(key) || dir_.idByKey(kTableOf.at(kind), key);
    }

    std::optional<KnownAccount> account(const std::string& organizationKey,
                                        const std::string& login) override {
        auto id = organizationKey + "/" + store::loginKey(login);
        if (auto it = fileAccounts_.find(id); it != fileAccounts_.end()) return it->second;
        auto org = dir_.idByKey("organizations", organizationKey);
        auto stored = org ? accounts_.byLogin(*org, login) : std::nullopt;
        if (!stored || stored->blocked) return std::nullopt;
        return KnownAccount{stored->roles, "", stored->classId};
    }

    // Facts about keys that may come from the file or from the database.
    bool isAuthority(const std::string& organizationKey) override {
        if (auto it = authority_.find(organizationKey); it != authority_.end()) return it->second;
        return authority_[organizationKey] = dir_.organizationTypeByKey(organizationKey) ==
                                             domain::OrganizationType::Authority;
    }
    std::string classOrganization(const std::string& classKey) override {
        if (auto it = classOrganization_.find(classKey); it != classOrganization_.end())
            return it->second;
        return classOrganization_[classKey] = dir_.organizationKeyOfClass(classKey).value_or("");
    }

  private:
    Check checkKind(const std::string& kind, const Row& r) {
        if (kind == "relation") return checkRelation(r);
        if (!validKey(r["key"])) return problem(Code::BadKey);
        if (kind == "account") return checkAccount(r);
        if (seen_[kind].count(r["key"])) return problem(Code::DuplicateKey, r["key"]);
        if (kind == "person") return checkPerson(r);
        if (domain::collapseSpaces(r["name"]).empty()) return problem(Code::NoName);
        if (kind == "region") return {};
        if (kind == "municipality") return needParent("region", r["parent"]);
        if (kind == "locality") return needParent("municipality", r["parent"]);
        if (kind == "class") {
            if (auto p = needParent("organization", r["parent"])) return p;
            if (isAuthority(r["parent"])) return problem(Code::AuthorityHasNoClasses);
            return {};
        }
        auto type = domain::parseOrganizationType(r["type"]);
        if (!type) return problem(Code::UnknownOrganizationType, r["type"]);
        return needParent(
            *type == domain::OrganizationType::Authority ? "municipality" : "locality",
            r["parent"]);
    }

    Check checkPerson(const Row& r) {
        if (domain::collapseSpaces(r["last_name"]).empty() ||
            domain::collapseSpaces(r["first_name"]).empty())
            return problem(Code::NoPersonName);
        if (!r["birth_date"].empty()) {
            auto date = domain::CalendarDate::parse(r["birth_date"]);
            if (!date) return problem(Code::BadBirthDate, r["birth_date"]);
            if (*date > domain::CalendarDate::fromUnixSeconds(clock_.unixSeconds()))
                return problem(Code::BirthDateInFuture);
        }
        if (!r["gender"].empty() && r["gender"] != "М" && r["gender"] != "Ж")
            return problem(Code::BadGender);
        domain::SnilsNumber::ParseError snilsError{};
        if (!r["snils"].empty() && !domain::SnilsNumber::parse(r["snils"], &snilsError)) {
            auto p = problem(Code::BadSnils);
            p.snils = snilsError;
            return p;
        }
        if (!r["email"].empty() && !validEmail(r["email"])) return problem(Code::BadEmail);
        if (!r["phone"].empty() && !validPhone(r["phone"])) return problem(Code::BadPhone);
        return {};
    }

    Check checkAccount(const Row& r) {
        if (auto p = needParent("person", r["key"])) return p;
        if (auto p = needParent("organization", r["parent"])) return p;
        if (!validKey(r["login"])) return problem(Code::BadLogin);
        std::string loginId = r["parent"] + "/" + store::loginKey(r["login"]);
        if (logins_.count(loginId)) return problem(Code::DuplicateLogin, r["login"]);
        auto roles = domain::parseRoleList(r["roles"]);
        if (!roles) return problem(Code::UnknownRole, r["roles"]);
        bool authorityOrg = isAuthority(r["parent"]);
        bool authorityRole = roles->count(domain::Role::Authority) > 0;
        if (authorityOrg != authorityRole)
            return problem(authorityOrg ? Code::AuthorityNeedsAuthorityRole
                                        : Code::AuthorityRoleOutsideAuthority);
        if (authorityOrg &&
            (roles->count(domain::Role::Student) || roles->count(domain::Role::Parent) ||
             roles->count(domain::Role::Teacher)))
            return problem(Code::AuthorityOnlyStaffRoles);
        if (!r["class"].empty()) {
            bool student = roles->count(domain::Role::Student),
                 teacher = roles->count(domain::Role::Teacher);
            if (student == teacher) return problem(Code::ClassForOtherRoles);
            if (auto p = needParent("class", r["class"])) return p;
            if (classOrganization(r["class"]) != r["parent"])
                return problem(Code::ClassOfOtherOrganization, r["class"]);
        }
        if (auto owner = loginOwner(r["parent"], r["login"]); owner && *owner != r["key"])
            return problem(Code::LoginOfOtherPerson, r["login"]);
        return {};
    }

    Check checkRelation(const Row& r) {
        if (auto p = needParent("person", r["key"])) return p;
        if (auto p = needParent("person", r["parent"])) return p;
        if (r["key"] == r["parent"]) return problem(Code::OwnParent);
        if (relations_.count(r["key"] + "/" + r["parent"])) return problem(Code::DuplicateRelation);
        return {};
    }

    Check needParent(const std::string& kind, const std::string& key) {
        if (key.empty()) {
            auto p = problem(Code::NoReference);
            p.kind = kind;
            return p;
        }
        if (knows(kind, key)) return {};
        auto p = problem(Code::UnknownReference, key);
        p.kind = kind;
        return p;
    }

    void remember(const std::string& kind, const Row& r) {
        if (kind == "account") {
            logins_.insert(r["parent"] + "/" + store::loginKey(r["login"]));
            loginOwners_[r["parent"] + "/" + store::loginKey(r["login"])] = r["key"];
            auto roles = *domain::parseRoleList(r["roles"]);
            fileAccounts_[r["parent"] + "/" + store::loginKey(r["login"])] = {
                roles, roles.count(domain::Role::Student) ? r["class"] : "", std::nullopt};
        } else if (kind == "relation") {
            relations_.insert(r["key"] + "/" + r["parent"]);
        } else {
            seen_[kind].insert(r["key"]);
            if (kind == "class") classOrganization_[r["key"]] = r["parent"];
            if (kind == "organization")
                authority_[r["key"]] =
                    domain::parseOrganizationType(r["type"]) == domain::OrganizationType::Authority;
        }
    }

    store::DirectoryRepository& dir_;
    store::AccountRepository accounts_;
    const Clock& clock_;
    JournalValidator journal_;
    std::map<std::string, std::set<std::string>> seen_;
    std::map<std::string, KnownAccount> fileAccounts_;
    std::optional<std::string> loginOwner(const std::string& organizationKey,
                                          const std::string& login) {
        auto id = organizationKey + "/" + store::loginKey(login);
        if (auto it = loginOwners_.find(id); it != loginOwners_.end()) return it->second;
        return dir_.personKeyOfLogin(organizationKey, store::loginKey(login));
    }

    std::set<std::string> logins_, relations_;
    std::map<std::string, std::string> classOrganization_, loginOwners_;
    std::map<std::string, bool> authority_;
};

class Writer {
  public:
    Writer(store::Database& db, Poco::Data::Session& s, const store::SnilsVault& vault,
           const domain::journal::MarkScale& scale, std::int64_t now)
        : dir_(db, s),
          people_(db, s, vault),
          accounts_(db, s),
          journal_(db, s, scale, now),
          now_(now) {}

    void write(const Row& r) {
        const std::string& kind = r["record"];
        if (!columnsOf(kind)->keyed) return journal_.write(r);
        std::string name = domain::collapseSpaces(r["name"]);
        if (kind == "region") {
            ids_["region"][r["key"]] = dir_.upsertRegion(r["key"], name);
        } else if (kind == "municipality") {
            ids_[kind][r["key"]] =
                dir_.upsertMunicipality(r["key"], id("region", r["parent"]), name);
        } else if (kind == "locality") {
            ids_[kind][r["key"]] =
                dir_.upsertLocality(r["key"], id("municipality", r["parent"]), name);
        } else if (kind == "organization") {
            writeOrganization(r, name);
        } else if (kind == "class") {
            ids_[kind][r["key"]] =
                dir_.upsertClass(r["key"], id("organization", r["parent"]), name);
        } else if (kind == "person") {
            writePerson(r);
        } else if (kind == "account") {
            writeAccount(r);
        } else if (kind == "relation") {
            people_.addRelation(id("person", r["parent"]), id("person", r["key"]));
        }
    }

    int finish() { return journal_.finish(); }

  private:
    std::int64_t id(const std::string& kind, const std::string& key) {
        auto& known = ids_[kind];
        if (auto it = known.find(key); it != known.end()) return it->second;
        auto found = dir_.idByKey(kTableOf.at(kind), key);
        if (!found) throw std::logic_error("validated key vanished: " + key);
        return known[key] = *found;
    }

    void writeOrganization(const Row& r, const std::string& name) {
        auto type = *domain::parseOrganizationType(r["type"]);
        std::int64_t municipality;
        std::optional<std::int64_t> locality;
        if (type == domain::OrganizationType::Authority) {
            municipality = id("municipality", r["parent"]);
        } else {
            locality = id("locality", r["parent"]);
            municipality = localityMunicipality(*locality);
        }
        ids_["organization"][r["key"]] =
            dir_.upsertOrganization(r["key"], municipality, locality, type, name);
    }

    std::int64_t localityMunicipality(std::int64_t localityId) {
        auto m = dir_.municipalityOfLocality(localityId);
        if (!m) throw std::logic_error("locality without municipality");
        return *m;
    }

    void writePerson(const Row& r) {
        store::Person p;
        p.key = r["key"];
        p.name = {domain::collapseSpaces(r["last_name"]), domain::collapseSpaces(r["first_name"]),
                  domain::collapseSpaces(r["middle_name"])};
        p.birthDate = domain::CalendarDate::parse(r["birth_date"]);
        p.gender = r["gender"];
        if (!r["snils"].empty()) p.snils = domain::SnilsNumber::parse(r["snils"]);
        p.email = r["email"];
        p.phone = r["phone"];
        ids_["person"][r["key"]] = people_.upsertByKey(p, now_);
    }

    void writeAccount(const Row& r) {
        store::Account a;
        a.organizationId = id("organization", r["parent"]);
        a.personId = id("person", r["key"]);
        a.login = r["login"];
        a.passwordHash = r.passwordHash;
        a.roles = *domain::parseRoleList(r["roles"]);
        std::optional<std::int64_t> classId;
        if (!r["class"].empty()) classId = id("class", r["class"]);
        if (a.roles.count(domain::Role::Student)) a.classId = classId;
        std::int64_t accountId = accounts_.upsert(a, now_);
        if (classId && a.roles.count(domain::Role::Teacher))
            dir_.setClassTeacher(*classId, accountId);
    }

    store::DirectoryRepository dir_;
    store::PersonRepository people_;
    store::AccountRepository accounts_;
    JournalWriter journal_;
    std::int64_t now_;
    std::map<std::string, std::map<std::string, std::int64_t>> ids_;
};

}  // namespace

namespace {

// Column → its place in the file's header; nullopt when the header is not usable: every
// people column once, journal columns at most once, nothing else.
std::optional<std::vector<std::optional<std::size_t>>> headerPositions(
    const std::vector<std::string>& header) {
    const auto& columns = importColumns();
    std::vector<std::optional<std::size_t>> position(columns.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto it = std::find(columns.begin(), columns.end(), header[i]);
        if (it == columns.end()) return std::nullopt;
        auto& at = position[static_cast<std::size_t>(it - columns.begin())];
        if (at) return std::nullopt;
        at = i;
    }
    for (std::size_t c = 0; c < peopleColumnCount(); ++c)
        if (!position[c]) return std::nullopt;
    return position;
}

Row rowOf(CsvRow& csvRow, const std::vector<std::optional<std::size_t>>& position) {
    const auto& columns = importColumns();
    Row row;
    row.line = csvRow.line;
    row.values.resize(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (!position[c]) continue;
        std::string& value = csvRow.fields[*position[c]];
        // Spaces around a value are never meant, except in a password.
        row.values[c] = columns[c] == "password" ? std::move(value) : trimSpaces(value);
    }
    csvRow.fields = {};
    return row;
}

}  // namespace

PeopleImport::Report PeopleImport::run(std::string_view csvText, bool skipBad,
                                       const Progress& progress) {
    Report report;
    auto parsed = parseCsv(csvText);
    if (parsed.problem != CsvProblem::None) {
        auto p = problem(Code::Csv);
        p.csv = parsed.problem;
        report.errors.push_back({parsed.problemLine, p});
        return report;
    }
    auto position = parsed.rows.empty() ? std::nullopt : headerPositions(parsed.rows[0].fields);
    if (!position) {
        std::string expected;
        for (std::size_t c = 0; c < peopleColumnCount(); ++c)
            expected += (expected.empty() ? "" : ",") + importColumns()[c];
        report.errors.push_back({1, problem(Code::BadHeader, expected)});
        return report;
    }
    std::size_t width = parsed.rows[0].fields.size();

    auto session = db_.session();
    store::DirectoryRepository dir(db_, session);
    Validator validator(db_, session, dir, clock_, scale_);
    std::vector<Row> good;
    for (std::size_t i = 1; i < parsed.rows.size(); ++i) {
        auto& csvRow = parsed.rows[i];
        if (csvRow.fields.size() != width) {
            auto p = problem(Code::WrongFieldCount);
            p.expected = width;
            p.found = csvRow.fields.size();
            report.errors.push_back({csvRow.line, p});
            continue;
        }
        Row row = rowOf(csvRow, *position);
        if (auto p = validator.check(row)) {
            report.errors.push_back({row.line, *p});
            continue;
        }
        good.push_back(std::move(row));
    }
    parsed.rows = {};
    if (!report.errors.empty() && !skipBad) return report;

    // Hashing is the slow part (tens of ms a password): done before the transaction so the
    // database is not locked meanwhile.
    std::size_t total = good.size(), done = 0;
    for (auto& row : good) {
        const std::string& password = row["password"];
        if (row["record"] == "account" && !password.empty())
            row.passwordHash =
                password.rfind("$argon2", 0) == 0 ? password : hasher_.hash(password);
        if (progress) progress(++done, 2 * total);
    }

    store::Transaction tx(db_, session);
    Writer writer(db_, session, vault_, scale_, clock_.unixSeconds());
    for (const auto& row : good) {
        writer.write(row);
        ++report.imported[row["record"]];
        if (progress) progress(++done, 2 * total);
    }
    if (int lessons = writer.finish()) report.imported["lesson"] = lessons;
    store::AuditLog(db_, session)
        .record({clock_.unixSeconds(), std::nullopt, "import",
                 "rows:" + std::to_string(good.size()), "",
                 report.errors.empty() ? "ok" : "ok_skipped_bad"});
    tx.commit();
    report.written = true;
    return report;
}

}  // namespace netcity::flows
