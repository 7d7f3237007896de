#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/PortalRole.h"
#include "domain/Role.h"

namespace netcity::domain {

// Who may be linked to a Gosuslugi account (DESIGN, seeds 000–004): a school account links at
// most one Gosuslugi account; a Gosuslugi account links any number of school accounts (a
// parent with children in two schools, a teacher who is also a parent), but at most one per
// organization and portal role — otherwise the sign-in could not tell which one was meant.
// Every way of linking asks this rule; the database backs it with a unique key per slot.
struct LinkCandidate {
    std::int64_t accountId = 0;
    std::int64_t organizationId = 0;
    RoleSet roles;
};

enum class LinkVerdict {
    Allowed,
    AlreadyLinked,          // to this very Gosuslugi account: nothing to do
    LinkedToAnother,        // the school account has another Gosuslugi account
    OrganizationRoleTaken,  // another account of that organization and role has this one
};

// The portal roles an account answers for, each a slot in its organization.
std::vector<PortalRole> linkSlots(const RoleSet& roles);

// `linkedOid`: the candidate's current Gosuslugi account, if any; `alreadyLinked`: the school
// accounts linked to `oid` now.
LinkVerdict checkLink(std::int64_t oid, const LinkCandidate& candidate,
                      std::optional<std::int64_t> linkedOid,
                      const std::vector<LinkCandidate>& alreadyLinked);

}  // namespace netcity::domain
