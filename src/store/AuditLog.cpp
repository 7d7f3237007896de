#include "store/AuditLog.h"

#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace netcity::store {

void AuditLog::record(const AuditEvent& e) {
    Poco::Nullable<std::int64_t> actor;
    if (e.actorAccountId) actor = *e.actorAccountId;
    s_ << db_.sql(
        "INSERT INTO audit_events (at, actor_user_id, action, subject, client_address,"
        " outcome) VALUES (?, ?, ?, ?, ?, ?)"),
        bind(e.at), bind(actor), bind(e.action), bind(e.subject), bind(e.clientAddress),
        bind(e.outcome), now;
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
