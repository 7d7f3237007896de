// The recovery worker (issue #17): told of a queued request only once the page has answered,
// the same way for an address on file and one that is not; woken by it instead of waiting for
// its poll; and two of them (two nodes) answer every queued request exactly once.
#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

#include "crypto/Random.h"
#include "flows/PeopleImport.h"
#include "flows/RecoveryWorker.h"
#include "store/AuditLog.h"
#include "store/RecoveryAnswers.h"
#include "store/RecoveryRequests.h"
#include "support/TestDatabase.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class RecoveryWorkerTest : public ::testing::Test {
  protected:
    TestDatabase database;
    ManualClock clock;
    crypto::PasswordHasher hasher{{.memoryKiB = 8 * 1024, .iterations = 1, .maxConcurrent = 2}};
    store::SnilsVault vault{crypto::randomBytes(32), crypto::randomBytes(32)};
    flows::Sessions sessions{database.db(), clock, flows::Sessions::Settings{}};
    mail::Letters letters{"http://portal.example/"};

    void SetUp() override {
        auto report =
            flows::PeopleImport(database.db(), hasher, vault, clock).run(kSmallRegionCsv, false);
        ASSERT_TRUE(report.written);
    }
    std::unique_ptr<flows::PasswordRecovery> recovery(std::function<void()> queued = {}) {
        flows::PasswordRecovery::Settings s;
        s.resetUrl = "http://portal.example/recover/reset?token=";
        return std::make_unique<flows::PasswordRecovery>(database.db(), hasher, sessions, letters,
                                                         clock, s, nullptr, std::move(queued));
    }
    bool eventually(const std::function<bool()>& done) {
        for (int i = 0; i < 500 && !done(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return done();
    }
};

}  // namespace

TEST_F(RecoveryWorkerTest, AQueuedRequestWakesTheWorkerBeforeItsPoll) {
    flows::RecoveryWorker* wake = nullptr;
    auto flow = recovery([&] { wake->wake(); });
    flows::RecoveryWorker worker(*flow, {std::chrono::hours(1), 20});
    wake = &worker;
    worker.start();
    // The first pass runs at start; wait for it to sleep, so only the wake can answer.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto outcome = flows::PasswordRecovery::Outcome::BadEmail;
    flow->request("v@example.org", "192.0.2.1", [&](const auto& r) { outcome = r.outcome; });
    EXPECT_EQ(outcome, flows::PasswordRecovery::Outcome::Sent);
    EXPECT_TRUE(eventually([&] { return database.count("mail_outbox") == 1; }));
    // The request leaves the queue just after its answer commits.
    EXPECT_TRUE(eventually([&] { return database.countQueued("recovery_requests") == 0; }));
    worker.stop();
}

TEST_F(RecoveryWorkerTest, TheWorkerHearsOfARequestOnlyAfterThePageAnsweredWhateverTheAddress) {
    std::vector<std::string> events;
    auto flow = recovery([&] { events.push_back("worker woken"); });
    auto imported = database.count("audit_events");  // the import's own row
    auto rows = [&] {
        return std::to_string(database.countQueued("recovery_requests")) + " queued, " +
               std::to_string(database.count("flows")) + " flows, " +
               std::to_string(database.count("mail_outbox")) + " letters, " +
               std::to_string(database.count("audit_events") - imported) + " audit rows";
    };
    auto ask = [&](const std::string& email) {
        events.clear();
        flow->request(email, "192.0.2.1", [&](const flows::PasswordRecovery::Request& r) {
            events.push_back(
                (r.outcome == flows::PasswordRecovery::Outcome::Sent ? "sent, " : "refused, ") +
                rows());
        });
        return events;
    };
    using Events = std::vector<std::string>;
    EXPECT_EQ(ask("v@example.org"),
              (Events{"sent, 1 queued, 0 flows, 0 letters, 0 audit rows", "worker woken"}));
    EXPECT_EQ(ask("nikto@example.org"),
              (Events{"sent, 2 queued, 0 flows, 0 letters, 0 audit rows", "worker woken"}));
    EXPECT_EQ(ask("not an address"),
              (Events{"refused, 2 queued, 0 flows, 0 letters, 0 audit rows"}));
}

TEST_F(RecoveryWorkerTest, TwoNodesAnswerEveryQueuedRequestOnce) {
    constexpr int kRequests = 30;
    {
        auto& store = database.db().queueStore();
        auto s = store.session();
        store::RecoveryRequests queue(store, s);
        for (int i = 0; i < kRequests; ++i)
            queue.add({0, "key-" + std::to_string(i), i % 2 ? "v@example.org" : "nikto@example.org",
                       "192.0.2.1", clock.unixSeconds()});
    }
    auto first = recovery(), second = recovery();
    flows::RecoveryWorker a(*first, {std::chrono::hours(1), 4}),
        b(*second, {std::chrono::hours(1), 4});
    std::atomic<int> answered{0};
    auto drain = [&](flows::RecoveryWorker& w) {
        for (int n = w.runOnce(); n > 0; n = w.runOnce()) answered += n;
    };
    std::thread ta([&] { drain(a); }), tb([&] { drain(b); });
    ta.join();
    tb.join();
    // A worker may stop early when the other took the row it looked at; whatever is left is
    // still queued, never lost.
    drain(a);
    EXPECT_EQ(answered.load(), kRequests);
    EXPECT_EQ(database.countQueued("recovery_requests"), 0);
    EXPECT_EQ(database.count("flows WHERE kind = 'recovery'"), kRequests / 2);
    EXPECT_EQ(database.count("mail_outbox"), kRequests / 2);
    EXPECT_EQ(database.count("audit_events WHERE outcome = 'no_account'"), kRequests / 2);
}

// The leak issue #17 was left with: a request sent right after one for an address on file met
// the worker's longer transaction (its links, letters and audit rows) and waited for SQLite's
// one writer. The queue store is not that writer's: a request is queued while the database is
// in the middle of a write.
TEST_F(RecoveryWorkerTest, ARequestIsQueuedWhileTheDatabaseIsInTheMiddleOfAWrite) {
    auto flow = recovery();
    std::promise<void> writing, asked;
    std::atomic<bool> committed{false};
    std::thread writer([&] {
        auto s = database.db().session();
        store::Transaction tx(database.db(), s);
        store::AuditLog(database.db(), s)
            .record({clock.unixSeconds(), std::nullopt, "password.recover.request", "", "192.0.2.9",
                     "no_account"});
        writing.set_value();
        asked.get_future().wait_for(std::chrono::seconds(3));
        committed = true;
        tx.commit();
    });
    writing.get_future().wait();
    bool answeredBeforeTheCommit = false;
    flow->request("v@example.org", "192.0.2.1", [&](const flows::PasswordRecovery::Request& r) {
        EXPECT_EQ(r.outcome, flows::PasswordRecovery::Outcome::Sent);
        answeredBeforeTheCommit = !committed;
    });
    asked.set_value();
    writer.join();
    EXPECT_TRUE(answeredBeforeTheCommit);
    EXPECT_EQ(database.countQueued("recovery_requests"), 1);
}

// A node that stopped after writing an answer and before taking the request off its queue:
// the next pass finds the request, sees its key answered, and only takes it off.
TEST_F(RecoveryWorkerTest, ARequestAnsweredButStillQueuedIsNotAnsweredAgain) {
    auto& store = database.db().queueStore();
    {
        auto s = store.session();
        store::RecoveryRequests(store, s).add(
            {0, "answered-key", "v@example.org", "192.0.2.1", clock.unixSeconds()});
    }
    {
        auto s = database.db().session();
        ASSERT_TRUE(store::RecoveryAnswers(database.db(), s).record("answered-key", 1));
    }
    auto flow = recovery();
    EXPECT_EQ(flow->answerNextRequest(), flows::PasswordRecovery::QueueStep::TakenElsewhere);
    EXPECT_EQ(database.countQueued("recovery_requests"), 0);
    EXPECT_EQ(database.count("mail_outbox"), 0);
    EXPECT_EQ(database.count("flows WHERE kind = 'recovery'"), 0);
}

// SQLite kept its requests in the database's own file before the queue store: a request
// still waiting there when the node was upgraded moves to the queue store at start, once.
TEST_F(RecoveryWorkerTest, RequestsQueuedInTheDatabaseBeforeTheQueueStoreAreAnsweredOnce) {
    if (database.postgres()) GTEST_SKIP() << "PostgreSQL's queue store is the database itself";
    {
        auto s = database.db().session();
        store::RecoveryRequests(database.db(), s)
            .add({0, "queued-1", "v@example.org", "192.0.2.1", clock.unixSeconds()});
    }
    database.db().migrate();  // the next start
    database.db().migrate();
    EXPECT_EQ(database.count("recovery_requests"), 0);
    EXPECT_EQ(database.countQueued("recovery_requests"), 1);
    auto flow = recovery();
    EXPECT_EQ(flow->answerNextRequest(), flows::PasswordRecovery::QueueStep::Answered);
    EXPECT_EQ(database.count("mail_outbox"), 1);
}
