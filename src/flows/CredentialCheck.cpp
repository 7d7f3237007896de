#include "flows/CredentialCheck.h"

namespace netcity::flows {

CredentialCheck::Result CredentialCheck::run(std::int64_t organizationId, const std::string& login,
                                             const std::string& password,
                                             const std::string& clientAddress) {
    auto now = clock_.steady();
    std::string throttleKey = std::to_string(organizationId) + ":" + store::loginKey(login);
    if (auto wait = throttle_.waitFor(throttleKey, clientAddress, now); wait.count() > 0)
        return {Verdict::Throttled, std::nullopt, wait};
    std::optional<store::Account> account;
    {
        auto s = db_.session();
        account = store::AccountRepository(db_, s).byLogin(organizationId, login);
    }
    bool verified = false;
    if (account && !account->passwordHash.empty()) {
        verified = hasher_.verify(account->passwordHash, password);
    } else {
        hasher_.verifyDummy(password);
    }
    if (!verified || account->blocked) {
        throttle_.recordFailure(throttleKey, clientAddress, now);
        return {Verdict::Rejected, account, {}};
    }
    throttle_.recordSuccess(throttleKey);
    return {Verdict::Verified, account, {}};
}

}  // namespace netcity::flows
