#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/OrganizationType.h"
#include "store/Database.h"

namespace netcity::store {

struct DirectoryEntry {
    std::int64_t id = 0;
    std::string name;
};

struct Organization {
    std::int64_t id = 0;
    std::string name;
    domain::OrganizationType type = domain::OrganizationType::General;
    std::int64_t regionId = 0, municipalityId = 0;
    std::optional<std::int64_t> localityId;
    std::string regionName, municipalityName, localityName;
};

// Region → municipality → locality → organization → class.
class DirectoryRepository {
  public:
    DirectoryRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::vector<DirectoryEntry> regions();
    std::vector<DirectoryEntry> municipalities(std::int64_t regionId);
    std::vector<DirectoryEntry> localities(std::int64_t municipalityId);
    // The school types that have at least one organization in the locality.
    std::vector<domain::OrganizationType> organizationTypes(std::int64_t localityId);
    std::vector<DirectoryEntry> organizations(std::int64_t localityId,
                                              domain::OrganizationType type);
    std::vector<DirectoryEntry> authorities(std::int64_t municipalityId);
    // Every organization of a type, named with its locality: the appeal form's list.
    std::vector<DirectoryEntry> organizationsOfType(domain::OrganizationType type);
    // The schools of a municipality (not its authorities): what its authority oversees.
    std::vector<DirectoryEntry> organizationsOfMunicipality(std::int64_t municipalityId);
    std::optional<Organization> organization(std::int64_t id);
    std::vector<DirectoryEntry> classes(std::int64_t organizationId);
    std::optional<std::int64_t> municipalityOfLocality(std::int64_t localityId);

    // Idempotent writes by external key, for imports; each returns the row id.
    std::int64_t upsertRegion(const std::string& key, const std::string& name);
    std::int64_t upsertMunicipality(const std::string& key, std::int64_t regionId,
                                    const std::string& name);
    std::int64_t upsertLocality(const std::string& key, std::int64_t municipalityId,
                                const std::string& name);
    std::int64_t upsertOrganization(const std::string& key, std::int64_t municipalityId,
                                    std::optional<std::int64_t> localityId,
                                    domain::OrganizationType type, const std::string& name);
    std::int64_t upsertClass(const std::string& key, std::int64_t organizationId,
                             const std::string& name);
    void setClassTeacher(std::int64_t classId, std::int64_t userId);

    // Row id of a keyed entry; table is one of regions, municipalities, localities,
    // organizations, classes, persons.
    std::optional<std::int64_t> idByKey(const std::string& table, const std::string& key);
    std::optional<domain::OrganizationType> organizationTypeByKey(const std::string& key);
    std::optional<std::string> organizationKeyOfClass(const std::string& classKey);
    // The key of the person who holds `loginKey` in the organization, if anyone does.
    std::optional<std::string> personKeyOfLogin(const std::string& organizationKey,
                                                const std::string& loginKey);

  private:
    std::vector<DirectoryEntry> list(const std::string& sql, std::int64_t parentId);
    std::int64_t upsertNamedChild(const std::string& table, const std::string& parentColumn,
                                  const std::string& key, std::int64_t parentId,
                                  const std::string& name);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
