#include "flows/CredentialCheck.h"

namespace netcity::flows {

CredentialCheck::Result CredentialCheck::run(std::int64_t organizationId, const std::string& login,
                                             const std::string& password,
                                             const std::string& clientAddress) {
    return run(organizationId, login, passwordProof(password), clientAddress);
}

CredentialCheck::Proof CredentialCheck::passwordProof(const std::string& password) {
    auto* hasher = &hasher_;
    return {[hasher, &password](const store::Account& account) {
                return hasher->verify(account.passwordHash, password);
            },
            [hasher, &password] { hasher->verifyDummy(password); }};
}

CredentialCheck::Result CredentialCheck::run(std::int64_t organizationId, const std::string& login,
                                             const Proof& proof, const std::string& clientAddress) {
    auto now = clock_.steady();
    std::string throttleKey = std::to_string(organizationId) + ":" + store::loginKey(login);
    if (auto wait = throttle_.waitFor(throttleKey, clientAddress, now); wait.count() > 0)
        return {Verdict::Throttled, std::nullopt, wait};
    // Counted as a failure before the (slow) hash check, so that a burst of parallel guesses
    // meets the limit; taken back when the password turns out right.
    throttle_.recordFailure(throttleKey, clientAddress, now);
    std::optional<store::Account> account;
    {
        auto s = db_.session();
        account = store::AccountRepository(db_, s).byLogin(organizationId, login);
    }
    bool verified = false;
    if (account && !account->passwordHash.empty()) {
        verified = proof.verify(*account);
    } else {
        proof.spend();
    }
    if (!verified || account->blocked) return {Verdict::Rejected, account, {}};
    throttle_.recordSuccess(throttleKey, clientAddress);
    // A temporary password dies after its days, whatever it is used for (sign-in or linking).
    if (account->temporaryPasswordExpiresAt &&
        *account->temporaryPasswordExpiresAt < clock_.unixSeconds())
        return {Verdict::TemporaryExpired, account, {}};
    return {Verdict::Verified, account, {}};
}

}  // namespace netcity::flows
