#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"

namespace netcity::store {

// Who did what, when, from where, with what outcome. Never personal data: subjects are ids.
struct AuditEvent {
    AuditEvent() = default;
    AuditEvent(std::int64_t at, std::optional<std::int64_t> actor, std::string action,
               std::string subject, std::string clientAddress, std::string outcome,
               std::optional<std::int64_t> organizationId = std::nullopt)
        : at(at),
          actorAccountId(actor),
          action(std::move(action)),
          subject(std::move(subject)),
          clientAddress(std::move(clientAddress)),
          outcome(std::move(outcome)),
          organizationId(organizationId) {}

    std::int64_t at = 0;
    std::optional<std::int64_t> actorAccountId;
    std::string action;   // "login.password", "password.change", "import", …
    std::string subject;  // "account:42", "organization:7"
    std::string clientAddress;
    std::string outcome;  // "ok", "wrong_credentials", "throttled", …
    // Whose log shows it; when unset, the actor's organization.
    std::optional<std::int64_t> organizationId;
    std::string detail;  // what changed, "4 → 5" (a journal change); "" for none
    std::int64_t id = 0;  // when read back
};

struct AuditFilter {
    std::optional<std::int64_t> organizationId;  // nullopt: every organization
    std::string actionPrefix;                    // "appeal." or "" for all
    std::string outcome;                         // exact, or "" for all
    std::int64_t fromAt = 0, toAt = 0;           // 0: unbounded
    std::int64_t afterId = 0;                    // paging for exports: ids above this
    int limit = 100, offset = 0;
    bool oldestFirst = false;
};

class AuditLog {
  public:
    AuditLog(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}
    void record(const AuditEvent& event);
    std::vector<AuditEvent> recent(int limit);
    std::vector<AuditEvent> search(const AuditFilter& filter);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
