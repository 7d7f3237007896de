#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/PasswordLoginPolicy.h"
#include "domain/SignInThrottle.h"
#include "flows/Clock.h"
#include "flows/CredentialCheck.h"
#include "store/Database.h"

namespace netcity::flows {
namespace webapi {
class LegacyVerifiers;
}

// Sign-in with the login and password the school issued: on the web form, and over the SGO
// web API, where the client proves the password by the answer to a challenge (runProof) and
// every rule after that proof is the same.
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
    // The web API's attempt: the same account, a different proof of the password.
    struct ProofAttempt {
        std::int64_t organizationId = 0;
        std::string login, clientAddress;
        CredentialCheck::Proof proof;
    };
    struct Result {
        Outcome outcome;
        std::int64_t accountId = 0;
        std::chrono::seconds wait{0};
    };

    PasswordSignIn(store::Database& db, crypto::PasswordHasher& hasher,
                   domain::SignInThrottle& throttle, const Clock& clock,
                   domain::PasswordLoginPolicy policy, webapi::LegacyVerifiers* verifiers = nullptr)
        : db_(db),
          hasher_(hasher),
          throttle_(throttle),
          clock_(clock),
          policy_(policy),
          verifiers_(verifiers) {}

    Result run(const Attempt& attempt);            // audited as login.password
    Result runProof(const ProofAttempt& attempt);  // audited as login.webapi

  private:
    struct Checked {
        std::optional<Result> decided;  // set: the attempt ends here
        std::optional<store::Account> account;
    };
    Checked check(std::int64_t organizationId, const std::string& login,
                  const CredentialCheck::Proof& proof, const std::string& clientAddress,
                  const char* action);
    Result finish(std::int64_t organizationId, const std::string& clientAddress, const char* action,
                  Outcome outcome, std::int64_t accountId);
    static Outcome signedIn(const store::Account& account);

    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    domain::SignInThrottle& throttle_;
    const Clock& clock_;
    domain::PasswordLoginPolicy policy_;
    webapi::LegacyVerifiers* verifiers_;
};

const char* auditOutcome(PasswordSignIn::Outcome outcome);

}  // namespace netcity::flows
