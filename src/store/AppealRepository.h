#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/AppealStatus.h"
#include "store/Database.h"

namespace netcity::store {

struct StoredAppeal {
    std::int64_t id = 0;
    std::string number;
    std::int64_t organizationId = 0, municipalityId = 0;
    std::optional<std::int64_t> classId;
    std::string organizationName, className;
    std::string role;  // the portal role chosen before Gosuslugi: parent, student, staff
    std::int64_t esiaOid = 0;
    std::string applicantName, email;
    std::string dataSealed;  // the Gosuslugi profile and the chosen child, sealed
    std::string comment;
    domain::AppealStatus status = domain::AppealStatus::New;
    std::string reason, resolution;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> decidedAt, decidedBy;
};

struct AppealFilter {
    std::int64_t organizationId = 0;
    std::optional<domain::AppealStatus> status;
    // Set: only appeals for these classes (a class teacher's view).
    std::optional<std::set<std::int64_t>> classes;
    int limit = 50, offset = 0;
};

class AppealRepository {
  public:
    AppealRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // Nullopt when an open appeal with this key exists already (see the migration).
    std::optional<std::int64_t> insert(const StoredAppeal& appeal, const std::string& openKey);
    std::optional<StoredAppeal> byId(std::int64_t id);
    std::optional<StoredAppeal> byOpenKey(const std::string& openKey);
    std::vector<StoredAppeal> list(const AppealFilter& filter);
    int count(const AppealFilter& filter);
    std::vector<StoredAppeal> ofEsiaAccount(std::int64_t oid);
    // New → resolved/rejected, once: false when someone else decided first.
    bool decide(std::int64_t id, domain::AppealStatus status, const std::string& reason,
                const std::string& resolution, std::int64_t decidedBy, std::int64_t at);

  private:
    using Binds = std::function<void(Poco::Data::Statement&)>;
    std::vector<StoredAppeal> select(const std::string& where, const Binds& binds, int limit,
                                     int offset);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
