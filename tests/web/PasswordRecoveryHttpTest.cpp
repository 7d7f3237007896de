// «Восстановить пароль» over HTTP (issue #17): the page only queues the request, so an address
// on file and one that is not leave the same trace when the page answers; the worker then
// writes the link and the letter for the known one only, delivered through a real SMTP server.
#include <gtest/gtest.h>

#include <regex>

#include "support/StaffPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

struct Trace {
    std::int64_t queued, flows, letters, audits;
    bool operator==(const Trace&) const = default;
};

class PasswordRecoveryTest : public StaffPortalTest {
  protected:
    Trace trace() {
        auto& d = portal->database();
        return {d.countQueued("recovery_requests"), d.count("flows"), d.count("mail_outbox"),
                d.count("audit_events")};
    }
};

}  // namespace

TEST_F(PasswordRecoveryTest, KnownAndUnknownAddressesLeaveTheSameTraceUntilTheWorkerAnswers) {
    HttpClient browser(portal->port());
    std::string csrf = HttpClient::csrfFrom(browser.get("/recover").body);
    auto start = trace();
    auto known = browser.post("/recover", "csrf=" + csrf + "&email=orlova@example.org");
    auto afterKnown = trace();
    auto unknown = browser.post("/recover", "csrf=" + csrf + "&email=nikto@example.org");
    auto afterUnknown = trace();

    EXPECT_EQ(known.status, 200);
    EXPECT_EQ(unknown.status, 200);
    EXPECT_EQ(known.body, unknown.body);  // word for word, the address is not echoed either
    EXPECT_TRUE(contains(known.body, "id=\"recover-sent\""));
    Trace oneQueued{start.queued + 1, start.flows, start.letters, start.audits};
    EXPECT_EQ(afterKnown, oneQueued);  // no link, no letter, no audit row yet
    Trace twoQueued{start.queued + 2, start.flows, start.letters, start.audits};
    EXPECT_EQ(afterUnknown, twoQueued);

    EXPECT_EQ(portal->answerRecoveryRequests(), 2);
    EXPECT_EQ(portal->answerRecoveryRequests(), 0);  // each answered once
    auto answered = trace();
    EXPECT_EQ(answered.queued, 0);
    EXPECT_EQ(answered.flows, start.flows + 1);
    EXPECT_EQ(answered.letters, start.letters + 1);
    EXPECT_EQ(
        portal->database().count("audit_events WHERE action = 'password.recover.request'"
                                 " AND outcome = 'sent' AND subject = 'account:" +
                                 std::to_string(portal->accountId("org-g1", "orlova.ni")) + "'"),
        1);
    EXPECT_EQ(portal->database().count("audit_events WHERE action = 'password.recover.request'"
                                       " AND outcome = 'no_account'"),
              1);

    EXPECT_EQ(portal->deliverMail(), 1);
    auto mail = sink.waitFor(1);
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_TRUE(contains(mail[0].to, "orlova@example.org"));
    EXPECT_EQ(mail[0].subject, "Восстановление пароля");
    EXPECT_TRUE(
        std::regex_search(mail[0].text, std::regex("/recover/reset\\?token=[A-Za-z0-9_-]{43}")));
    EXPECT_EQ(portal->deliverMail(), 0);  // nothing for the unknown address
}

TEST_F(PasswordRecoveryTest, AThrottledOrMalformedRequestQueuesNothing) {
    HttpClient browser(portal->port());
    std::string csrf = HttpClient::csrfFrom(browser.get("/recover").body);
    EXPECT_EQ(browser.post("/recover", "csrf=" + csrf + "&email=bad").status, 400);
    EXPECT_EQ(portal->database().countQueued("recovery_requests"), 0);
    int throttled = 0;
    for (int i = 0; i < 8; ++i)
        throttled +=
            browser.post("/recover", "csrf=" + csrf + "&email=orlova@example.org").status == 429;
    EXPECT_GT(throttled, 0);
    EXPECT_EQ(portal->database().countQueued("recovery_requests"), 8 - throttled);
}
