#pragma once

#include <cstdint>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/SignInThrottle.h"
#include "flows/Clock.h"
#include "flows/Sessions.h"
#include "store/Database.h"

namespace netcity::flows {
namespace webapi {
class LegacyVerifiers;
}

// «Сменить пароль» in personal settings: the old password is required, and every other session
// of the account ends, so a stolen session dies with the old password.
class PasswordChange {
  public:
    enum class Outcome {
        Changed,
        WrongOldPassword,
        Mismatch,
        TooShort,
        TooLong,
        SameAsOld,
        Throttled
    };
    struct Request {
        std::int64_t accountId = 0;
        std::string currentSessionId, oldPassword, newPassword, repeat, clientAddress;
    };

    PasswordChange(store::Database& db, crypto::PasswordHasher& hasher, Sessions& sessions,
                   domain::SignInThrottle& throttle, const Clock& clock,
                   webapi::LegacyVerifiers* verifiers = nullptr)
        : db_(db),
          hasher_(hasher),
          sessions_(sessions),
          throttle_(throttle),
          clock_(clock),
          verifiers_(verifiers) {}

    Outcome run(const Request& request);

  private:
    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    Sessions& sessions_;
    domain::SignInThrottle& throttle_;  // an unattended session must not become a guessing oracle
    const Clock& clock_;
    webapi::LegacyVerifiers* verifiers_;  // the web API's, written with the new password
};

}  // namespace netcity::flows
