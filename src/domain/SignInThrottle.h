#pragma once

#include <chrono>
#include <string>

#include "domain/LoginThrottle.h"

namespace netcity::domain {

// Password guesses are limited per account and per client address. An address gets many more
// free attempts than an account: a whole school behind one NAT signs in from one address at
// 8 a.m., while guessing one account's password is never legitimate.
class SignInThrottle {
  public:
    SignInThrottle();
    SignInThrottle(LoginThrottle::Settings perAccount, LoginThrottle::Settings perAddress);

    std::chrono::seconds waitFor(const std::string& account, const std::string& address,
                                 LoginThrottle::Clock::time_point now);
    void recordFailure(const std::string& account, const std::string& address,
                       LoginThrottle::Clock::time_point now);
    // Clears the account's failures and takes back the address's failure counted for this
    // attempt.
    void recordSuccess(const std::string& account, const std::string& address);

  private:
    LoginThrottle accounts_, addresses_;
};

}  // namespace netcity::domain
