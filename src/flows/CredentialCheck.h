#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/SignInThrottle.h"
#include "flows/Clock.h"
#include "store/AccountRepository.h"
#include "store/Database.h"

namespace netcity::flows {

// Is this the school login and password of an active account? Shared by password sign-in (on
// the web form and over the SGO web API) and by «Привязать учетную запись»: all count against
// the same throttle, and an unknown login, a wrong password and a blocked account cost the same
// work and give the same answer.
class CredentialCheck {
  public:
    enum class Verdict { Verified, Rejected, Throttled, TemporaryExpired };
    struct Result {
        Verdict verdict;
        std::optional<store::Account> account;  // set when Verified (and, for audit, when known)
        std::chrono::seconds wait{0};
    };

    // How the caller shows it knows the password: the password itself (argon2id), or the
    // answer to the web API's challenge. `spend` does the same work when there is no account.
    struct Proof {
        std::function<bool(const store::Account&)> verify;
        std::function<void()> spend;
    };

    CredentialCheck(store::Database& db, crypto::PasswordHasher& hasher,
                    domain::SignInThrottle& throttle, const Clock& clock)
        : db_(db), hasher_(hasher), throttle_(throttle), clock_(clock) {}

    Result run(std::int64_t organizationId, const std::string& login, const std::string& password,
               const std::string& clientAddress);
    // The password itself, checked against the argon2id hash (`password` must outlive it).
    Proof passwordProof(const std::string& password);
    Result run(std::int64_t organizationId, const std::string& login, const Proof& proof,
               const std::string& clientAddress);

  private:
    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    domain::SignInThrottle& throttle_;
    const Clock& clock_;
};

}  // namespace netcity::flows
