#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/PasswordLoginPolicy.h"
#include "domain/SignInThrottle.h"
#include "flows/Clock.h"
#include "store/Database.h"

namespace netcity::flows {

// Sign-in with the login and password the school issued.
//
// States of one attempt: Received → (PolicyClosed | Throttled | CredentialsChecked) →
// (Rejected | TemporaryExpired | StaffOnly | SignedIn | MustChangePassword).
// An unknown login, a wrong password and a blocked account end the same way, after the same
// amount of hashing, so the answer tells nothing about which accounts exist.
class PasswordSignIn {
  public:
    enum class Outcome {
        SignedIn,
        MustChangePassword,  // signed in, but only the password change is open
        Rejected,
        Throttled,
        PolicyClosed,  // password sign-in is off in this deployment
        StaffOnly,     // the password was right but this role must use Gosuslugi
        TemporaryExpired,
    };
    struct Attempt {
        std::int64_t organizationId = 0;
        std::string login, password, clientAddress;
    };
    struct Result {
        Outcome outcome;
        std::int64_t accountId = 0;
        std::chrono::seconds wait{0};
    };

    PasswordSignIn(store::Database& db, crypto::PasswordHasher& hasher,
                   domain::SignInThrottle& throttle, const Clock& clock,
                   domain::PasswordLoginPolicy policy)
        : db_(db), hasher_(hasher), throttle_(throttle), clock_(clock), policy_(policy) {}

    Result run(const Attempt& attempt);

  private:
    Result finish(const Attempt& a, Outcome outcome, std::int64_t accountId);

    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    domain::SignInThrottle& throttle_;
    const Clock& clock_;
    domain::PasswordLoginPolicy policy_;
};

const char* auditOutcome(PasswordSignIn::Outcome outcome);

}  // namespace netcity::flows
