#include "store/SessionRepository.h"

using namespace Poco::Data::Keywords;

namespace netcity::store {

void SessionRepository::create(const std::string& idHash, std::int64_t accountId, std::int64_t at) {
    s_ << db_.sql(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at)"
        " VALUES (?, ?, ?, ?)"),
        bind(idHash), bind(accountId), bind(at), bind(at), now;
}

std::optional<StoredSession> SessionRepository::find(const std::string& idHash) {
    std::vector<std::int64_t> account, created, seen;
    s_ << db_.sql("SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = ?"),
        into(account), into(created), into(seen), bind(idHash), now;
    if (account.empty()) return std::nullopt;
    return StoredSession{account[0], created[0], seen[0]};
}

void SessionRepository::touch(const std::string& idHash, std::int64_t at) {
    s_ << db_.sql("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?"), bind(at), bind(idHash),
        now;
}

void SessionRepository::remove(const std::string& idHash) {
    s_ << db_.sql("DELETE FROM sessions WHERE id_hash = ?"), bind(idHash), now;
}

void SessionRepository::removeOthers(std::int64_t accountId, const std::string& keepIdHash) {
    s_ << db_.sql("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?"), bind(accountId),
        bind(keepIdHash), now;
}

void SessionRepository::removeExpired(std::int64_t idleBefore, std::int64_t createdBefore) {
    s_ << db_.sql("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?"),
        bind(idleBefore), bind(createdBefore), now;
}

}  // namespace netcity::store
