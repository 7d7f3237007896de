#include "flows/OutboxWorker.h"

#include <algorithm>

#include "log/JsonLog.h"
#include "store/MailOutbox.h"

namespace netcity::flows {

OutboxWorker::OutboxWorker(store::Database& db, mail::MailSender& sender, const Clock& clock,
                           Settings settings)
    : db_(db), sender_(sender), clock_(clock), settings_(settings) {}

OutboxWorker::~OutboxWorker() {
    stop();
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
            http::logJson("warning", {{"event", "mail.failed"},
                                      {"mail", std::to_string(mail->id)},
                                      {"attempt", std::to_string(mail->attempts)},
                                      {"final", giveUp ? "true" : "false"},
                                      {"what", e.what()}});
        }
    }
    return sent;
}

void OutboxWorker::start() {
    thread_ = std::thread([this] { loop(); });
}

void OutboxWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void OutboxWorker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wakeUp_.notify_all();
}

void OutboxWorker::loop() {
    for (;;) {
        bool backlog = false;
        try {
            // A full batch went out: more may be waiting (after an outage), go on at once.
            backlog = runOnce() == settings_.batch;
        } catch (const std::exception& e) {  // the database may be restarting: try again later
            http::logJson("error", {{"event", "mail.worker"}, {"what", e.what()}});
        }
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        if (backlog) continue;
        wakeUp_.wait_for(lock, settings_.pollInterval, [this] { return stopping_ || woken_; });
        if (stopping_) return;
        woken_ = false;
    }
}

}  // namespace netcity::flows
