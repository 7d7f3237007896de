#include "domain/SelfLinkingPolicy.h"

namespace netcity::domain {

bool SelfLinkingPolicy::allows(const RoleSet& roles, const CalendarDate& today) const {
    if (!cutoff_ || today < *cutoff_) return true;
    return isStaff(roles);
}

}  // namespace netcity::domain
