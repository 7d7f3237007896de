#pragma once

#include <cstdint>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/ControlQuestion.h"
#include "flows/Clock.h"
#include "store/Database.h"

namespace netcity::flows {

// Choosing the control question and its answer; the answer is kept as an argon2id hash of
// its normalised form, never as text.
class ControlQuestionSetup {
  public:
    ControlQuestionSetup(store::Database& db, crypto::PasswordHasher& hasher, const Clock& clock)
        : db_(db), hasher_(hasher), clock_(clock) {}

    domain::ControlQuestionProblem run(std::int64_t accountId, const std::string& question,
                                       const std::string& answer, const std::string& clientAddress);

  private:
    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    const Clock& clock_;
};

}  // namespace netcity::flows
