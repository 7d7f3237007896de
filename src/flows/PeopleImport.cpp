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

class Validator {
  public:
    Validator(store::DirectoryRepository& dir, const Clock& clock) : dir_(dir), clock_(clock) {}

    // Empty string: the row is good, and its key becomes known to later rows.
    std::string check(const Row& r) {
        for (const auto& [col, value] : r.f) {
            if (!domain::isValidUtf8(value)) return "поле " + col + ": текст не в кодировке UTF-8";
            if (domain::hasControlCharacters(value)) return "поле " + col + ": управляющие символы";
            if (domain::codePointCount(value) > kMaxFieldLength)
                return "поле " + col + ": длиннее 200 символов";
        }
        const std::string& kind = r["record"];
        auto columns = kKindColumns.find(kind);
        if (columns == kKindColumns.end()) return "неизвестный вид записи «" + kind + "»";
        const auto& used = columns->second.used;
        for (const auto& [col, value] : r.f) {
            bool allowed = col == "record" || col == "key" ||
                           (col == "parent" && kind != "region" && kind != "person") ||
                           std::find(used.begin(), used.end(), col) != used.end();
            if (!allowed && !value.empty())
                return "столбец " + col + " не используется в записи вида " + kind +
                       " (сдвиг столбцов?)";
        }
        for (std::size_t i = 0; i < columns->second.required; ++i)
            if (r[used[i]].empty())
                return "для записи вида " + kind + " обязателен столбец " + used[i];
        std::string error = checkKind(kind, r);
        if (!error.empty()) return error;
        remember(kind, r);
        return {};
    }

  private:
    std::string checkKind(const std::string& kind, const Row& r) {
        if (kind == "relation") return checkRelation(r);
        if (!validKey(r["key"])) return "ключ пуст или содержит недопустимые символы";
        if (kind == "account") return checkAccount(r);
        if (seen_[kind].count(r["key"])) return "ключ " + r["key"] + " уже встречался в файле";
        if (kind == "person") return checkPerson(r);
        if (domain::collapseSpaces(r["name"]).empty()) return "не указано название";
        if (kind == "region") return {};
        if (kind == "municipality") return needParent("region", r["parent"]);
        if (kind == "locality") return needParent("municipality", r["parent"]);
        if (kind == "class") {
            if (auto e = needParent("organization", r["parent"]); !e.empty()) return e;
            if (isAuthority(r["parent"])) return "у органа управления образованием нет классов";
            return {};
        }
        auto type = domain::parseOrganizationType(r["type"]);
        if (!type) return "неизвестный тип организации «" + r["type"] + "»";
        return needParent(
            *type == domain::OrganizationType::Authority ? "municipality" : "locality",
            r["parent"]);
    }

    std::string checkPerson(const Row& r) {
        if (domain::collapseSpaces(r["last_name"]).empty() ||
            domain::collapseSpaces(r["first_name"]).empty())
            return "не указаны фамилия или имя";
        if (!r["birth_date"].empty()) {
            auto date = domain::CalendarDate::parse(r["birth_date"]);
            if (!date) return "неверная дата рождения «" + r["birth_date"] + "» (нужно ДД.ММ.ГГГГ)";
            if (*date > domain::CalendarDate::fromUnixSeconds(clock_.unixSeconds()))
                return "дата рождения в будущем";
        }
        if (!r["gender"].empty() && r["gender"] != "М" && r["gender"] != "Ж")
            return "пол указывается буквой М или Ж";
        domain::SnilsNumber::ParseError snilsError{};
        if (!r["snils"].empty() && !domain::SnilsNumber::parse(r["snils"], &snilsError))
            return std::string(domain::describe(snilsError));
        if (!r["email"].empty() && !validEmail(r["email"])) return "неверный адрес e-mail";
        if (!r["phone"].empty() && !validPhone(r["phone"]))
            return "телефон нужен в виде +7XXXXXXXXXX";
        return {};
    }

    std::string checkAccount(const Row& r) {
        if (auto e = needParent("person", r["key"]); !e.empty()) return e;
        if (auto e = needParent("organization", r["parent"]); !e.empty()) return e;
        if (!validKey(r["login"])) return "логин пуст или содержит недопустимые символы";
        std::string loginId = r["parent"] + "/" + store::loginKey(r["login"]);
        if (logins_.count(loginId))
            return "логин " + r["login"] + " уже встречался в этой организации";
        auto roles = domain::parseRoleList(r["roles"]);
        if (!roles) return "неизвестная роль в «" + r["roles"] + "»";
        bool authorityOrg = isAuthority(r["parent"]);
        bool authorityRole = roles->count(domain::Role::Authority) > 0;
        if (authorityOrg != authorityRole)
            return authorityOrg
                       ? "в органе управления образованием нужна роль authority"
                       : "роль authority допустима только в органе управления образованием";
        if (authorityOrg &&
            (roles->count(domain::Role::Student) || roles->count(domain::Role::Parent) ||
             roles->count(domain::Role::Teacher)))
            return "в органе управления образованием допустимы только роли authority и "
                   "administrator";
        if (!r["class"].empty()) {
            bool student = roles->count(domain::Role::Student),
                 teacher = roles->count(domain::Role::Teacher);
            if (student == teacher)
                return "класс указывается только обучающемуся или классному руководителю";
            if (auto e = needParent("class", r["class"]); !e.empty()) return e;
            if (classOrganization(r["class"]) != r["parent"])
                return "класс " + r["class"] + " относится к другой организации";
        }
        if (auto owner = loginOwner(r["parent"], r["login"]); owner && *owner != r["key"])
            return "логин " + r["login"] + " в этой организации принадлежит другому человеку";
        return {};
    }

    std::string checkRelation(const Row& r) {
        if (auto e = needParent("person", r["key"]); !e.empty()) return e;
        if (auto e = needParent("person", r["parent"]); !e.empty()) return e;
        if (r["key"] == r["parent"]) return "человек не может быть родителем самому себе";
        if (relations_.count(r["key"] + "/" + r["parent"]))
            return "эта связь уже встречалась в файле";
        return {};
    }

    std::string needParent(const std::string& kind, const std::string& key) {
        if (key.empty()) return "не указан ключ записи вида " + kind;
        if (seen_[kind].count(key)) return {};
        if (dir_.idByKey(kTableOf.at(kind), key)) return {};
        return "нет записи вида " + kind + " с ключом " + key;
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
    if (!parsed.error.empty()) {
        report.errors.push_back({parsed.errorLine, parsed.error});
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
        report.errors.push_back({1, "в заголовке должны быть по одному разу столбцы " + expected});
        return report;
    }

    auto session = db_.session();
    store::DirectoryRepository dir(db_, session);
    Validator validator(dir, clock_);
    std::vector<Row> good;
    for (std::size_t i = 1; i < parsed.rows.size(); ++i) {
        const auto& csvRow = parsed.rows[i];
        if (csvRow.fields.size() != kColumns.size()) {
            report.errors.push_back({csvRow.line, "ожидалось " + std::to_string(kColumns.size()) +
                                                      " полей, а их " +
                                                      std::to_string(csvRow.fields.size())});
            continue;
        }
        Row row{csvRow.line, {}, {}};
        for (const auto& c : kColumns) {
            std::string value = csvRow.fields[position[c]];
            // Spaces around a value are never meant, except in a password.
            row.f[c] = c == "password" ? value : trimSpaces(value);
        }
        if (auto error = validator.check(row); !error.empty()) {
            report.errors.push_back({row.line, error});
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
