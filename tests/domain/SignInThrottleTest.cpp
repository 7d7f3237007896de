#include <gtest/gtest.h>

#include "domain/SignInThrottle.h"

using namespace netcity::domain;
using namespace std::chrono_literals;

TEST(SignInThrottle, OneAddressMayFailForManyAccountsBeforeItIsSlowed) {
    SignInThrottle throttle;
    auto t = LoginThrottle::Clock::time_point{} + 1000h;
    for (int i = 0; i < 49; ++i) throttle.recordFailure("acc" + std::to_string(i), "10.0.0.1", t);
    EXPECT_EQ(throttle.waitFor("fresh", "10.0.0.1", t), 0s);  // a school behind one NAT
    throttle.recordFailure("acc-last", "10.0.0.1", t);
    EXPECT_GT(throttle.waitFor("fresh", "10.0.0.1", t), 0s);  // then a spray is slowed
    EXPECT_EQ(throttle.waitFor("fresh", "10.0.0.2", t), 0s);
}

TEST(SignInThrottle, OneAccountIsSlowedFromAnyAddress) {
    SignInThrottle throttle;
    auto t = LoginThrottle::Clock::time_point{} + 1000h;
    for (int i = 0; i < 5; ++i) throttle.recordFailure("acc", "10.0.0." + std::to_string(i), t);
    EXPECT_GT(throttle.waitFor("acc", "10.9.9.9", t), 0s);
    throttle.recordSuccess("acc", "10.9.9.9");
    EXPECT_EQ(throttle.waitFor("acc", "10.9.9.9", t), 0s);
}

TEST(SignInThrottle, ASuccessTakesBackTheAddressFailureCountedInAdvance) {
    SignInThrottle throttle;
    auto t = LoginThrottle::Clock::time_point{} + 1000h;
    for (int i = 0; i < 200; ++i) {  // a school's morning: every attempt counted first, then right
        throttle.recordFailure("acc" + std::to_string(i), "10.0.0.1", t);
        throttle.recordSuccess("acc" + std::to_string(i), "10.0.0.1");
    }
    EXPECT_EQ(throttle.waitFor("fresh", "10.0.0.1", t), 0s);
}
