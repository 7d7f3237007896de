#include "store/FlowRepository.h"

#include <Poco/Nullable.h>

#include <vector>

using namespace Poco::Data::Keywords;

namespace netcity::store {

void FlowRepository::create(const std::string& idHash, const StoredFlow& f) {
    Poco::Nullable<std::int64_t> account;
    if (f.accountId) account = *f.accountId;
    s_ << db_.sql(
        "INSERT INTO flows (id_hash, kind, browser_hash, data, created_at, expires_at,"
        " account_id) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        bind(idHash), bind(f.kind), bind(f.browserHash), bind(f.data), bind(f.createdAt),
        bind(f.expiresAt), bind(account), now;
}

void FlowRepository::removeOfAccount(const std::string& kind, std::int64_t accountId) {
    s_ << db_.sql("DELETE FROM flows WHERE account_id = ? AND kind = ?"), bind(accountId),
        bind(kind), now;
}

std::optional<StoredFlow> FlowRepository::find(const std::string& idHash) {
    std::vector<std::string> kind, browser, data;
    std::vector<std::int64_t> created, expires;
    s_ << db_.sql(
        "SELECT kind, browser_hash, data, created_at, expires_at FROM flows"
        " WHERE id_hash = ?"),
        into(kind), into(browser), into(data), into(created), into(expires), bind(idHash), now;
    if (kind.empty()) return std::nullopt;
    return StoredFlow{kind[0], browser[0], data[0], created[0], expires[0]};
}

std::optional<StoredFlow> FlowRepository::take(const std::string& idHash) {
    std::vector<std::string> kind, browser, data;
    std::vector<std::int64_t> created, expires;
    s_ << db_.sql(
        "DELETE FROM flows WHERE id_hash = ?"
        " RETURNING kind, browser_hash, data, created_at, expires_at"),
        bind(idHash), into(kind), into(browser), into(data), into(created), into(expires), now;
    if (kind.empty()) return std::nullopt;
    return StoredFlow{kind[0], browser[0], data[0], created[0], expires[0]};
}

std::optional<StoredFlow> FlowRepository::take(const std::string& idHash,
                                               const std::string& browserHash) {
    std::vector<std::string> kind, browser, data;
    std::vector<std::int64_t> created, expires;
    s_ << db_.sql(
        "DELETE FROM flows WHERE id_hash = ? AND browser_hash = ?"
        " RETURNING kind, browser_hash, data, created_at, expires_at"),
        bind(idHash), bind(browserHash), into(kind), into(browser), into(data), into(created),
        into(expires), now;
    if (kind.empty()) return std::nullopt;
    return StoredFlow{kind[0], browser[0], data[0], created[0], expires[0]};
}

void FlowRepository::update(const std::string& idHash, const std::string& data) {
    s_ << db_.sql("UPDATE flows SET data = ? WHERE id_hash = ?"), bind(data), bind(idHash), now;
}

long FlowRepository::removeExpired(std::int64_t at) {
    Poco::Data::Statement st(s_);
    st << db_.sql("DELETE FROM flows WHERE expires_at < ?"), bind(at);
    return static_cast<long>(st.execute());
}

}  // namespace netcity::store
