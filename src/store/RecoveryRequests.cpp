#include "store/RecoveryRequests.h"

using namespace Poco::Data::Keywords;

namespace netcity::store {

void RecoveryRequests::add(const std::string& email, const std::string& clientAddress,
                           std::int64_t at) {
    std::string e = email, address = clientAddress;
    s_ << db_.sql(
        "INSERT INTO recovery_requests (email, client_address, requested_at) VALUES (?, ?, ?)"),
        bind(e), bind(address), bind(at), now;
}

std::optional<RecoveryRequest> RecoveryRequests::oldest() {
    std::vector<std::int64_t> ids, at;
    std::vector<std::string> emails, addresses;
    s_ << db_.sql(
        "SELECT id, email, client_address, requested_at FROM recovery_requests"
        " ORDER BY id LIMIT 1"),
        into(ids), into(emails), into(addresses), into(at), now;
    if (ids.empty()) return std::nullopt;
    return RecoveryRequest{ids[0], emails[0], addresses[0], at[0]};
}

bool RecoveryRequests::take(std::int64_t id) {
    std::vector<std::int64_t> taken;
    s_ << db_.sql("DELETE FROM recovery_requests WHERE id = ? RETURNING id"), bind(id), into(taken),
        now;
    return !taken.empty();
}

}  // namespace netcity::store
