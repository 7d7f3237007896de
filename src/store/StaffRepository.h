#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/PersonName.h"
#include "domain/Role.h"
#include "domain/StaffAccess.h"
#include "store/Database.h"

namespace netcity::store {

// A school account as staff see it in lists: who, in which class, linked or not.
struct PersonInOrganization {
    std::int64_t accountId = 0, personId = 0;
    domain::PersonName name;
    std::optional<domain::CalendarDate> birthDate;
    domain::RoleSet roles;
    std::string login, className;
    bool sameSnils = false;  // the person's SNILS is the one asked about
    std::optional<std::int64_t> linkedOid;
    bool blocked = false;
    domain::StaffPlace place;  // organization and classes (a parent: the children's)
};

// What the staff tools need to know about staff and the people of an organization.
class StaffRepository {
  public:
    StaffRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::optional<domain::StaffMember> staffMember(std::int64_t accountId);
    // Every account of the organization; `snilsIndex` (may be empty) marks the same SNILS.
    std::vector<PersonInOrganization> people(std::int64_t organizationId,
                                             const std::string& snilsIndex);
    // One account as staff see it, wherever it is (the caller checks the reach).
    std::optional<PersonInOrganization> account(std::int64_t accountId);
    // Every account of a person, in any organization.
    std::vector<PersonInOrganization> accountsOfPerson(std::int64_t personId);
    std::int64_t municipalityOf(std::int64_t organizationId);

  private:
    std::vector<PersonInOrganization> select(std::int64_t organizationId, std::int64_t accountId,
                                             const std::string& snilsIndex);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
