#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace netcity::domain {

// Limits password guesses per account and per client address.
//
// Each key gets `freeAttempts` failures; after that every further failure doubles a lock-out
// that starts at `baseLock` and never exceeds `maxLock`, so an attacker who knows a login can
// keep a real user out for at most `maxLock` at a time, while guessing stays hopelessly slow.
// Failures are forgotten after `forgetAfter` without one. Time is passed in: no clock here.
class LoginThrottle {
  public:
    using Clock = std::chrono::steady_clock;
    struct Settings {
        int freeAttempts = 5;
        std::chrono::seconds baseLock{30};
        std::chrono::seconds maxLock{15 * 60};
        std::chrono::seconds forgetAfter{60 * 60};
        std::size_t maxTrackedKeys = 100000;
    };

    LoginThrottle() : LoginThrottle(Settings{}) {}
    explicit LoginThrottle(Settings settings) : settings_(settings) {}

    // Zero when the key may try now, else how long it has to wait.
    std::chrono::seconds waitFor(const std::string& key, Clock::time_point now);
    void recordFailure(const std::string& key, Clock::time_point now);
    void recordSuccess(const std::string& key);
    // Undoes one failure recorded in advance for an attempt that succeeded.
    void takeBackFailure(const std::string& key);

  private:
    struct Entry {
        int failures = 0;
        Clock::time_point lastFailure{};
        Clock::time_point lockedUntil{};
    };
    void forgetStale(Clock::time_point now);
    void forgetOldestHalf(Clock::time_point now);

    Settings settings_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

// «Попробуйте через 3 минуты»: whole minutes, rounded up, with the Russian plural.
std::string minutesPhrase(std::chrono::seconds wait);

}  // namespace netcity::domain
