// The mail outbox against a real SMTP server (aiosmtpd): letters survive the server being down
// and the portal restarting, go out once, and a letter the server refuses for good is kept
// for administrators.
#include <gtest/gtest.h>

#include "flows/OutboxWorker.h"
#include "mail/Letters.h"
#include "mail/SmtpMailSender.h"
#include "store/MailOutbox.h"
#include "support/SmtpSink.h"
#include "support/TestDatabase.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class OutboxWorkerTest : public ::testing::Test {
  protected:
    TestDatabase database;
    ManualClock clock;
    SmtpSink sink;
    mail::Letters letters{"http://portal.example/"};

    std::unique_ptr<mail::SmtpMailSender> sender() {
        mail::SmtpSettings s;
        s.port = sink.port();
        s.timeoutSeconds = 5;
        return std::make_unique<mail::SmtpMailSender>(s);
    }
    std::int64_t enqueue(const std::string& to = "parent@example.org") {
        auto s = database.db().session();
        return store::MailOutbox(database.db(), s)
            .enqueue(letters.appealCreated(to, {"А-107119599-94-07", "Зайцева Кристина Олеговна",
                                                "МАОУ \"Гимназия № 1\"", ""}),
                     std::nullopt, clock.unixSeconds());
    }
    std::optional<store::OutboxMail> mail(std::int64_t id) {
        auto s = database.db().session();
        return store::MailOutbox(database.db(), s).byId(id);
    }
};

}  // namespace

TEST_F(OutboxWorkerTest, SendsALetterOnceAsPlainTextAndHtml) {
    auto id = enqueue();
    auto smtp = sender();
    flows::OutboxWorker worker(database.db(), *smtp, clock, {});
    EXPECT_EQ(worker.runOnce(), 1);
    EXPECT_EQ(worker.runOnce(), 0);  // nothing sent twice
    auto got = sink.waitFor(1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].subject, "Успешно создан запрос получения доступа в систему");
    EXPECT_NE(got[0].to.find("parent@example.org"), std::string::npos);
    EXPECT_NE(got[0].text.find("Вашему обращению присвоен номер А-107119599-94-07"),
              std::string::npos)
        << got[0].text;
    EXPECT_NE(got[0].html.find("<strong>А-107119599-94-07</strong>"), std::string::npos)
        << got[0].html;
    EXPECT_EQ(got[0].messageId, mail(id)->messageId);
    EXPECT_EQ(mail(id)->status, "sent");
}

TEST_F(OutboxWorkerTest, ServerDownKeepsTheLetterAndRetriesWithGrowingPauses) {
    sink.stop();
    auto id = enqueue();
    auto smtp = sender();
    flows::OutboxWorker worker(database.db(), *smtp, clock, {});
    EXPECT_EQ(worker.runOnce(), 0);
    auto waiting = mail(id);
    EXPECT_EQ(waiting->status, "pending");
    EXPECT_EQ(waiting->attempts, 1);
    EXPECT_EQ(waiting->nextAttemptAt, clock.unixSeconds() + 30);
    EXPECT_FALSE(waiting->lastError.empty());
    EXPECT_EQ(worker.runOnce(), 0);  // not due yet: no attempt
    EXPECT_EQ(mail(id)->attempts, 1);
    clock.advance(std::chrono::seconds(30));
    EXPECT_EQ(worker.runOnce(), 0);
    EXPECT_EQ(mail(id)->nextAttemptAt, clock.unixSeconds() + 60);  // doubled
    sink.start();
    clock.advance(std::chrono::seconds(60));
    EXPECT_EQ(worker.runOnce(), 1);
    EXPECT_EQ(sink.waitFor(1).size(), 1u);
    EXPECT_EQ(mail(id)->status, "sent");
}

TEST_F(OutboxWorkerTest, ALetterWrittenBeforeARestartIsSentByTheNextProcess) {
    sink.stop();
    auto id = enqueue();
    {
        auto smtp = sender();
        flows::OutboxWorker first(database.db(), *smtp, clock, {});
        first.runOnce();  // fails: the server is down; then this "process" ends
    }
    sink.start();
    clock.advance(std::chrono::seconds(31));
    auto smtp = sender();
    flows::OutboxWorker second(database.db(), *smtp, clock, {});
    EXPECT_EQ(second.runOnce(), 1);
    EXPECT_EQ(sink.waitFor(1).size(), 1u);
    EXPECT_EQ(mail(id)->status, "sent");
}

TEST_F(OutboxWorkerTest, ALeasedLetterIsNotTakenByAnotherWorker) {
    auto id = enqueue();
    std::optional<store::OutboxMail> stale;
    {
        auto s = database.db().session();
        stale = store::MailOutbox(database.db(), s).leaseNext(clock.unixSeconds(), 120);
        ASSERT_TRUE(stale);  // a node took it and, say, hung before sending
    }
    auto smtp = sender();
    flows::OutboxWorker other(database.db(), *smtp, clock, {});
    EXPECT_EQ(other.runOnce(), 0);
    clock.advance(std::chrono::seconds(121));  // the lease ran out: the letter goes
    EXPECT_EQ(other.runOnce(), 1);
    EXPECT_EQ(sink.waitFor(1).size(), 1u);
    EXPECT_EQ(mail(id)->status, "sent");
    EXPECT_EQ(mail(id)->letter.textBody, "");  // a sent letter keeps no body
    // The hung node wakes up: its word no longer counts.
    auto s = database.db().session();
    store::MailOutbox outbox(database.db(), s);
    EXPECT_FALSE(outbox.retryLater(*stale, clock.unixSeconds() + 30, "late"));
    EXPECT_FALSE(outbox.markFailed(*stale, "late"));
    EXPECT_EQ(mail(id)->status, "sent");
}

TEST_F(OutboxWorkerTest, GivesUpAfterTheLastAttemptAndAnAdministratorCanRequeue) {
    sink.stop();
    auto id = enqueue();
    auto smtp = sender();
    flows::OutboxWorker::Settings settings;
    settings.maxAttempts = 2;
    flows::OutboxWorker worker(database.db(), *smtp, clock, settings);
    worker.runOnce();
    clock.advance(std::chrono::hours(1));
    worker.runOnce();
    EXPECT_EQ(mail(id)->status, "failed");
    auto s = database.db().session();
    store::MailOutbox outbox(database.db(), s);
    EXPECT_EQ(outbox.failed(std::nullopt, 10).size(), 1u);
    sink.start();
    EXPECT_TRUE(outbox.requeue(id, std::nullopt, clock.unixSeconds()));
    EXPECT_FALSE(outbox.requeue(id, std::nullopt, clock.unixSeconds()));  // pending now
    EXPECT_EQ(worker.runOnce(), 1);
    EXPECT_EQ(sink.waitFor(1).size(), 1u);
}

TEST_F(OutboxWorkerTest, TheBackgroundThreadDeliversWhenWoken) {
    auto smtp = sender();
    flows::OutboxWorker::Settings settings;
    settings.pollInterval = std::chrono::minutes(10);  // only wake() can make it look
    flows::OutboxWorker worker(database.db(), *smtp, clock, settings);
    worker.start();
    auto id = enqueue();
    worker.wake();
    EXPECT_EQ(sink.waitFor(1).size(), 1u);
    worker.stop();
    EXPECT_EQ(mail(id)->status, "sent");
}

TEST_F(OutboxWorkerTest, APermanentRefusalIsNotRetried) {
    auto id = enqueue();
    mail::SmtpSettings s;
    s.port = sink.port();
    s.user = "portal";  // credentials without STARTTLS: refused for good, before connecting
    mail::SmtpMailSender smtp(s);
    flows::OutboxWorker worker(database.db(), smtp, clock, {});
    EXPECT_EQ(worker.runOnce(), 0);
    EXPECT_EQ(mail(id)->status, "failed");
    EXPECT_EQ(mail(id)->attempts, 1);
    EXPECT_TRUE(sink.messages().empty());
}

TEST(OutboxOverStartTls, ALetterGoesOverTlsAndNotWithoutIt) {
    ManualClock clock;
    TestDatabase database;
    SmtpSink tlsSink(true);
    mail::Letters letters{"http://portal.example/"};
    auto enqueue = [&] {
        auto s = database.db().session();
        return store::MailOutbox(database.db(), s)
            .enqueue(letters.appealRejected("parent@example.org",
                                            {"А-107119599-94-07", "Зайцева К. О.", "Школа", "—"}),
                     std::nullopt, clock.unixSeconds());
    };
    mail::SmtpSettings plain;
    plain.port = tlsSink.port();
    mail::SmtpMailSender plainSender(plain);
    auto refused = enqueue();
    flows::OutboxWorker plainWorker(database.db(), plainSender, clock, {});
    EXPECT_EQ(plainWorker.runOnce(), 0);  // "530 Must issue a STARTTLS command first"
    EXPECT_EQ(database.count("mail_outbox WHERE status = 'failed'"), 1);
    EXPECT_EQ(refused, 1);

    // A certificate the configured CA did not issue: not sent, kept for a retry.
    SmtpSink impostor(true);
    mail::SmtpSettings wrongCa = plain;
    wrongCa.startTls = true;
    wrongCa.caFile = impostor.caFile();
    mail::SmtpMailSender wrongCaSender(wrongCa);
    auto untrusted = enqueue();
    flows::OutboxWorker wrongCaWorker(database.db(), wrongCaSender, clock, {});
    EXPECT_EQ(wrongCaWorker.runOnce(), 0);
    EXPECT_TRUE(tlsSink.messages().empty());
    {
        auto s = database.db().session();
        s << "UPDATE mail_outbox SET status = 'failed' WHERE id = " + std::to_string(untrusted),
            Poco::Data::Keywords::now;
    }

    mail::SmtpSettings tls = plain;
    tls.startTls = true;
    tls.caFile = tlsSink.caFile();
    mail::SmtpMailSender tlsSender(tls);
    enqueue();
    flows::OutboxWorker tlsWorker(database.db(), tlsSender, clock, {});
    EXPECT_EQ(tlsWorker.runOnce(), 1);
    ASSERT_EQ(tlsSink.waitFor(1).size(), 1u);
    EXPECT_EQ(tlsSink.messages()[0].subject, "Обращение №А-107119599-94-07 отклонено");
}

TEST(RetryDelay, DoublesFromTheFirstPauseUpToTheCeiling) {
    ManualClock clock;
    TestDatabase database;
    mail::SmtpSettings s;
    mail::SmtpMailSender sender(s);
    flows::OutboxWorker worker(database.db(), sender, clock, {});
    EXPECT_EQ(worker.retryDelay(1), 30);
    EXPECT_EQ(worker.retryDelay(2), 60);
    EXPECT_EQ(worker.retryDelay(5), 480);
    EXPECT_EQ(worker.retryDelay(30), 3600);
}
