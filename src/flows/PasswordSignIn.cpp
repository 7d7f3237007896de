#include "flows/PasswordSignIn.h"

#include "flows/CredentialCheck.h"
#include "flows/webapi/LegacyVerifiers.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"

namespace netcity::flows {
const char* auditOutcome(PasswordSignIn::Outcome outcome) {
    switch (outcome) {
        case PasswordSignIn::Outcome::SignedIn:
            return "ok";
        case PasswordSignIn::Outcome::MustChangePassword:
            return "ok_must_change_password";
        case PasswordSignIn::Outcome::Rejected:
            return "rejected";
        case PasswordSignIn::Outcome::Throttled:
            return "throttled";
        case PasswordSignIn::Outcome::PolicyClosed:
            return "policy_closed";
        case PasswordSignIn::Outcome::StaffOnly:
            return "staff_only";
        case PasswordSignIn::Outcome::TemporaryExpired:
            return "temporary_password_expired";
    }
    return "unknown";
}

PasswordSignIn::Checked PasswordSignIn::check(std::int64_t organizationId, const std::string& login,
                                              const CredentialCheck::Proof& proof,
                                              const std::string& clientAddress,
                                              const char* action) {
    auto end = [&](Outcome outcome, std::int64_t accountId) {
        return Checked{finish(organizationId, clientAddress, action, outcome, accountId), {}};
    };
    if (policy_ == domain::PasswordLoginPolicy::Nobody) return {Result{Outcome::PolicyClosed}, {}};
    auto check = CredentialCheck(db_, hasher_, throttle_, clock_)
                     .run(organizationId, login, proof, clientAddress);
    if (check.verdict == CredentialCheck::Verdict::Throttled) {
        finish(organizationId, clientAddress, action, Outcome::Throttled, 0);
        return {Result{Outcome::Throttled, 0, check.wait}, {}};
    }
    if (check.verdict == CredentialCheck::Verdict::Rejected)
        return end(Outcome::Rejected, check.account ? check.account->id : 0);
    if (check.verdict == CredentialCheck::Verdict::TemporaryExpired)
        return end(Outcome::TemporaryExpired, check.account->id);
    if (!domain::allowsPasswordLogin(policy_, check.account->roles))
        return end(Outcome::StaffOnly, check.account->id);
    return {std::nullopt, check.account};
}

PasswordSignIn::Outcome PasswordSignIn::signedIn(const store::Account& account) {
    return account.mustChangePassword ? Outcome::MustChangePassword : Outcome::SignedIn;
}

PasswordSignIn::Result PasswordSignIn::run(const Attempt& a) {
    auto proof = CredentialCheck(db_, hasher_, throttle_, clock_).passwordProof(a.password);
    auto checked = check(a.organizationId, a.login, proof, a.clientAddress, "login.password");
    if (checked.decided) return *checked.decided;
    const auto& account = checked.account;
    bool rehash = hasher_.needsRehash(account->passwordHash);
    bool remember = verifiers_ && verifiers_->enabled();
    if (rehash || remember) {
        auto upgraded = rehash ? hasher_.hash(a.password) : std::string{};
        auto s = db_.session();
        store::Transaction tx(db_, s);
        if (rehash)
            store::AccountRepository(db_, s).setPasswordHash(account->id, upgraded,
                                                             account->mustChangePassword);
        if (verifiers_) verifiers_->remember(s, account->id, a.password);
        tx.commit();
    }
    return finish(a.organizationId, a.clientAddress, "login.password", signedIn(*account),
                  account->id);
}

PasswordSignIn::Result PasswordSignIn::runProof(const ProofAttempt& a) {
    auto checked = check(a.organizationId, a.login, a.proof, a.clientAddress, "login.webapi");
    if (checked.decided) return *checked.decided;
    return finish(a.organizationId, a.clientAddress, "login.webapi", signedIn(*checked.account),
                  checked.account->id);
}

PasswordSignIn::Result PasswordSignIn::finish(std::int64_t organizationId,
                                              const std::string& clientAddress, const char* action,
                                              Outcome outcome, std::int64_t accountId) {
    auto s = db_.session();
    store::AuditEvent event;
    event.at = clock_.unixSeconds();
    if (accountId) event.actorAccountId = accountId;
    event.action = action;
    event.subject = accountId ? "account:" + std::to_string(accountId)
                              : "organization:" + std::to_string(organizationId);
    event.clientAddress = clientAddress;
    event.outcome = auditOutcome(outcome);
    store::AuditLog(db_, s).record(event);
    return {outcome, accountId};
}

}  // namespace netcity::flows
