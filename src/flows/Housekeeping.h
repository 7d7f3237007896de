#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "flows/Clock.h"
#include "store/Database.h"

namespace netcity::flows {

// Removes what has run out, now and then, whether or not anyone signs in: expired flows
// (among them sealed Gosuslugi profiles waiting at «Запись не найдена», which must not
// linger) and sessions past their idle or absolute limit. Every node runs it; the deletes are
// idempotent, so several nodes doing it at once is harmless.
class Housekeeping {
  public:
    struct Settings {
        std::chrono::seconds interval{60};
        std::int64_t sessionIdleSeconds = 30 * 60;
        std::int64_t sessionAbsoluteSeconds = 12 * 60 * 60;
    };
    struct Swept {
        long flows = 0, sessions = 0;
    };

    Housekeeping(store::Database& db, const Clock& clock, Settings settings)
        : db_(db), clock_(clock), settings_(settings) {}
    ~Housekeeping();

    Swept runOnce();
    void start();  // a background thread calling runOnce every interval
    void stop();

  private:
    store::Database& db_;
    const Clock& clock_;
    Settings settings_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wakeUp_;
    bool stopping_ = false;
};

}  // namespace netcity::flows
