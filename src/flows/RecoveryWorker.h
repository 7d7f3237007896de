#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "flows/PasswordRecovery.h"

namespace netcity::flows {

// Answers queued «Восстановить пароль» requests (issue #17), in the shape of OutboxWorker: a
// background thread woken by a new request on this node, and polling for those written by
// other nodes (or left by a node that stopped). The page only queued the request, so finding
// the accounts, making their links and letters costs the person waiting nothing, and their
// waiting time says nothing about whether the address is on file.
class RecoveryWorker {
  public:
    struct Settings {
        std::chrono::milliseconds pollInterval{1000};
        int batch = 20;
    };

    RecoveryWorker(PasswordRecovery& recovery, Settings settings)
        : recovery_(recovery), settings_(settings) {}
    ~RecoveryWorker();

    // One pass: answers what is queued now, up to a batch. Returns how many requests.
    int runOnce();
    void start();  // a background thread calling runOnce
    void stop();
    void wake();  // a request was just queued: do not wait for the next poll

  private:
    void loop();
    PasswordRecovery& recovery_;
    Settings settings_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wakeUp_;
    bool stopping_ = false, woken_ = false;
};

}  // namespace netcity::flows
