#include "flows/PasswordChange.h"

#include "domain/NewPassword.h"
#include "domain/Utf8Text.h"
#include "flows/webapi/LegacyVerifiers.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"

namespace netcity::flows {

PasswordChange::Outcome PasswordChange::run(const Request& r) {
    auto audit = [&](Poco::Data::Session& s, Outcome outcome) {
        store::AuditLog(db_, s).record({clock_.unixSeconds(), r.accountId, "password.change",
                                        "account:" + std::to_string(r.accountId), r.clientAddress,
                                        outcome == Outcome::Changed ? "ok" : "rejected"});
        return outcome;
    };
    auto refuse = [&](Outcome outcome) {
        auto s = db_.session();
        return audit(s, outcome);
    };
    switch (domain::checkNewPassword(r.newPassword, r.repeat)) {
        case domain::NewPasswordProblem::Mismatch:
            return Outcome::Mismatch;
        case domain::NewPasswordProblem::TooShort:
            return Outcome::TooShort;
        case domain::NewPasswordProblem::TooLong:
            return Outcome::TooLong;
        case domain::NewPasswordProblem::None:
            break;
    }

    std::optional<store::Account> account;
    {
        auto s = db_.session();
        account = store::AccountRepository(db_, s).byId(r.accountId);
    }
    std::string key = "password-change:" + std::to_string(r.accountId);
    auto now = clock_.steady();
    if (throttle_.waitFor(key, r.clientAddress, now).count() > 0) return refuse(Outcome::Throttled);
    throttle_.recordFailure(key, r.clientAddress, now);  // counted before the slow check
    if (!account || account->passwordHash.empty() ||
        !hasher_.verify(account->passwordHash, r.oldPassword))
        return refuse(Outcome::WrongOldPassword);
    throttle_.recordSuccess(key, r.clientAddress);
    if (r.newPassword == r.oldPassword) return Outcome::SameAsOld;

    auto hash = hasher_.hash(r.newPassword);  // before the transaction: it takes a while
    auto s = db_.session();
    store::Transaction tx(db_, s);  // the new hash, the other sessions ended, the audit row
    store::AccountRepository(db_, s).setPasswordHash(r.accountId, hash, false);
    if (verifiers_) verifiers_->remember(s, r.accountId, r.newPassword);
    sessions_.endOthers(s, r.accountId, r.currentSessionId);
    audit(s, Outcome::Changed);
    tx.commit();
    return Outcome::Changed;
}

}  // namespace netcity::flows
