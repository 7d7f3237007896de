#include "store/EsiaLinkRepository.h"

using namespace Poco::Data::Keywords;

namespace netcity::store {

std::vector<std::int64_t> EsiaLinkRepository::accountsLinkedTo(std::int64_t oid) {
    std::vector<std::int64_t> ids;
    s_ << db_.sql("SELECT user_id FROM esia_links WHERE esia_oid = ? ORDER BY user_id"), into(ids),
        bind(oid), now;
    return ids;
}

std::optional<std::int64_t> EsiaLinkRepository::linkedOid(std::int64_t accountId) {
    std::vector<std::int64_t> oids;
    s_ << db_.sql("SELECT esia_oid FROM esia_links WHERE user_id = ?"), into(oids), bind(accountId),
        now;
    if (oids.empty()) return std::nullopt;
    return oids.front();
}

bool EsiaLinkRepository::link(std::int64_t oid, std::int64_t accountId,
                              const std::string& createdBy, std::int64_t at) {
    std::vector<std::int64_t> inserted;
    s_ << db_.sql(
        "INSERT INTO esia_links (esia_oid, user_id, created_at, created_by)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING RETURNING id"),
        bind(oid), bind(accountId), bind(at), bind(createdBy), into(inserted), now;
    return !inserted.empty();
}

bool EsiaLinkRepository::unlink(std::int64_t accountId) {
    std::vector<std::int64_t> removed;
    s_ << db_.sql("DELETE FROM esia_links WHERE user_id = ? RETURNING id"), bind(accountId),
        into(removed), now;
    return !removed.empty();
}

}  // namespace netcity::store
