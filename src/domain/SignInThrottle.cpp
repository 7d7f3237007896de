#include "domain/SignInThrottle.h"

#include <algorithm>

namespace netcity::domain {
namespace {

LoginThrottle::Settings addressDefaults() {
    LoginThrottle::Settings s;
    s.freeAttempts = 50;
    s.forgetAfter = std::chrono::minutes(10);  // a school's ordinary typos must not pile up
    return s;
}

}  // namespace

SignInThrottle::SignInThrottle() : SignInThrottle(LoginThrottle::Settings{}, addressDefaults()) {}

SignInThrottle::SignInThrottle(LoginThrottle::Settings perAccount,
                               LoginThrottle::Settings perAddress)
    : accounts_(perAccount), addresses_(perAddress) {}

std::chrono::seconds SignInThrottle::waitFor(const std::string& account, const std::string& address,
                                             LoginThrottle::Clock::time_point now) {
    return std::max(accounts_.waitFor(account, now), addresses_.waitFor(address, now));
}

void SignInThrottle::recordFailure(const std::string& account, const std::string& address,
                                   LoginThrottle::Clock::time_point now) {
    accounts_.recordFailure(account, now);
    addresses_.recordFailure(address, now);
}

void SignInThrottle::recordSuccess(const std::string& account, const std::string& address) {
    accounts_.recordSuccess(account);
    addresses_.takeBackFailure(address);
}

}  // namespace netcity::domain
