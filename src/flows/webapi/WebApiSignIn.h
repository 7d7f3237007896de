#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/PasswordLoginPolicy.h"
#include "domain/SignInThrottle.h"
#include "flows/Clock.h"
#include "flows/Sessions.h"
#include "flows/webapi/LegacyVerifiers.h"
#include "store/Database.h"
#include "store/webapi/LoginChallenges.h"

namespace netcity::flows::webapi {

// Password sign-in over the SGO web API (sgo-webapi.md §3): `auth/getdata` hands the caller's
// session cookie a one-time challenge (lt, ver, salt); `login` answers it with
// md5hex(salt + verifier) and gets an `at` session. Every rule after the challenge is the web
// form's (PasswordSignIn: throttle, policy, temporary passwords, blocking, audit).
//
// States of one attempt: Received → (Closed | ChallengeSpent) → PasswordSignIn's states →
// (SignedIn with an `at` | refused).
class WebApiSignIn {
  public:
    enum class Outcome {
        SignedIn,
        Rejected,  // wrong school, login or answer; a spent, foreign or expired challenge
        Throttled,
        PolicyClosed,  // --password-login nobody
        Closed,        // --webapi-password-login off
        StaffOnly,
        TemporaryExpired,
        MustChangePassword,  // only the web form can change it
    };
    struct Attempt {
        std::string cookie, lt, ver;
        std::int64_t organizationId = 0;
        std::string login, answer, clientAddress;
    };
    struct Result {
        Outcome outcome;
        std::int64_t accountId = 0;
        std::string at;  // set when SignedIn
        std::chrono::seconds wait{0};
    };

    WebApiSignIn(store::Database& db, crypto::PasswordHasher& hasher,
                 domain::SignInThrottle& throttle, const Clock& clock, Sessions& sessions,
                 LegacyVerifiers& verifiers, domain::PasswordLoginPolicy policy)
        : db_(db),
          hasher_(hasher),
          throttle_(throttle),
          clock_(clock),
          sessions_(sessions),
          verifiers_(verifiers),
          policy_(policy) {}

    static constexpr std::int64_t kChallengeSeconds = 5 * 60;  // from auth/getdata to login

    // A fresh challenge for this session cookie (which the caller has checked is present).
    store::webapi::LoginChallenge issue(const std::string& cookie);
    Result signIn(const Attempt& attempt);
    std::optional<Sessions::Active> resolve(const std::string& at);
    // False when `at` names no live session.
    bool logout(const std::string& at);

    static std::string cookieHash(const std::string& cookie);

  private:
    Result refuse(const Attempt& a, Outcome outcome, const char* auditOutcome);

    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    domain::SignInThrottle& throttle_;
    const Clock& clock_;
    Sessions& sessions_;
    LegacyVerifiers& verifiers_;
    domain::PasswordLoginPolicy policy_;
};

}  // namespace netcity::flows::webapi
