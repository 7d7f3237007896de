#include "flows/PasswordChange.h"

#include "domain/NewPassword.h"
#include "domain/Utf8Text.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"

namespace netcity::flows {

const char* message(PasswordChange::Outcome outcome) {
    switch (outcome) {
        case PasswordChange::Outcome::Changed:
            return "Пароль изменён. Другие сеансы завершены.";
        case PasswordChange::Outcome::WrongOldPassword:
            return "Текущий пароль указан неверно.";
        case PasswordChange::Outcome::Mismatch:
            return domain::describe(domain::NewPasswordProblem::Mismatch);
        case PasswordChange::Outcome::TooShort:
            return domain::describe(domain::NewPasswordProblem::TooShort);
        case PasswordChange::Outcome::TooLong:
            return domain::describe(domain::NewPasswordProblem::TooLong);
        case PasswordChange::Outcome::SameAsOld:
            return "Новый пароль должен отличаться от текущего.";
        case PasswordChange::Outcome::Throttled:
            return "Слишком много неверных попыток ввести текущий пароль. Попробуйте позже.";
    }
    return "";
}

PasswordChange::Outcome PasswordChange::run(const Request& r) {
    auto finish = [&](Outcome outcome) {
        auto s = db_.session();
        store::AuditLog(db_, s).record({clock_.unixSeconds(), r.accountId, "password.change",
                                        "account:" + std::to_string(r.accountId), r.clientAddress,
                                        outcome == Outcome::Changed ? "ok" : "rejected"});
        return outcome;
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
    if (throttle_.waitFor(key, r.clientAddress, now).count() > 0) return finish(Outcome::Throttled);
    throttle_.recordFailure(key, r.clientAddress, now);  // counted before the slow check
    if (!account || account->passwordHash.empty() ||
        !hasher_.verify(account->passwordHash, r.oldPassword))
        return finish(Outcome::WrongOldPassword);
    throttle_.recordSuccess(key, r.clientAddress);
    if (r.newPassword == r.oldPassword) return Outcome::SameAsOld;

    auto hash = hasher_.hash(r.newPassword);
    {
        auto s = db_.session();
        store::AccountRepository(db_, s).setPasswordHash(r.accountId, hash, false);
    }
    sessions_.endOthers(r.accountId, r.currentSessionId);
    return finish(Outcome::Changed);
}

}  // namespace netcity::flows
