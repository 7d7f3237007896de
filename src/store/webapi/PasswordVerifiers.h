#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/Database.h"

namespace netcity::store::webapi {

// The legacy password verifiers of --webapi-password-login, one per account, as sealed text
// (flows/webapi/LegacyVerifiers seals and opens them).
class PasswordVerifiers {
  public:
    PasswordVerifiers(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    void put(std::int64_t accountId, const std::string& sealed);
    std::optional<std::string> find(std::int64_t accountId);
    void remove(std::int64_t accountId);
    long removeAll();  // how many went

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::webapi
