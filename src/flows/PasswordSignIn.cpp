#include "flows/PasswordSignIn.h"

#include "flows/CredentialCheck.h"
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

PasswordSignIn::Result PasswordSignIn::run(const Attempt& a) {
    if (policy_ == domain::PasswordLoginPolicy::Nobody) return {Outcome::PolicyClosed};
    auto check = CredentialCheck(db_, hasher_, throttle_, clock_)
                     .run(a.organizationId, a.login, a.password, a.clientAddress);
    if (check.verdict == CredentialCheck::Verdict::Throttled) {
        finish(a, Outcome::Throttled, 0);
        return {Outcome::Throttled, 0, check.wait};
    }
    if (check.verdict == CredentialCheck::Verdict::Rejected)
        return finish(a, Outcome::Rejected, check.account ? check.account->id : 0);
    if (check.verdict == CredentialCheck::Verdict::TemporaryExpired)
        return finish(a, Outcome::TemporaryExpired, check.account->id);
    const auto& account = check.account;

    if (!domain::allowsPasswordLogin(policy_, account->roles))
        return finish(a, Outcome::StaffOnly, account->id);

    if (hasher_.needsRehash(account->passwordHash)) {
        auto upgraded = hasher_.hash(a.password);
        auto s = db_.session();
        store::AccountRepository(db_, s).setPasswordHash(account->id, upgraded,
                                                         account->mustChangePassword);
    }
    return finish(a, account->mustChangePassword ? Outcome::MustChangePassword : Outcome::SignedIn,
                  account->id);
}

PasswordSignIn::Result PasswordSignIn::finish(const Attempt& a, Outcome outcome,
                                              std::int64_t accountId) {
    auto s = db_.session();
    store::AuditEvent event;
    event.at = clock_.unixSeconds();
    if (accountId) event.actorAccountId = accountId;
    event.action = "login.password";
    event.subject = accountId ? "account:" + std::to_string(accountId)
                              : "organization:" + std::to_string(a.organizationId);
    event.clientAddress = a.clientAddress;
    event.outcome = auditOutcome(outcome);
    store::AuditLog(db_, s).record(event);
    return {outcome, accountId};
}

}  // namespace netcity::flows
