#include "flows/Housekeeping.h"

#include "log/JsonLog.h"
#include "store/FlowRepository.h"
#include "store/SessionRepository.h"

namespace netcity::flows {

Housekeeping::~Housekeeping() {
    stop();
}

Housekeeping::Swept Housekeeping::runOnce() {
    std::int64_t now = clock_.unixSeconds();
    auto s = db_.session();
    Swept swept;
    swept.flows = store::FlowRepository(db_, s).removeExpired(now);
    swept.sessions = store::SessionRepository(db_, s).removeExpired(
        now - settings_.sessionIdleSeconds, now - settings_.sessionAbsoluteSeconds);
    return swept;
}

void Housekeeping::start() {
    thread_ = std::thread([this] {
        for (;;) {
            try {
                runOnce();
            } catch (const std::exception& e) {  // the database may be restarting
                http::logJson("error", {{"event", "housekeeping"}, {"what", e.what()}});
            }
            std::unique_lock lock(mutex_);
            if (wakeUp_.wait_for(lock, settings_.interval, [this] { return stopping_; })) return;
        }
    });
}

void Housekeeping::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace netcity::flows
