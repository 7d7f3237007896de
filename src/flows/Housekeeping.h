#pragma once

#include <chrono>
#include <cstdint>

#include "flows/BackgroundLoop.h"
#include "flows/Clock.h"
#include "store/Database.h"

namespace netcity::flows {

// Removes what has run out, now and then, whether or not anyone signs in: expired flows
// (among them sealed Gosuslugi profiles waiting at «Запись не найдена», which must not
// linger), sessions past their idle or absolute limit, and the keys of password recovery
// requests answered a week ago. Every node runs it; the deletes are
// idempotent, so several nodes doing it at once is harmless.
class Housekeeping {
  public:
    struct Settings {
        std::chrono::seconds interval{60};
        std::int64_t sessionIdleSeconds = 30 * 60;
        std::int64_t sessionAbsoluteSeconds = 12 * 60 * 60;
        // A request leaves its queue seconds after its answer; a week covers a node that
        // stopped in between and came back.
        std::int64_t recoveryAnswerSeconds = 7 * 24 * 60 * 60;
    };
    struct Swept {
        long flows = 0, sessions = 0, recoveryAnswers = 0, loginChallenges = 0;
    };

    Housekeeping(store::Database& db, const Clock& clock, Settings settings);

    Swept runOnce();
    void start() { loop_.start(); }  // a background thread calling runOnce every interval
    void stop() { loop_.stop(); }

  private:
    store::Database& db_;
    const Clock& clock_;
    Settings settings_;
    BackgroundLoop loop_;  // last: its thread stops before the members it uses go
};

}  // namespace netcity::flows
