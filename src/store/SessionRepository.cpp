#include "store/SessionRepository.h"

using namespace Poco::Data::Keywords;

namespace netcity::store {

void SessionRepository::create(const std::string& idHash, std::int64_t accountId, std::int64_t at) {
    s_ << db_.sql(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at)"
        " VALUES (?, ?, ?, ?)"),
        bind(idHash), bind(accountId), bind(at), bind(at), now;
}

bool SessionRepository::createForActive(const std::string& idHash, std::int64_t accountId,
                                        std::int64_t at) {
    std::vector<std::string> created;
    s_ << db_.sql(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at)"
        " SELECT ?, id, ?, ? FROM users WHERE id = ? AND state = 'active' RETURNING id_hash"),
        bind(idHash), bind(at), bind(at), bind(accountId), into(created), now;
    return !created.empty();
}

std::optional<StoredSession> SessionRepository::find(const std::string& idHash) {
    std::vector<std::int64_t> account, created, seen;
    s_ << db_.sql(
        "SELECT s.user_id, s.created_at, s.last_seen_at FROM sessions s"
        " JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND u.state = 'active'"),
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

long SessionRepository::removeExpired(std::int64_t idleBefore, std::int64_t createdBefore) {
    Poco::Data::Statement st(s_);
    st << db_.sql("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?"),
        bind(idleBefore), bind(createdBefore);
    return static_cast<long>(st.execute());
}

}  // namespace netcity::store
