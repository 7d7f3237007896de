#pragma once

#include <cstdint>

#include "flows/BackgroundLoop.h"
#include "flows/Clock.h"
#include "mail/MailSender.h"
#include "store/Database.h"

namespace netcity::flows {

// Delivers the mail outbox (issue #5): leases one due letter at a time, hands it to the sender,
// marks it sent; a server that is down is retried with growing pauses, a letter the server
// refuses for good is marked failed for administrators to see. Letters survive restarts (they
// are rows), and a lease (with a token every later update must show) keeps two nodes from
// sending the same letter at once. The lease (120 s) outlasts one delivery (a 20 s timeout per
// SMTP step). A node that dies after the server accepted a letter but before marking it sent
// sends it again when the lease ends — with the same Message-ID, so the receiving server can
// drop the repeat.
class OutboxWorker {
  public:
    struct Settings {
        std::chrono::milliseconds pollInterval{1000};
        std::int64_t leaseSeconds = 120;
        std::int64_t firstRetrySeconds = 30;
        std::int64_t maxRetrySeconds = 3600;
        int maxAttempts = 30;  // ≈ a day of retries with the defaults
        int batch = 20;
    };

    OutboxWorker(store::Database& db, mail::MailSender& sender, const Clock& clock,
                 Settings settings);

    // One pass: sends what is due now. Returns how many letters were sent.
    int runOnce();
    void start() { loop_.start(); }  // a background thread calling runOnce
    void stop() { loop_.stop(); }
    void wake() { loop_.wake(); }  // a letter was just written: do not wait for the next poll

    std::int64_t retryDelay(int attempts) const;

  private:
    store::Database& db_;
    mail::MailSender& sender_;
    const Clock& clock_;
    Settings settings_;
    BackgroundLoop loop_;  // last: its thread stops before the members it uses go
};

}  // namespace netcity::flows
