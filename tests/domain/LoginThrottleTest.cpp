#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/LoginThrottle.h"

using namespace netcity::domain;
using namespace std::chrono_literals;

TEST(LoginThrottle, FreeAttemptsThenGrowingBoundedLock) {
    LoginThrottle throttle;
    auto t = LoginThrottle::Clock::time_point{} + 1000h;
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(throttle.waitFor("acc", t), 0s);
        throttle.recordFailure("acc", t);
    }
    EXPECT_EQ(throttle.waitFor("acc", t), 30s);
    t += 30s;
    EXPECT_EQ(throttle.waitFor("acc", t), 0s);
    throttle.recordFailure("acc", t);
    EXPECT_EQ(throttle.waitFor("acc", t), 60s);
    for (int i = 0; i < 30; ++i) throttle.recordFailure("acc", t);
    EXPECT_EQ(throttle.waitFor("acc", t), 15min);  // never longer than maxLock
    EXPECT_EQ(throttle.waitFor("other", t), 0s);
}

TEST(LoginThrottle, SuccessAndTimeForgive) {
    LoginThrottle throttle;
    auto t = LoginThrottle::Clock::time_point{} + 1000h;
    for (int i = 0; i < 6; ++i) throttle.recordFailure("acc", t);
    throttle.recordSuccess("acc");
    EXPECT_EQ(throttle.waitFor("acc", t), 0s);
    for (int i = 0; i < 5; ++i) throttle.recordFailure("acc", t);
    t += 2h;
    throttle.recordFailure("acc", t);  // old failures forgotten: this is the first again
    EXPECT_EQ(throttle.waitFor("acc", t), 0s);
}

// A flood of distinct keys past maxTrackedKeys forgets the oldest failures first and never a
// live lock: an attacker cannot free a locked account by guessing from many addresses.
TEST(LoginThrottle, TheMemoryBoundForgetsTheOldestAndKeepsLiveLocks) {
    LoginThrottle::Settings s;
    s.maxTrackedKeys = 100;
    LoginThrottle throttle(s);
    auto t = LoginThrottle::Clock::time_point{} + 1000h;
    std::vector<std::string> locked, oldest, newest;
    for (int i = 0; i < 4; ++i) locked.push_back("locked-" + std::to_string(i));
    for (int i = 0; i < 10; ++i) oldest.push_back("oldest-" + std::to_string(i));
    for (int i = 0; i < 10; ++i) newest.push_back("newest-" + std::to_string(i));
    auto fourFailures = [&](const std::vector<std::string>& keys,
                            LoginThrottle::Clock::time_point at) {
        for (const auto& k : keys)
            for (int i = 0; i < 4; ++i) throttle.recordFailure(k, at);
    };
    for (const auto& k : locked)
        for (int i = 0; i < 10; ++i) throttle.recordFailure(k, t);
    fourFailures(oldest, t + 1s);
    for (int i = 0; i < 250; ++i)
        throttle.recordFailure("flood-" + std::to_string(i), t + 2s + i * 1ms);
    fourFailures(newest, t + 3s);

    auto now = t + 4s;
    for (const auto& k : locked) EXPECT_EQ(throttle.waitFor(k, now), 15min - 4s) << k;
    // A fifth failure locks a key whose four earlier ones are remembered, and only such a key.
    for (const auto& k : oldest) {
        throttle.recordFailure(k, now);
        EXPECT_EQ(throttle.waitFor(k, now), 0s) << k << " should have been forgotten";
    }
    for (const auto& k : newest) {
        throttle.recordFailure(k, now);
        EXPECT_EQ(throttle.waitFor(k, now), 30s) << k << " should have been remembered";
    }
}

TEST(LoginThrottle, MinutesInRussian) {
    EXPECT_EQ(minutesPhrase(30s), "1 минуту");
    EXPECT_EQ(minutesPhrase(150s), "3 минуты");
    EXPECT_EQ(minutesPhrase(15min), "15 минут");
    EXPECT_EQ(minutesPhrase(21min), "21 минуту");
}
