#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/Database.h"

namespace netcity::store::webapi {

// The lt/ver/salt of `auth/getdata`, kept under the hash of the caller's session cookie until
// one sign-in uses them or they expire.
struct LoginChallenge {
    std::string lt, ver, salt;
};

class LoginChallenges {
  public:
    LoginChallenges(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // False when this cookie already holds a challenge with this lt.
    bool add(const std::string& cookieHash, const LoginChallenge& challenge,
             std::int64_t expiresAt);
    // Removes and returns the challenge, when it is this cookie's and has not expired. Taken
    // even when it is then answered wrongly: each challenge admits one try.
    std::optional<LoginChallenge> take(const std::string& cookieHash, const std::string& lt,
                                       std::int64_t now);
    long removeExpired(std::int64_t now);  // how many went

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::webapi
