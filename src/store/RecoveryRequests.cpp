#include "store/RecoveryRequests.h"

#include <vector>

using namespace Poco::Data::Keywords;

namespace netcity::store {
namespace {

std::vector<RecoveryRequest> selectRequests(Database& db, Poco::Data::Session& s,
                                            const std::string& rest) {
    std::vector<std::int64_t> ids, at;
    std::vector<std::string> keys, emails, addresses;
    s << db.sql(
        "SELECT id, request_key, email, client_address, requested_at"
        " FROM recovery_requests ORDER BY id" +
        rest),
        into(ids), into(keys), into(emails), into(addresses), into(at), now;
    std::vector<RecoveryRequest> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], keys[i], emails[i], addresses[i], at[i]});
    return out;
}

}  // namespace

void RecoveryRequests::add(const RecoveryRequest& r) {
    std::string key = r.key, email = r.email, address = r.clientAddress;
    std::int64_t at = r.requestedAt;
    s_ << db_.sql(
        "INSERT INTO recovery_requests (request_key, email, client_address, requested_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (request_key) DO NOTHING"),
        bind(key), bind(email), bind(address), bind(at), now;
}

std::optional<RecoveryRequest> RecoveryRequests::oldest() {
    auto found = selectRequests(db_, s_, " LIMIT 1");
    if (found.empty()) return std::nullopt;
    return found.front();
}

void RecoveryRequests::remove(std::int64_t id) {
    s_ << db_.sql("DELETE FROM recovery_requests WHERE id = ?"), bind(id), now;
}

void moveQueuedRecoveryRequests(Database& db, Database& queue) {
    std::vector<RecoveryRequest> waiting;
    {
        auto s = db.session();
        waiting = selectRequests(db, s, "");
    }
    if (waiting.empty()) return;
    {
        auto s = queue.session();
        Transaction tx(queue, s);
        RecoveryRequests moved(queue, s);
        for (const auto& r : waiting) moved.add(r);
        tx.commit();
    }
    // Moved before removed: a crash in between leaves a request in both, and its key keeps it
    // from being answered twice (RecoveryAnswers).
    auto s = db.session();
    Transaction tx(db, s);
    for (const auto& r : waiting) RecoveryRequests(db, s).remove(r.id);
    tx.commit();
}

}  // namespace netcity::store
