#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "flows/Clock.h"
#include "flows/TtlCache.h"
#include "store/Database.h"
#include "store/SessionRepository.h"

namespace netcity::flows {

// Signed-in sessions: the browser holds a 256-bit random id, the database its SHA-256.
// Only an active account has one: a session is not started for a blocked (or deleted) account,
// and one that exists stops resolving when the account is blocked — at once on the node that
// blocked it, within `cacheSeconds` on the others.
class Sessions {
  public:
    struct Settings {
        std::int64_t idleTimeout = 30 * 60;
        std::int64_t absoluteTimeout = 12 * 60 * 60;
        std::int64_t touchEvery = 60;   // last-seen writes at most this often
        std::int64_t cacheSeconds = 2;  // see TtlCache
    };
    struct Active {
        std::int64_t accountId;
        std::string idHash;
    };

    Sessions(store::Database& db, const Clock& clock, Settings settings)
        : db_(db), clock_(clock), settings_(settings), cache_(settings.cacheSeconds) {}

    // Starts a fresh session (never reuses `previousId`, which is ended): rotation at sign-in.
    // Nullopt when the account is not active at this moment.
    std::optional<std::string> start(std::int64_t accountId, const std::string& previousId,
                                     store::SessionKind kind = store::SessionKind::Web);
    // Nullopt also for a live session of the other kind.
    std::optional<Active> resolve(const std::string& id,
                                  store::SessionKind kind = store::SessionKind::Web);
    void end(const std::string& id);
    void endOthers(std::int64_t accountId, const std::string& keepId);
    // The same inside the caller's transaction (a password change ends the others with it).
    // The cache forgets them at once: a rollback then costs one database read, nothing more.
    void endOthers(Poco::Data::Session& s, std::int64_t accountId, const std::string& keepId);
    static std::string hashOf(const std::string& id);

  private:
    store::Database& db_;
    const Clock& clock_;
    Settings settings_;
    TtlCache<std::string, store::StoredSession> cache_;  // by id hash
};

}  // namespace netcity::flows
