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
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/DirectoryRepository.h"
#include "store/PersonRepository.h"

namespace netcity::flows {
namespace {

const std::vector<std::string> kColumns{
    "record",     "key",         "parent",     "name",   "type",  "last_name",
    "first_name", "middle_name", "birth_date", "gender", "snils", "email",
    "phone",      "login",       "password",   "roles",  "class"};

constexpr std::size_t kMaxFieldLength = 200;

// Where each record kind keeps its keys, and what its `parent` column refers to.
const std::map<std::string, std::string> kTableOf{
    {"region", "regions"},      {"municipality", "municipalities"},
    {"locality", "localities"}, {"organization", "organizations"},
    {"class", "classes"},       {"person", "persons"}};

// Columns each kind uses besides record, key and parent; the first `required` of them must be
// filled, and every column not listed must be empty (a value there is a shifted column).
struct KindColumns {
    std::vector<std::string> used;
    std::size_t required;
};

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

struct Row {
    int line = 0;
    std::map<std::string, std::string> f;
    std::string passwordHash;  // accounts: computed before the transaction
    const std::string& operator[](const std::string& c) const { return f.at(c); }
};

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

class Validator {
  public:
    Validator(store::DirectoryRepository& dir, const Clock& clock) : dir_(dir), clock_(clock) {}

    // nullopt: the row is good, and its key becomes known to later rows.
    Check check(const Row& r) {
        for (const auto& [col, value] : r.f) {
            if (!domain::isValidUtf8(value)) return columnProblem(Code::InvalidUtf8, col);
            if (domain::hasControlCharacters(value))
                return columnProblem(Code::ControlCharacters, col);
            if (domain::codePointCount(value) > kMaxFieldLength)
                return columnProblem(Code::TooLong, col);
        }
        const std::string& kind = r["record"];
        auto columns = kKindColumns.find(kind);
        if (columns == kKindColumns.end()) return problem(Code::UnknownKind, kind);
        const auto& used = columns->second.used;
        for (const auto& [col, value] : r.f) {
            bool allowed = col == "record" || col == "key" ||
                           (col == "parent" && kind != "region" && kind != "person") ||
                           std::find(used.begin(), used.end(), col) != used.end();
            if (!allowed && !value.empty())
                return columnProblem(Code::UnusedColumnFilled, col, kind);
        }
        for (std::size_t i = 0; i < columns->second.required; ++i)
            if (r[used[i]].empty()) return columnProblem(Code::RequiredColumnEmpty, used[i], kind);
        if (auto p = checkKind(kind, r)) return p;
        remember(kind, r);
        return {};
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
        if (seen_[kind].count(key)) return {};
        if (dir_.idByKey(kTableOf.at(kind), key)) return {};
        auto p = problem(Code::UnknownReference, key);
        p.kind = kind;
        return p;
    }

    void remember(const std::string& kind, const Row& r) {
        if (kind == "account") {
            logins_.insert(r["parent"] + "/" + store::loginKey(r["login"]));
            loginOwners_[r["parent"] + "/" + store::loginKey(r["login"])] = r["key"];
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
    const Clock& clock_;
    std::map<std::string, std::set<std::string>> seen_;
    // Facts about keys that may come from the file or from the database.
    bool isAuthority(const std::string& organizationKey) {
        if (auto it = authority_.find(organizationKey); it != authority_.end()) return it->second;
        return authority_[organizationKey] = dir_.organizationTypeByKey(organizationKey) ==
                                             domain::OrganizationType::Authority;
    }
    std::string classOrganization(const std::string& classKey) {
        if (auto it = classOrganization_.find(classKey); it != classOrganization_.end())
            return it->second;
        return classOrganization_[classKey] = dir_.organizationKeyOfClass(classKey).value_or("");
    }
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
           std::int64_t now)
        : dir_(db, s), people_(db, s, vault), accounts_(db, s), now_(now) {}

    void write(const Row& r) {
        const std::string& kind = r["record"];
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
    std::int64_t now_;
    std::map<std::string, std::map<std::string, std::int64_t>> ids_;
};

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
    std::map<std::string, std::size_t> position;  // column -> index in the file's header
    if (!parsed.rows.empty())
        for (std::size_t i = 0; i < parsed.rows[0].fields.size(); ++i)
            position.emplace(parsed.rows[0].fields[i], i);
    bool headerOk = !parsed.rows.empty() && parsed.rows[0].fields.size() == kColumns.size() &&
                    position.size() == kColumns.size();
    for (const auto& c : kColumns) headerOk = headerOk && position.count(c);
    if (!headerOk) {
        std::string expected;
        for (const auto& c : kColumns) expected += (expected.empty() ? "" : ",") + c;
        report.errors.push_back({1, problem(Code::BadHeader, expected)});
        return report;
    }

    auto session = db_.session();
    store::DirectoryRepository dir(db_, session);
    Validator validator(dir, clock_);
    std::vector<Row> good;
    for (std::size_t i = 1; i < parsed.rows.size(); ++i) {
        const auto& csvRow = parsed.rows[i];
        if (csvRow.fields.size() != kColumns.size()) {
            auto p = problem(Code::WrongFieldCount);
            p.expected = kColumns.size();
            p.found = csvRow.fields.size();
            report.errors.push_back({csvRow.line, p});
            continue;
        }
        Row row{csvRow.line, {}, {}};
        for (const auto& c : kColumns) {
            std::string value = csvRow.fields[position[c]];
            // Spaces around a value are never meant, except in a password.
            row.f[c] = c == "password" ? value : trimSpaces(value);
        }
        if (auto p = validator.check(row)) {
            report.errors.push_back({row.line, *p});
            continue;
        }
        good.push_back(std::move(row));
    }
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
    Writer writer(db_, session, vault_, clock_.unixSeconds());
    for (const auto& row : good) {
        writer.write(row);
        ++report.imported[row["record"]];
        if (progress) progress(++done, 2 * total);
    }
    store::AuditLog(db_, session)
        .record({clock_.unixSeconds(), std::nullopt, "import",
                 "rows:" + std::to_string(good.size()), "",
                 report.errors.empty() ? "ok" : "ok_skipped_bad"});
    tx.commit();
    report.written = true;
    return report;
}

}  // namespace netcity::flows
