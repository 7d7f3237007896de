// The directory's and people's rows of an import (docs/csv-format.md): each checked against
// the file's earlier rows and the database.
#include <algorithm>
#include <optional>
#include <set>

#include "domain/CalendarDate.h"
#include "domain/EmailAddress.h"
#include "domain/OrganizationType.h"
#include "domain/PersonFields.h"
#include "domain/Role.h"
#include "domain/SnilsNumber.h"
#include "domain/Utf8Text.h"
#include "flows/PeopleRows.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"
#include "store/EsiaLinkRepository.h"

namespace netcity::flows {
namespace {

bool validKey(const std::string& k) {
    if (k.empty() || k.size() > 64) return false;
    for (char c : k)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

using Code = ImportProblem::Code;
using Check = std::optional<ImportProblem>;  // nullopt: the row is good
using Row = ImportRow;

ImportProblem problem(Code code, std::string value = {}) {
    return importProblem(code, std::move(value));
}

}  // namespace

const std::map<std::string, KindColumns>& peopleKinds() {
    // Every column a kind does not list must be empty (a value there is a shifted column).
    static const std::map<std::string, KindColumns> kKinds{
        {"region", {{"name"}, 1}},
        {"municipality", {{"name"}, 1}},
        {"locality", {{"name"}, 1}},
        {"organization", {{"name", "type"}, 2}},
        {"class", {{"name"}, 1}},
        {"person",
         {{"last_name", "first_name", "birth_date", "gender", "middle_name", "snils", "email",
           "phone"},
          4}},
        {"account", {{"login", "roles", "password", "class"}, 2}},
        {"relation", {{}, 0}},
    };
    return kKinds;
}

const std::string& tableOf(const std::string& kind) {
    static const std::map<std::string, std::string> kTables{
        {"region", "regions"},      {"municipality", "municipalities"},
        {"locality", "localities"}, {"organization", "organizations"},
        {"class", "classes"},       {"person", "persons"}};
    return kTables.at(kind);
}

struct PeopleValidator::State : KnownPeople {
    State(store::Database& db, Poco::Data::Session& s, const Clock& clock)
        : dir_(db, s), accounts_(db, s), links_(db, s), clock_(clock) {}

    // nullopt: the row is good, and its key becomes known to later rows.
    Check check(const Row& r) {
        const std::string& kind = r["record"];
        if (auto p = checkKind(kind, r)) return p;
        remember(kind, r);
        return {};
    }

    bool knows(const std::string& kind, const std::string& key) override {
        return seen_[kind].count(key) || dir_.idByKey(tableOf(kind), key);
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
        if (auto p = checkNames(r)) return p;
        if (!r["birth_date"].empty()) {
            auto date = domain::CalendarDate::parse(r["birth_date"]);
            if (!date) return problem(Code::BadBirthDate, r["birth_date"]);
            auto today = domain::CalendarDate::fromUnixSeconds(clock_.unixSeconds());
            if (*date > today) return problem(Code::BirthDateInFuture);
            if (!domain::isPlausibleBirthDate(*date, today))
                return problem(Code::BadBirthDate, r["birth_date"]);
        }
        if (!r["gender"].empty() && r["gender"] != "М" && r["gender"] != "Ж")
            return problem(Code::BadGender);
        domain::SnilsNumber::ParseError snilsError{};
        if (!r["snils"].empty() && !domain::SnilsNumber::parse(r["snils"], &snilsError)) {
            auto p = problem(Code::BadSnils);
            p.snils = snilsError;
            return p;
        }
        if (!r["email"].empty() && !domain::EmailAddress::parse(r["email"]))
            return problem(Code::BadEmail);
        if (!r["phone"].empty() && !domain::isPhoneLike(r["phone"])) return problem(Code::BadPhone);
        return {};
    }

    // The card's rules (domain/PersonFields), so that every imported person can be saved there.
    static Check checkNames(const Row& r) {
        for (const char* column : {"last_name", "first_name", "middle_name"}) {
            bool required = std::string_view(column) != "middle_name";
            auto found = domain::checkPersonName(domain::collapseSpaces(r[column]), required);
            if (found == domain::NameProblem::Empty) return problem(Code::NoPersonName);
            if (found != domain::NameProblem::None) {
                auto p = problem(Code::BadPersonName, r[column]);
                p.column = column;
                return p;
            }
        }
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
        return checkLinkSlots(r, *roles);
    }

    // An account linked to Gosuslugi holds a slot per organization and role (EsiaLinkRule):
    // its new roles must not take one that another account of the same Gosuslugi account
    // holds, as the roles the file gave earlier rows stand.
    Check checkLinkSlots(const Row& r, const domain::RoleSet& roles) {
        auto org = dir_.idByKey("organizations", r["parent"]);
        if (!org) return {};
        auto [cached, fresh] = linkedLogins_.try_emplace(*org);
        if (fresh) cached->second = links_.linkedLogins(*org);
        auto linked = cached->second.find(store::loginKey(r["login"]));
        if (linked == cached->second.end()) return {};
        auto [accountId, oid] = linked->second;
        auto others = links_.linkedAccounts(oid);
        for (auto& other : others)
            if (auto it = fileLinkedRoles_.find(other.accountId); it != fileLinkedRoles_.end())
                other.roles = it->second;
        if (domain::checkLink(oid, {accountId, *org, roles}, std::nullopt, others) !=
            domain::LinkVerdict::Allowed)
            return problem(Code::LinkSlotTaken, r["login"]);
        fileLinkedRoles_[accountId] = roles;
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

    store::DirectoryRepository dir_;
    store::AccountRepository accounts_;
    store::EsiaLinkRepository links_;
    const Clock& clock_;
    std::map<std::int64_t, std::map<std::string, store::EsiaLinkRepository::LinkedLogin>>
        linkedLogins_;                                         // by organization
    std::map<std::int64_t, domain::RoleSet> fileLinkedRoles_;  // by account
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

PeopleValidator::PeopleValidator(store::Database& db, Poco::Data::Session& session,
                                 const Clock& clock)
    : s_(std::make_unique<State>(db, session, clock)) {}

PeopleValidator::~PeopleValidator() = default;

std::optional<ImportProblem> PeopleValidator::check(const ImportRow& row) {
    return s_->check(row);
}

bool PeopleValidator::knows(const std::string& kind, const std::string& key) {
    return s_->knows(kind, key);
}

bool PeopleValidator::isAuthority(const std::string& organizationKey) {
    return s_->isAuthority(organizationKey);
}

std::string PeopleValidator::classOrganization(const std::string& classKey) {
    return s_->classOrganization(classKey);
}

std::optional<KnownAccount> PeopleValidator::account(const std::string& organizationKey,
                                                     const std::string& login) {
    return s_->account(organizationKey, login);
}

}  // namespace netcity::flows
