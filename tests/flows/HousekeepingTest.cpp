#include <gtest/gtest.h>

#include "flows/Housekeeping.h"
#include "store/FlowRepository.h"
#include "store/RecoveryAnswers.h"
#include "store/webapi/LoginChallenges.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

// Sealed Gosuslugi profiles at «Запись не найдена» must not linger until somebody else
// happens to start a sign-in: the shipped wiring sweeps them on its own.
TEST(Housekeeping, SweepsExpiredFlowsAndSessionsWithoutAnyoneSigningIn) {
    TestPortal portal;
    auto now = portal.clock().unixSeconds();
    {
        auto s = portal.db().session();
        store::FlowRepository flows(portal.db(), s);
        flows.create("expired", {"esia-result", "b", "sealed", now - 1000, now - 1});
        flows.create("live", {"esia-result", "b", "sealed", now, now + 900});
    }
    auto teacher = portal.accountId("org-g1", "vorontsova.em");
    auto& sessions = portal.runtime().sessions();
    auto old = sessions.start(teacher, "");
    ASSERT_TRUE(old);
    portal.clock().advance(std::chrono::hours(13));  // past the absolute limit
    auto fresh = sessions.start(teacher, "");
    auto swept = portal.runtime().housekeeping().runOnce();
    EXPECT_EQ(swept.flows, 2);  // the live one expired meanwhile too
    EXPECT_EQ(swept.sessions, 1);
    EXPECT_EQ(portal.database().count("sessions"), 1);
    EXPECT_TRUE(sessions.resolve(*fresh));
}

// A request's key is kept only as long as the request could still be found queued.
TEST(Housekeeping, ForgetsTheKeysOfRecoveryRequestsAnsweredAWeekAgo) {
    TestPortal portal;
    auto now = portal.clock().unixSeconds();
    {
        auto s = portal.db().session();
        store::RecoveryAnswers answers(portal.db(), s);
        ASSERT_TRUE(answers.record("week-old", now - 7 * 24 * 3600 - 1));
        ASSERT_TRUE(answers.record("recent", now - 3600));
    }
    auto swept = portal.runtime().housekeeping().runOnce();
    EXPECT_EQ(swept.recoveryAnswers, 1);
    EXPECT_EQ(portal.database().count("recovery_answers WHERE request_key = 'recent'"), 1);
    EXPECT_EQ(portal.database().count("recovery_answers"), 1);
}

// The web API's one-time challenges of clients that never signed in go without a new getdata.
TEST(Housekeeping, SweepsExpiredWebApiChallenges) {
    TestPortal portal;
    auto now = portal.clock().unixSeconds();
    {
        auto s = portal.db().session();
        store::webapi::LoginChallenges challenges(portal.db(), s);
        ASSERT_TRUE(challenges.add("cookie-a", {"600000001", "1", "salt"}, now - 1));
        ASSERT_TRUE(challenges.add("cookie-b", {"600000002", "2", "salt"}, now + 300));
    }
    auto swept = portal.runtime().housekeeping().runOnce();
    EXPECT_EQ(swept.loginChallenges, 1);
    EXPECT_EQ(portal.database().count("webapi_challenges WHERE cookie_hash = 'cookie-b'"), 1);
    EXPECT_EQ(portal.database().count("webapi_challenges"), 1);
}
