#include "flows/OutboxWorker.h"

#include <algorithm>

#include "log/JsonLog.h"
#include "store/MailOutbox.h"

namespace netcity::flows {

OutboxWorker::OutboxWorker(store::Database& db, mail::MailSender& sender, const Clock& clock,
                           Settings settings)
    : db_(db),
      sender_(sender),
      clock_(clock),
      settings_(settings),
      // A full batch went out: more may be waiting (after an outage), go on at once.
      loop_("mail.worker", settings.pollInterval, [this] { return runOnce() == settings_.batch; }) {
}

std::int64_t OutboxWorker::retryDelay(int attempts) const {
    std::int64_t delay = settings_.firstRetrySeconds;
    for (int i = 1; i < attempts && delay < settings_.maxRetrySeconds; ++i) delay *= 2;
    return std::min(delay, settings_.maxRetrySeconds);
}

int OutboxWorker::runOnce() {
    auto s = db_.session();
    store::MailOutbox outbox(db_, s);
    int sent = 0;
    for (int i = 0; i < settings_.batch; ++i) {
        auto mail = outbox.leaseNext(clock_.unixSeconds(), settings_.leaseSeconds);
        if (!mail) break;
        try {
            sender_.send(*mail);
            if (outbox.markSent(*mail, clock_.unixSeconds())) ++sent;
        } catch (const mail::MailFailure& e) {
            // The error text names servers and codes, never the recipient.
            bool giveUp = e.permanent() || mail->attempts >= settings_.maxAttempts;
            if (giveUp)
                outbox.markFailed(*mail, e.what());
            else
                outbox.retryLater(*mail, clock_.unixSeconds() + retryDelay(mail->attempts),
                                  e.what());
            log::logJson("warning", {{"source", "mail.failed"},
                                      {"mail", std::to_string(mail->id)},
                                      {"attempt", std::to_string(mail->attempts)},
                                      {"final", giveUp ? "true" : "false"},
                                      {"what", e.what()}});
        }
    }
    return sent;
}

}  // namespace netcity::flows
