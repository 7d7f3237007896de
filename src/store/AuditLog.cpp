#include "store/AuditLog.h"

#include <Poco/Nullable.h>

#include <cstdint>

using namespace Poco::Data::Keywords;

namespace netcity::store {

void AuditLog::record(const AuditEvent& e) {
    Poco::Nullable<std::int64_t> actor, organization;
    if (e.actorAccountId) actor = *e.actorAccountId;
    if (e.organizationId) organization = *e.organizationId;
    Poco::Nullable<std::string> detail;
    if (!e.detail.empty()) detail = e.detail;
    s_ << db_.sql(
        "INSERT INTO audit_events (at, actor_user_id, action, subject, client_address,"
        " outcome, organization_id, detail) VALUES (?, ?, ?, ?, ?, ?,"
        " COALESCE(?, (SELECT organization_id FROM users WHERE id = ?)), ?)"),
        bind(e.at), bind(actor), bind(e.action), bind(e.subject), bind(e.clientAddress),
        bind(e.outcome), bind(organization), bind(actor), bind(detail), now;
}

std::vector<AuditEvent> AuditLog::search(const AuditFilter& f) {
    std::int64_t org = f.organizationId.value_or(0), any = f.organizationId ? 0 : 1;
    std::string prefix = f.actionPrefix + "%";
    std::int64_t to = f.toAt == 0 ? INT64_MAX : f.toAt;
    std::vector<std::int64_t> id, at;
    std::vector<Poco::Nullable<std::int64_t>> actor, orgs;
    std::vector<std::string> action, subject, address, outcome, detail;
    s_ << db_.sql(
        "SELECT id, at, actor_user_id, action, COALESCE(subject, ''),"
        " COALESCE(client_address, ''), outcome, organization_id, COALESCE(detail, '')"
        " FROM audit_events"
        " WHERE (CAST(? AS BIGINT) = 1 OR organization_id = ?) AND action LIKE ?"
        " AND (CAST(? AS TEXT) = '' OR outcome = ?) AND at >= ? AND at <= ? AND id > ?"
        " ORDER BY id " +
        std::string(f.oldestFirst ? "ASC" : "DESC") + " LIMIT ? OFFSET ?"),
        bind(any), bind(org), bind(prefix), bind(f.outcome), bind(f.outcome), bind(f.fromAt),
        bind(to), bind(f.afterId), bind(f.limit), bind(f.offset), into(id), into(at), into(actor),
        into(action), into(subject), into(address), into(outcome), into(orgs), into(detail), now;
    std::vector<AuditEvent> out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        AuditEvent e{at[i], std::nullopt, action[i], subject[i], address[i], outcome[i]};
        if (!actor[i].isNull()) e.actorAccountId = actor[i].value();
        if (!orgs[i].isNull()) e.organizationId = orgs[i].value();
        e.detail = detail[i];
        e.id = id[i];
        out.push_back(e);
    }
    return out;
}

std::vector<AuditEvent> AuditLog::recent(int limit) {
    std::vector<std::int64_t> at;
    std::vector<Poco::Nullable<std::int64_t>> actor;
    std::vector<std::string> action, subject, address, outcome;
    s_ << db_.sql(
        "SELECT at, actor_user_id, action, COALESCE(subject, ''),"
        " COALESCE(client_address, ''), outcome FROM audit_events"
        " ORDER BY id DESC LIMIT ?"),
        into(at), into(actor), into(action), into(subject), into(address), into(outcome),
        bind(limit), now;
    std::vector<AuditEvent> out;
    for (std::size_t i = 0; i < at.size(); ++i) {
        AuditEvent e{at[i], std::nullopt, action[i], subject[i], address[i], outcome[i]};
        if (!actor[i].isNull()) e.actorAccountId = actor[i].value();
        out.push_back(e);
    }
    return out;
}

}  // namespace netcity::store
