#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/Database.h"

namespace netcity::store {

// Server-side sessions. Only a hash of the session id is stored: a copy of the database does
// not let anyone sign in as a user.
// A browser's session (its id in a cookie) or an app's over the SGO web API (its `at` header):
// the same rules, but an id of one kind never opens the other.
enum class SessionKind { Web, WebApi };
const char* code(SessionKind kind);

struct StoredSession {
    std::int64_t accountId = 0;
    std::int64_t createdAt = 0, lastSeenAt = 0;
    SessionKind kind = SessionKind::Web;
};

class SessionRepository {
  public:
    SessionRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    void create(const std::string& idHash, std::int64_t accountId, std::int64_t at);
    // Creates it only if the account exists and is active; false otherwise.
    bool createForActive(const std::string& idHash, std::int64_t accountId, std::int64_t at,
                         SessionKind kind = SessionKind::Web);
    // A session of an active account only.
    std::optional<StoredSession> find(const std::string& idHash);
    void touch(const std::string& idHash, std::int64_t at);
    void remove(const std::string& idHash);
    // Ends every session of the account except `keepIdHash` (may be empty).
    void removeOthers(std::int64_t accountId, const std::string& keepIdHash);
    long removeExpired(std::int64_t idleBefore, std::int64_t createdBefore);  // how many went

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
