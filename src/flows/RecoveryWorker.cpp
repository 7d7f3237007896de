#include "flows/RecoveryWorker.h"

#include "log/JsonLog.h"

namespace netcity::flows {

RecoveryWorker::~RecoveryWorker() {
    stop();
}

int RecoveryWorker::runOnce() {
    using Step = PasswordRecovery::QueueStep;
    int answered = 0;
    for (int i = 0; i < settings_.batch; ++i) {
        auto step = recovery_.answerNextRequest();
        if (step == Step::Empty) break;
        answered += step == Step::Answered;
    }
    return answered;
}

void RecoveryWorker::start() {
    thread_ = std::thread([this] { loop(); });
}

void RecoveryWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RecoveryWorker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wakeUp_.notify_all();
}

void RecoveryWorker::loop() {
    for (;;) {
        bool backlog = false;
        try {
            backlog = runOnce() == settings_.batch;  // more may be waiting: go on at once
        } catch (const std::exception& e) {  // the database may be restarting: try again later
            http::logJson("error", {{"event", "recovery.worker"}, {"what", e.what()}});
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
