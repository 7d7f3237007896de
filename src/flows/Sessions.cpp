#include "flows/Sessions.h"

#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "store/SessionRepository.h"

namespace netcity::flows {

std::string Sessions::hashOf(const std::string& id) { return crypto::toHex(crypto::sha256(id)); }

std::string Sessions::start(std::int64_t accountId, const std::string& previousId) {
    auto s = db_.session();
    store::SessionRepository repo(db_, s);
    if (!previousId.empty()) repo.remove(hashOf(previousId));
    std::string id = crypto::randomToken(32);
    repo.create(hashOf(id), accountId, clock_.unixSeconds());
    return id;
}

std::optional<Sessions::Active> Sessions::resolve(const std::string& id) {
    if (id.size() != 43) return std::nullopt;  // 32 bytes in base64url
    auto s = db_.session();
    store::SessionRepository repo(db_, s);
    std::string hash = hashOf(id);
    auto found = repo.find(hash);
    if (!found) return std::nullopt;
    std::int64_t now = clock_.unixSeconds();
    if (now - found->lastSeenAt > settings_.idleTimeout ||
        now - found->createdAt > settings_.absoluteTimeout) {
        repo.remove(hash);
        return std::nullopt;
    }
    if (now - found->lastSeenAt >= settings_.touchEvery) repo.touch(hash, now);
    return Active{found->accountId, hash};
}

void Sessions::end(const std::string& id) {
    auto s = db_.session();
    store::SessionRepository(db_, s).remove(hashOf(id));
}

void Sessions::endOthers(std::int64_t accountId, const std::string& keepId) {
    auto s = db_.session();
    store::SessionRepository(db_, s).removeOthers(accountId, keepId.empty() ? "" : hashOf(keepId));
}

}  // namespace netcity::flows
