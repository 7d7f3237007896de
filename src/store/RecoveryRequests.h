#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/Database.h"

namespace netcity::store {

struct RecoveryRequest {
    std::int64_t id = 0;
    std::string email, clientAddress;
    std::int64_t requestedAt = 0;
};

// «Восстановить пароль» requests waiting for flows::RecoveryWorker (issue #17). The page writes
// one row whatever the address, so whether the address is on file does not show in its timing;
// the worker looks the accounts up later. A row is the e-mail as typed: it lives until taken.
class RecoveryRequests {
  public:
    RecoveryRequests(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    void add(const std::string& email, const std::string& clientAddress, std::int64_t at);
    std::optional<RecoveryRequest> oldest();
    // Removes the request; false when another node took it first. Call it inside the
    // transaction that answers the request: a rollback puts it back, and of two nodes only one
    // gets it (the other's DELETE waits for the row, then finds nothing).
    bool take(std::int64_t id);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
