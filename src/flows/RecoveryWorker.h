#pragma once

#include <chrono>

#include "flows/BackgroundLoop.h"
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

    RecoveryWorker(PasswordRecovery& recovery, Settings settings);

    // One pass: answers what is queued now, up to a batch. Returns how many requests.
    int runOnce();
    void start() { loop_.start(); }  // a background thread calling runOnce
    void stop() { loop_.stop(); }
    void wake() { loop_.wake(); }  // a request was just queued: do not wait for the next poll

  private:
    PasswordRecovery& recovery_;
    Settings settings_;
    BackgroundLoop loop_;  // last: its thread stops before the members it uses go
};

}  // namespace netcity::flows
