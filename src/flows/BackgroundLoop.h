#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace netcity::flows {

// The thread behind the outbox, the recovery queue and housekeeping: runs a pass at start,
// then again after every interval, at once while a pass says more is waiting, and early when
// woken. A pass that throws (the database restarting) is logged and tried at the next turn.
// The thread is scheduled as batch work (SCHED_BATCH): waking it does not preempt the caller.
class BackgroundLoop {
  public:
    // Returns true when more work is waiting: the next pass starts at once.
    using Pass = std::function<bool()>;

    // name: the thread's name in top and perf (at most 15 bytes) and the log's event.
    BackgroundLoop(std::string name, std::chrono::milliseconds interval, Pass pass)
        : name_(std::move(name)), interval_(interval), pass_(std::move(pass)) {}
    ~BackgroundLoop() { stop(); }
    BackgroundLoop(const BackgroundLoop&) = delete;
    BackgroundLoop& operator=(const BackgroundLoop&) = delete;

    void start();
    void stop();  // waits for the pass under way; idempotent
    void wake();  // new work: do not wait for the interval

  private:
    void run();
    bool runPass();
    std::string name_;
    std::chrono::milliseconds interval_;
    Pass pass_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wakeUp_;
    bool stopping_ = false, woken_ = false;
};

}  // namespace netcity::flows
