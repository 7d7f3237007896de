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

bool RecoveryRequests::waiting() {
    std::vector<std::int64_t> id;
    s_ << db_.sql("SELECT id FROM recovery_requests ORDER BY id LIMIT 1"), into(id), now;
    return !id.empty();
}

std::optional<RecoveryRequest> RecoveryRequests::take() {
    for (int tries = 0; tries < 5; ++tries) {
        std::vector<std::int64_t> ids, at;
        std::vector<std::string> emails, addresses;
        s_ << db_.sql(
            "SELECT id, email, client_address, requested_at FROM recovery_requests"
            " ORDER BY id LIMIT 1"),
            into(ids), into(emails), into(addresses), into(at), now;
        if (ids.empty()) return std::nullopt;
        // Another node may be answering it: its DELETE holds the row until it commits, and
        // then ours finds nothing.
        std::vector<std::int64_t> taken;
        s_ << db_.sql("DELETE FROM recovery_requests WHERE id = ? RETURNING id"), bind(ids[0]),
            into(taken), now;
        if (!taken.empty()) return RecoveryRequest{ids[0], emails[0], addresses[0], at[0]};
    }
    return std::nullopt;
}

}  // namespace netcity::store
