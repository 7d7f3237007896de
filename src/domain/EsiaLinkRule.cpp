#include "domain/EsiaLinkRule.h"

#include <algorithm>

namespace netcity::domain {

std::vector<PortalRole> linkSlots(const RoleSet& roles) {
    std::vector<PortalRole> out;
    for (auto role : portalRoles())
        if (covers(role, roles)) out.push_back(role);
    return out;
}

LinkVerdict checkLink(std::int64_t oid, const LinkCandidate& candidate,
                      std::optional<std::int64_t> linkedOid,
                      const std::vector<LinkCandidate>& alreadyLinked) {
    if (linkedOid)
        return *linkedOid == oid ? LinkVerdict::AlreadyLinked : LinkVerdict::LinkedToAnother;
    auto slots = linkSlots(candidate.roles);
    for (const auto& other : alreadyLinked) {
        if (other.accountId == candidate.accountId ||
            other.organizationId != candidate.organizationId)
            continue;
        for (auto role : linkSlots(other.roles))
            if (std::find(slots.begin(), slots.end(), role) != slots.end())
                return LinkVerdict::OrganizationRoleTaken;
    }
    return LinkVerdict::Allowed;
}

}  // namespace netcity::domain
