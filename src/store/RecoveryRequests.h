#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/Database.h"

namespace netcity::store {

struct RecoveryRequest {
    std::int64_t id = 0;
    std::string key;  // random, given when queued: RecoveryAnswers remembers it
    std::string email, clientAddress;
    std::int64_t requestedAt = 0;
};

// «Восстановить пароль» requests waiting for flows::RecoveryWorker (issue #17), in the
// database's queue store (Database::queueStore). The page writes one row whatever the address,
// so whether the address is on file does not show in its timing; the worker looks the accounts
// up later. A row is the e-mail as typed: it lives until its answer is written.
class RecoveryRequests {
  public:
    // `queue` is the store the session belongs to: Database::queueStore().
    RecoveryRequests(Database& queue, Poco::Data::Session& session) : db_(queue), s_(session) {}

    // A request already queued under its key is not queued again (a move cut short, below).
    void add(const RecoveryRequest& request);
    std::optional<RecoveryRequest> oldest();
    void remove(std::int64_t id);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

// An SQLite database kept its requests in its own file before they moved to the queue store:
// moves any still waiting there (at start, before the worker runs).
void moveQueuedRecoveryRequests(Database& db, Database& queue);

}  // namespace netcity::store
