#include "flows/AccountAdministration.h"

#include <Poco/Data/Transaction.h>

#include "crypto/Random.h"
#include "domain/LoginSuggestion.h"
#include "domain/TemporaryPassword.h"
#include "domain/Utf8Text.h"
#include "flows/webapi/LegacyVerifiers.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/DirectoryRepository.h"
#include "store/FlowRepository.h"
#include "store/PersonRepository.h"

namespace netcity::flows {
namespace {

using Outcome = AccountAdministration::Outcome;
using Problem = AccountAdministration::Problem;

AccountAdministration::Result outcome(Outcome o) {
    AccountAdministration::Result r;
    r.outcome = o;
    return r;
}

bool loginLike(const std::string& login) {
    if (login.empty() || !domain::isValidUtf8(login) || domain::codePointCount(login) > 40)
        return false;
    for (unsigned char c : login)
        if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\'' || c == '&')
            return false;
    return true;
}

}  // namespace

// Hashed before any transaction starts: argon2id takes tens of milliseconds, and SQLite
// holds its write lock for as long as a transaction lives.
AccountAdministration::Issued AccountAdministration::newTemporaryPassword() {
    Issued p;
    p.password =
        crypto::randomString(domain::kTemporaryPasswordAlphabet, domain::kTemporaryPasswordLength);
    p.hash = hasher_.hash(p.password);
    p.expiresAt = clock_.unixSeconds() + domain::kTemporaryPasswordLifetimeSeconds;
    return p;
}

AccountAdministration::Result AccountAdministration::issueTemporaryPassword(
    std::int64_t staffAccountId, std::int64_t accountId, const std::string& clientAddress) {
    auto s = db_.session();
    auto target = reach_.resolve(s, staffAccountId, accountId, domain::Access::Change,
                                 "password.issue", clientAddress);
    if (!target) return outcome(Outcome::NotFound);
    if (!domain::canChange(target->access)) return outcome(Outcome::ReadOnly);
    return issue(s, accountId, target->account.login, staffAccountId, clientAddress, std::nullopt);
}

AccountAdministration::Result AccountAdministration::issueByOperator(std::int64_t accountId) {
    auto s = db_.session();
    auto account = store::AccountRepository(db_, s).byId(accountId);
    if (!account) return outcome(Outcome::NotFound);
    return issue(s, accountId, account->login, std::nullopt, "operator", account->organizationId);
}

// A new temporary password for the account: stored hashed, recovery links and sessions of the
// old password ended, audited.
AccountAdministration::Result AccountAdministration::issue(
    Poco::Data::Session& s, std::int64_t accountId, const std::string& login,
    std::optional<std::int64_t> actor, const std::string& clientAddress,
    std::optional<std::int64_t> organizationId) {
    Result r = outcome(Outcome::Done);
    r.accountId = accountId;
    r.login = login;
    auto issued = newTemporaryPassword();
    r.temporaryPassword = issued.password;
    r.expiresAt = issued.expiresAt;
    store::Transaction tx(db_, s);
    store::AccountRepository(db_, s).issueTemporaryPassword(accountId, issued.hash,
                                                            issued.expiresAt);
    if (verifiers_) verifiers_->remember(s, accountId, issued.password);
    store::FlowRepository(db_, s).removeOfAccount("recovery", accountId);
    store::AuditLog(db_, s).record({clock_.unixSeconds(), actor, "password.issue",
                                    "account:" + std::to_string(accountId), clientAddress, "ok",
                                    organizationId});
    // Whoever holds the old password is signed out with it.
    sessions_.endOthers(s, accountId, "");
    tx.commit();
    return r;
}

AccountAdministration::Result AccountAdministration::setBlocked(std::int64_t staffAccountId,
                                                                std::int64_t accountId,
                                                                bool blocked,
                                                                const std::string& clientAddress) {
    std::string action = blocked ? "account.block" : "account.unblock";
    auto s = db_.session();
    auto target =
        reach_.resolve(s, staffAccountId, accountId, domain::Access::Change, action, clientAddress);
    if (!target) return outcome(Outcome::NotFound);
    if (!domain::canChange(target->access)) return outcome(Outcome::ReadOnly);
    if (accountId == staffAccountId) return outcome(Outcome::OwnAccount);
    store::Transaction tx(db_, s);
    store::AccountRepository(db_, s).setBlocked(accountId, blocked);
    if (blocked) store::FlowRepository(db_, s).removeOfAccount("recovery", accountId);
    store::AuditLog(db_, s).record({clock_.unixSeconds(), staffAccountId, action,
                                    "account:" + std::to_string(accountId), clientAddress, "ok"});
    if (blocked) sessions_.endOthers(s, accountId, "");
    tx.commit();
    Result r = outcome(Outcome::Done);
    r.accountId = accountId;
    return r;
}

AccountAdministration::Result AccountAdministration::create(std::int64_t staffAccountId,
                                                            const NewAccount& in,
                                                            const std::string& clientAddress) {
    auto s = db_.session();
    auto staff = reach_.staff(s, staffAccountId);
    Result r = outcome(Outcome::Invalid);
    if (!staff) return outcome(Outcome::NotFound);
    auto role = domain::parseRole(in.role);
    if (!role || *role == domain::Role::Administrator || *role == domain::Role::Authority)
        r.problems["role"] = Problem::RoleMissing;
    if (role == domain::Role::Teacher && !staff->roles.count(domain::Role::Administrator))
        r.problems["role"] = Problem::StaffByAdministrator;
    domain::StaffPlace place{staff->organizationId, staff->municipalityId, {}};
    if (role == domain::Role::Student) {
        bool ours = false;
        for (const auto& c : store::DirectoryRepository(db_, s).classes(staff->organizationId))
            ours = ours || (in.classId && c.id == *in.classId);
        if (!ours)
            r.problems["class"] = Problem::ClassMissing;
        else
            place.classes.insert(*in.classId);
    }
    // A class teacher adds students to their own class; parents are added by the
    // administrator or from the child's card.
    if (!domain::canChange(domain::accessTo(*staff, place)) && r.problems.empty())
        return outcome(Outcome::ReadOnly);
    auto card =
        domain::checkCard(in.card, domain::CalendarDate::fromUnixSeconds(clock_.unixSeconds()));
    r.cardProblems = card.problems;
    store::AccountRepository accounts(db_, s);
    std::string login = domain::collapseSpaces(in.login);
    if (!login.empty() && !loginLike(login))
        r.problems["login"] = Problem::LoginMalformed;
    else if (!login.empty() && accounts.byLogin(staff->organizationId, login))
        r.problems["login"] = Problem::LoginTaken;
    if (!r.problems.empty() || !r.cardProblems.empty()) return r;
    for (int attempt = 1; login.empty(); ++attempt) {
        auto candidate = domain::suggestLogin(card.fields.name, attempt);
        if (!accounts.byLogin(staff->organizationId, candidate)) login = candidate;
    }
    std::int64_t at = clock_.unixSeconds();
    auto issued = newTemporaryPassword();
    store::Transaction tx(db_, s);
    store::Person person;
    person.name = card.fields.name;
    person.birthDate = card.fields.birthDate;
    person.gender = card.fields.gender;
    person.snils = card.fields.snils;
    person.email = card.fields.email;
    person.phone = card.fields.phone;
    person.id = store::PersonRepository(db_, s, vault_).create(person, at);
    store::Account account;
    account.organizationId = staff->organizationId;
    account.personId = person.id;
    account.login = login;
    account.roles = {*role};
    if (role == domain::Role::Student) account.classId = in.classId;
    auto created = accounts.insert(account, at);
    if (!created) {  // taken a moment ago (a double click): nothing of this attempt stays
        Result taken = outcome(Outcome::Invalid);
        taken.problems["login"] = Problem::LoginTaken;
        return taken;
    }
    r.accountId = *created;
    r.login = login;
    accounts.issueTemporaryPassword(r.accountId, issued.hash, issued.expiresAt);
    if (verifiers_) verifiers_->remember(s, r.accountId, issued.password);
    r.temporaryPassword = issued.password;
    r.expiresAt = issued.expiresAt;
    store::AuditLog(db_, s).record({at, staffAccountId, "account.create",
                                    "account:" + std::to_string(r.accountId), clientAddress, "ok"});
    tx.commit();
    r.outcome = Outcome::Done;
    return r;
}

}  // namespace netcity::flows
