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

std::vector<domain::LinkCandidate> EsiaLinkRepository::linkedAccounts(std::int64_t oid) {
    std::vector<std::int64_t> ids, organizations;
    std::vector<std::string> roles;
    s_ << db_.sql(
        "SELECT u.id, u.organization_id, u.roles FROM esia_links l JOIN users u"
        " ON u.id = l.user_id WHERE l.esia_oid = ? ORDER BY u.id"),
        into(ids), into(organizations), into(roles), bind(oid), now;
    std::vector<domain::LinkCandidate> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], organizations[i],
                       domain::parseRoleList(roles[i]).value_or(domain::RoleSet{})});
    return out;
}

domain::LinkVerdict EsiaLinkRepository::link(std::int64_t oid, const domain::LinkCandidate& account,
                                             const std::string& createdBy, std::int64_t at) {
    std::vector<std::int64_t> inserted;
    s_ << "SAVEPOINT esia_link", now;
    s_ << db_.sql(
        "INSERT INTO esia_links (esia_oid, user_id, created_at, created_by)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING RETURNING id"),
        bind(oid), bind(account.accountId), bind(at), bind(createdBy), into(inserted), now;
    if (inserted.empty()) {
        s_ << "RELEASE SAVEPOINT esia_link", now;
        return linkedOid(account.accountId) == oid ? domain::LinkVerdict::AlreadyLinked
                                                   : domain::LinkVerdict::LinkedToAnother;
    }
    if (!claimSlots(oid, account)) {
        s_ << "ROLLBACK TO SAVEPOINT esia_link", now;
        s_ << "RELEASE SAVEPOINT esia_link", now;
        return domain::LinkVerdict::OrganizationRoleTaken;
    }
    s_ << "RELEASE SAVEPOINT esia_link", now;
    return domain::LinkVerdict::Allowed;
}

bool EsiaLinkRepository::claimSlots(std::int64_t oid, const domain::LinkCandidate& account) {
    for (auto role : domain::linkSlots(account.roles)) {
        std::vector<std::int64_t> slot;
        std::string code = domain::code(role);
        s_ << db_.sql(
            "INSERT INTO esia_link_slots (esia_oid, organization_id, portal_role, user_id)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING user_id"),
            bind(oid), bind(account.organizationId), bind(code), bind(account.accountId),
            into(slot), now;
        if (slot.empty()) return false;
    }
    return true;
}

std::map<std::string, EsiaLinkRepository::LinkedLogin> EsiaLinkRepository::linkedLogins(
    std::int64_t organizationId) {
    std::vector<std::string> keys;
    std::vector<std::int64_t> ids, oids;
    s_ << db_.sql(
        "SELECT u.login_key, u.id, l.esia_oid FROM users u JOIN esia_links l"
        " ON l.user_id = u.id WHERE u.organization_id = ?"),
        bind(organizationId), into(keys), into(ids), into(oids), now;
    std::map<std::string, LinkedLogin> out;
    for (std::size_t i = 0; i < keys.size(); ++i) out[keys[i]] = {ids[i], oids[i]};
    return out;
}

bool EsiaLinkRepository::reclaimSlots(std::int64_t oid, const domain::LinkCandidate& account) {
    s_ << "SAVEPOINT esia_slots", now;
    s_ << db_.sql("DELETE FROM esia_link_slots WHERE user_id = ?"), bind(account.accountId), now;
    bool claimed = claimSlots(oid, account);
    if (!claimed) s_ << "ROLLBACK TO SAVEPOINT esia_slots", now;
    s_ << "RELEASE SAVEPOINT esia_slots", now;
    return claimed;
}

bool EsiaLinkRepository::unlink(std::int64_t accountId) {
    std::vector<std::int64_t> removed;
    s_ << db_.sql("DELETE FROM esia_links WHERE user_id = ? RETURNING id"), bind(accountId),
        into(removed), now;
    return !removed.empty();
}

}  // namespace netcity::store
