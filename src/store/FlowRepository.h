#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/Database.h"

namespace netcity::store {

// Server-side flows (Ory Kratos' self-service flows): what a multi-step sign-in knows between
// pages, under the hash of an unguessable id, bound to the browser that started it, expiring.
struct StoredFlow {
    std::string kind, browserHash, data;
    std::int64_t createdAt = 0, expiresAt = 0;
    std::optional<std::int64_t> accountId = std::nullopt;  // the account a flow acts on
};

class FlowRepository {
  public:
    FlowRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    void create(const std::string& idHash, const StoredFlow& flow);
    std::optional<StoredFlow> find(const std::string& idHash);
    // Reads and deletes in one statement: of two requests racing with the same id, one wins.
    std::optional<StoredFlow> take(const std::string& idHash);
    // The same, only for the browser the flow is bound to: a stranger who replays the id
    // takes nothing, and the owner's flow stays.
    std::optional<StoredFlow> take(const std::string& idHash, const std::string& browserHash);
    void update(const std::string& idHash, const std::string& data);
    long removeExpired(std::int64_t at);  // how many went
    void removeOfAccount(const std::string& kind, std::int64_t accountId);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
