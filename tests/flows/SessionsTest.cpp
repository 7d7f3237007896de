#include <gtest/gtest.h>

#include "crypto/Random.h"
#include "flows/PeopleImport.h"
#include "flows/Sessions.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

TEST(Sessions, RotationTimeoutsAndEndingOthers) {
    TestDatabase database;
    ManualClock clock;
    crypto::PasswordHasher hasher({.memoryKiB = 8 * 1024, .iterations = 1, .maxConcurrent = 1});
    store::SnilsVault vault(crypto::randomBytes(32), crypto::randomBytes(32));
    ASSERT_TRUE(flows::PeopleImport(database.db(), hasher, vault, clock)
                    .run(kSmallRegionCsv, false)
                    .written);
    flows::Sessions sessions(database.db(), clock,
                             {.idleTimeout = 600, .absoluteTimeout = 3600, .touchEvery = 60});
    auto a = *sessions.start(1, "");
    auto b = *sessions.start(1, a);  // rotation: the old id dies
    EXPECT_FALSE(sessions.resolve(a));
    ASSERT_TRUE(sessions.resolve(b));
    EXPECT_EQ(sessions.resolve(b)->accountId, 1);
    EXPECT_FALSE(sessions.resolve("short"));
    for (int i = 0; i < 6; ++i) {  // active use keeps it alive up to the absolute limit
        clock.advance(std::chrono::seconds(500));
        EXPECT_TRUE(sessions.resolve(b)) << i;
    }
    clock.advance(std::chrono::seconds(700));
    EXPECT_FALSE(sessions.resolve(b));
    auto c = *sessions.start(1, ""), d = *sessions.start(1, "");
    sessions.endOthers(1, c);
    EXPECT_TRUE(sessions.resolve(c));
    EXPECT_FALSE(sessions.resolve(d));
}
