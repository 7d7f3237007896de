#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"

namespace netcity::store {

// Who did what, when, from where, with what outcome. Never personal data: subjects are ids.
struct AuditEvent {
    std::int64_t at = 0;
    std::optional<std::int64_t> actorAccountId;
    std::string action;   // "login.password", "password.change", "import", …
    std::string subject;  // "account:42", "organization:7"
    std::string clientAddress;
    std::string outcome;  // "ok", "wrong_credentials", "throttled", …
};

class AuditLog {
  public:
    AuditLog(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}
    void record(const AuditEvent& event);
    std::vector<AuditEvent> recent(int limit);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
