#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/SignInThrottle.h"
#include "flows/Clock.h"
#include "store/AccountRepository.h"
#include "store/Database.h"

namespace netcity::flows {

// Is this the school login and password of an active account? Shared by password sign-in and
// by «Привязать учетную запись»: both count against the same throttle, and an unknown login,
// a wrong password and a blocked account cost the same hashing and give the same answer.
class CredentialCheck {
  public:
    enum class Verdict { Verified, Rejected, Throttled, TemporaryExpired };
    struct Result {
        Verdict verdict;
        std::optional<store::Account> account;  // set when Verified (and, for audit, when known)
        std::chrono::seconds wait{0};
    };

    CredentialCheck(store::Database& db, crypto::PasswordHasher& hasher,
                    domain::SignInThrottle& throttle, const Clock& clock)
        : db_(db), hasher_(hasher), throttle_(throttle), clock_(clock) {}

    Result run(std::int64_t organizationId, const std::string& login, const std::string& password,
               const std::string& clientAddress);

  private:
    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    domain::SignInThrottle& throttle_;
    const Clock& clock_;
};

}  // namespace netcity::flows
