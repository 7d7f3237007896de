#include "flows/PasswordSignIn.h"

#include "store/AccountRepository.h"
#include "store/AuditLog.h"

namespace netcity::flows {
namespace {

std::string accountKey(std::int64_t organizationId, const std::string& login) {
    return std::to_string(organizationId) + ":" + store::loginKey(login);
}

}  // namespace

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
    using Outcome = Outcome;
    if (policy_ == domain::PasswordLoginPolicy::Nobody) return {Outcome::PolicyClosed};

    auto now = clock_.steady();
    std::string throttleKey = accountKey(a.organizationId, a.login);
    auto wait = throttle_.waitFor(throttleKey, a.clientAddress, now);
    if (wait.count() > 0) {
        finish(a, Outcome::Throttled, 0);
        return {Outcome::Throttled, 0, wait};
    }

    std::optional<store::Account> account;
    {
        auto s = db_.session();
        account = store::AccountRepository(db_, s).byLogin(a.organizationId, a.login);
    }
    bool verified = false;
    if (account && !account->passwordHash.empty()) {
        verified = hasher_.verify(account->passwordHash, a.password);
    } else {
        hasher_.verifyDummy(a.password);
    }
    if (!verified || account->blocked) {
        throttle_.recordFailure(throttleKey, a.clientAddress, now);
        return finish(a, Outcome::Rejected, account ? account->id : 0);
    }
    throttle_.recordSuccess(throttleKey);

    if (!domain::allowsPasswordLogin(policy_, account->roles))
        return finish(a, Outcome::StaffOnly, account->id);
    if (account->temporaryPasswordExpiresAt &&
        *account->temporaryPasswordExpiresAt < clock_.unixSeconds())
        return finish(a, Outcome::TemporaryExpired, account->id);

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
