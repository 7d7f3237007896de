#include "store/SessionRepository.h"

using namespace Poco::Data::Keywords;

namespace netcity::store {

const char* code(SessionKind kind) {
    return kind == SessionKind::WebApi ? "webapi" : "web";
}

void SessionRepository::create(const std::string& idHash, std::int64_t accountId, std::int64_t at) {
    s_ << db_.sql(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at)"
        " VALUES (?, ?, ?, ?)"),
        bind(idHash), bind(accountId), bind(at), bind(at), now;
}

bool SessionRepository::createForActive(const std::string& idHash, std::int64_t accountId,
                                        std::int64_t at, SessionKind kind) {
    std::vector<std::string> created;
    std::string kindCode = code(kind);
    s_ << db_.sql(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, kind)"
        " SELECT ?, id, ?, ?, ? FROM users WHERE id = ? AND state = 'active' RETURNING id_hash"),
        bind(idHash), bind(at), bind(at), bind(kindCode), bind(accountId), into(created), now;
    return !created.empty();
}

std::optional<StoredSession> SessionRepository::find(const std::string& idHash) {
    std::vector<std::int64_t> account, created, seen;
    std::vector<std::string> kind;
    s_ << db_.sql(
        "SELECT s.user_id, s.created_at, s.last_seen_at, s.kind FROM sessions s"
        " JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND u.state = 'active'"),
        into(account), into(created), into(seen), into(kind), bind(idHash), now;
    if (account.empty()) return std::nullopt;
    return StoredSession{account[0], created[0], seen[0],
                         kind[0] == "webapi" ? SessionKind::WebApi : SessionKind::Web};
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
