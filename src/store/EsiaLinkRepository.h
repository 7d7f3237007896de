#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"

namespace netcity::store {

// ESIA account (oid) ↔ school accounts.
class EsiaLinkRepository {
  public:
    EsiaLinkRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::vector<std::int64_t> accountsLinkedTo(std::int64_t oid);
    std::optional<std::int64_t> linkedOid(std::int64_t accountId);
    // True when this call created the link; false when the account was linked already
    // (to this or another ESIA account).
    bool link(std::int64_t oid, std::int64_t accountId, const std::string& createdBy,
              std::int64_t at);
    bool unlink(std::int64_t accountId);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
