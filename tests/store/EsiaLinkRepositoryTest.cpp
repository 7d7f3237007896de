// The link rule as the database keeps it: racing writers, each in its own transaction.
#include <gtest/gtest.h>

#include <latch>
#include <thread>
#include <vector>

#include "crypto/Random.h"
#include "flows/PeopleImport.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"
#include "store/EsiaLinkRepository.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

TEST(EsiaLinkRepository, RacingLinksToOneSchoolAndRoleLeaveOne) {
    TestDatabase database;
    ManualClock clock;
    crypto::PasswordHasher hasher({.memoryKiB = 8 * 1024, .iterations = 1, .maxConcurrent = 1});
    store::SnilsVault vault(crypto::randomBytes(32), crypto::randomBytes(32));
    flows::PeopleImport import(database.db(), hasher, vault, clock);
    ASSERT_TRUE(import.run(kSmallRegionCsv, false).written);
    ASSERT_TRUE(import.run(kMoreStaffCsv, false).written);
    std::vector<std::int64_t> parents;
    {
        auto s = database.db().session();
        auto org = store::DirectoryRepository(database.db(), s).idByKey("organizations", "org-g1");
        store::AccountRepository accounts(database.db(), s);
        for (const char* login : {"lebedeva.as", "orlova.ni", "morozova.rod"})
            parents.push_back(accounts.byLogin(*org, login)->id);
    }
    constexpr std::int64_t kOid = 77;
    for (int round = 0; round < 5; ++round) {
        std::vector<domain::LinkVerdict> verdicts(parents.size());
        std::latch go(static_cast<std::ptrdiff_t>(parents.size()));
        std::vector<std::thread> writers;
        for (std::size_t i = 0; i < parents.size(); ++i)
            writers.emplace_back([&, i] {
                go.arrive_and_wait();
                verdicts[i] = linkDirectly(database.db(), kOid + round, parents[i]);
            });
        for (auto& w : writers) w.join();
        int allowed = 0, taken = 0;
        for (auto v : verdicts) {
            allowed += v == domain::LinkVerdict::Allowed;
            taken += v == domain::LinkVerdict::OrganizationRoleTaken;
        }
        EXPECT_EQ(allowed, 1) << "round " << round;
        EXPECT_EQ(taken, 2) << "round " << round;
        // Free the accounts for the next round.
        auto s = database.db().session();
        s << "DELETE FROM esia_links", Poco::Data::Keywords::now;
    }
    EXPECT_EQ(database.count("esia_link_slots"), 0);  // the slots went with their links
}
