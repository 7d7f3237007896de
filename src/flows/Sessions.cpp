#include "flows/Sessions.h"

#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "store/SessionRepository.h"

namespace netcity::flows {

std::string Sessions::hashOf(const std::string& id) {
    return crypto::toHex(crypto::sha256(id));
}

std::optional<std::string> Sessions::start(std::int64_t accountId, const std::string& previousId,
                                           store::SessionKind kind) {
    auto s = db_.session();
    store::SessionRepository repo(db_, s);
    if (!previousId.empty()) repo.remove(hashOf(previousId));
    if (!previousId.empty()) cache_.erase(hashOf(previousId));
    std::string id = crypto::randomToken(32);
    std::int64_t now = clock_.unixSeconds();
    // The account's state is checked by the insert itself: blocked a moment ago is blocked.
    if (!repo.createForActive(hashOf(id), accountId, now, kind)) return std::nullopt;
    cache_.put(hashOf(id), {accountId, now, now, kind}, now);
    return id;
}

std::optional<Sessions::Active> Sessions::resolve(const std::string& id, store::SessionKind kind) {
    if (id.size() != 43) return std::nullopt;  // 32 bytes in base64url
    std::string hash = hashOf(id);
    std::int64_t now = clock_.unixSeconds();
    auto found = cache_.get(hash, now);
    bool fromCache = found.has_value();
    if (!found || now - found->lastSeenAt >= settings_.touchEvery) {
        fromCache = false;
        auto s = db_.session();
        found = store::SessionRepository(db_, s).find(hash);
        if (!found) return std::nullopt;
    }
    if (found->kind != kind) return std::nullopt;
    if (now - found->lastSeenAt > settings_.idleTimeout ||
        now - found->createdAt > settings_.absoluteTimeout) {
        end(id);
        return std::nullopt;
    }
    if (!fromCache) {
        if (now - found->lastSeenAt >= settings_.touchEvery) {
            auto s = db_.session();
            store::SessionRepository(db_, s).touch(hash, now);
            found->lastSeenAt = now;
        }
        cache_.put(hash, *found, now);
    }
    return Active{found->accountId, hash};
}

void Sessions::end(const std::string& id) {
    cache_.erase(hashOf(id));
    auto s = db_.session();
    store::SessionRepository(db_, s).remove(hashOf(id));
}

void Sessions::endOthers(std::int64_t accountId, const std::string& keepId) {
    auto s = db_.session();
    endOthers(s, accountId, keepId);
}

void Sessions::endOthers(Poco::Data::Session& s, std::int64_t accountId,
                         const std::string& keepId) {
    std::string keep = keepId.empty() ? "" : hashOf(keepId);
    cache_.eraseIf([&](const std::string& hash, const store::StoredSession& session) {
        return session.accountId == accountId && hash != keep;
    });
    store::SessionRepository(db_, s).removeOthers(accountId, keep);
}

}  // namespace netcity::flows
