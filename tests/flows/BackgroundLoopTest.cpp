// The loop behind the outbox, the recovery queue and housekeeping: a pass at start, at once
// again while there is more, early when woken, and a failing pass does not end the thread.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "flows/BackgroundLoop.h"

using namespace netcity;
using namespace std::chrono_literals;

namespace {

bool eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 500 && !done(); ++i) std::this_thread::sleep_for(10ms);
    return done();
}

}  // namespace

TEST(BackgroundLoop, RunsAtStartAndOnlyWhenWokenWithinItsInterval) {
    std::atomic<int> passes{0};
    flows::BackgroundLoop loop("test.loop", 1h, [&] {
        ++passes;
        return false;
    });
    loop.start();
    ASSERT_TRUE(eventually([&] { return passes == 1; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(passes, 1);  // the hour has not passed
    loop.wake();
    EXPECT_TRUE(eventually([&] { return passes == 2; }));
    loop.stop();
    EXPECT_EQ(passes, 2);
}

TEST(BackgroundLoop, GoesOnAtOnceWhileAPassSaysMoreIsWaiting) {
    std::atomic<int> passes{0};
    flows::BackgroundLoop loop("test.loop", 1h, [&] { return ++passes < 5; });
    loop.start();
    EXPECT_TRUE(eventually([&] { return passes == 5; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(passes, 5);
}

TEST(BackgroundLoop, APassThatThrowsIsTriedAgainAtTheNextTurn) {
    std::atomic<int> passes{0};
    flows::BackgroundLoop loop("test.loop", 10ms, [&]() -> bool {
        if (++passes == 1) throw std::runtime_error("database restarting");
        return false;
    });
    loop.start();
    EXPECT_TRUE(eventually([&] { return passes >= 3; }));
}

TEST(BackgroundLoop, StopEndsTheThreadWithoutWaitingForTheInterval) {
    std::atomic<int> passes{0};
    flows::BackgroundLoop loop("test.loop", 1h, [&] {
        ++passes;
        return false;
    });
    loop.start();
    ASSERT_TRUE(eventually([&] { return passes == 1; }));
    auto before = std::chrono::steady_clock::now();
    loop.stop();
    loop.stop();  // idempotent
    EXPECT_LT(std::chrono::steady_clock::now() - before, 5s);
}
