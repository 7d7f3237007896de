#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/PersonCard.h"
#include "flows/Clock.h"
#include "flows/Sessions.h"
#include "flows/StaffReach.h"
#include "store/SnilsVault.h"

namespace netcity::flows {
namespace webapi {
class LegacyVerifiers;
}

// School accounts in staff hands (seed 003): a login for a person, a temporary password —
// random, shown once, valid 3 days, changed at first sign-in — and blocking, which ends the
// person's sessions at once. A teacher who only reads a class cannot do any of it.
// Outcomes and problems are codes; the pages say them in Russian.
class AccountAdministration {
  public:
    enum class Outcome {
        Done,
        NotFound,  // no such account, or out of reach
        ReadOnly,
        Invalid,     // a new account's fields: `problems`, `cardProblems`
        OwnAccount,  // staff do not block themselves
    };
    // A new account's problems besides its card, one per form field.
    enum class Problem {
        RoleMissing,           // role
        StaffByAdministrator,  // role: a teacher's account needs an administrator
        ClassMissing,          // class
        LoginMalformed,        // login
        LoginTaken,            // login
    };
    struct Result {
        Outcome outcome = Outcome::NotFound;
        std::map<std::string, Problem> problems;          // field → problem
        std::map<std::string, std::string> cardProblems;  // domain::checkCard's wording
        std::int64_t accountId = 0;
        std::string login, temporaryPassword;  // shown once, never stored in clear
        std::int64_t expiresAt = 0;
    };

    struct NewAccount {
        domain::CardInput card;
        std::string role;  // student, parent, teacher
        std::optional<std::int64_t> classId;
        std::string login;  // empty: «ФамилияИО»
    };

    AccountAdministration(store::Database& db, const store::SnilsVault& vault,
                          crypto::PasswordHasher& hasher, Sessions& sessions, const Clock& clock,
                          webapi::LegacyVerifiers* verifiers = nullptr)
        : db_(db),
          vault_(vault),
          hasher_(hasher),
          sessions_(sessions),
          clock_(clock),
          reach_(db, clock),
          verifiers_(verifiers) {}

    Result create(std::int64_t staffAccountId, const NewAccount& account,
                  const std::string& clientAddress);
    Result issueTemporaryPassword(std::int64_t staffAccountId, std::int64_t accountId,
                                  const std::string& clientAddress);
    // The region's operator at the command line (`netcity admin temp-password`), e.g. for a
    // school's first administrator: no staff reach to check, audited as the operator's.
    Result issueByOperator(std::int64_t accountId);
    Result setBlocked(std::int64_t staffAccountId, std::int64_t accountId, bool blocked,
                      const std::string& clientAddress);

  private:
    struct Issued {
        std::string password, hash;
        std::int64_t expiresAt = 0;
    };
    Issued newTemporaryPassword();
    Result issue(Poco::Data::Session& s, std::int64_t accountId, const std::string& login,
                 std::optional<std::int64_t> actor, const std::string& clientAddress,
                 std::optional<std::int64_t> organizationId);
    store::Database& db_;
    const store::SnilsVault& vault_;
    crypto::PasswordHasher& hasher_;
    Sessions& sessions_;
    const Clock& clock_;
    StaffReach reach_;
    webapi::LegacyVerifiers* verifiers_;  // the web API's, written with each issued password
};

}  // namespace netcity::flows
