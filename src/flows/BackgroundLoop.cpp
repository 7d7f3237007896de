#include "flows/BackgroundLoop.h"

#include <pthread.h>
#include <sched.h>

#include "log/JsonLog.h"

namespace netcity::flows {

void BackgroundLoop::start() {
    thread_ = std::thread([this] { run(); });
}

void BackgroundLoop::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void BackgroundLoop::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wakeUp_.notify_all();
}

void BackgroundLoop::run() {
    pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());  // tells profiles apart
    // Batch work: woken, it does not take the core from the request thread that woke it (it
    // runs once that thread blocks, or at the next tick), and keeps its usual share of the CPU.
    sched_param batch{};
    pthread_setschedparam(pthread_self(), SCHED_BATCH, &batch);
    for (;;) {
        bool more = runPass();
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        if (more) continue;
        wakeUp_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
        if (stopping_) return;
        woken_ = false;
    }
}

bool BackgroundLoop::runPass() {
    try {
        return pass_();
    } catch (const std::exception& e) {  // the database may be restarting: try again later
        log::logJson("error", {{"source", name_}, {"what", e.what()}});
        return false;
    }
}

}  // namespace netcity::flows
