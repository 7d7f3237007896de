#include <gtest/gtest.h>

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

TEST(LoginThrottle, MemoryStaysBounded) {
    LoginThrottle::Settings s;
    s.maxTrackedKeys = 100;
    LoginThrottle throttle(s);
    auto t = LoginThrottle::Clock::time_point{} + 1000h;
    for (int i = 0; i < 10000; ++i) throttle.recordFailure("k" + std::to_string(i), t);
    SUCCEED();
}

TEST(LoginThrottle, MinutesInRussian) {
    EXPECT_EQ(minutesPhrase(30s), "1 минуту");
    EXPECT_EQ(minutesPhrase(150s), "3 минуты");
    EXPECT_EQ(minutesPhrase(15min), "15 минут");
    EXPECT_EQ(minutesPhrase(21min), "21 минуту");
}
