#include "domain/StaffAccess.h"

#include <algorithm>

namespace netcity::domain {
namespace {

bool intersects(const std::set<std::int64_t>& a, const std::set<std::int64_t>& b) {
    return std::any_of(a.begin(), a.end(), [&](std::int64_t x) { return b.count(x) > 0; });
}

}  // namespace

Access accessTo(const StaffMember& staff, const StaffPlace& place) {
    const auto& r = staff.roles;
    if (staff.organizationId == place.organizationId) {
        if (r.count(Role::Administrator)) return Access::Change;
        if (place.staffAccount) return Access::None;
        if (r.count(Role::Teacher) && intersects(staff.classTeacherOf, place.classes))
            return Access::Change;
        if (r.count(Role::Teacher) && intersects(staff.teaches, place.classes)) return Access::Read;
    }
    if (r.count(Role::Authority) && staff.municipalityId != 0 &&
        staff.municipalityId == place.municipalityId)
        return Access::Read;
    return Access::None;
}

bool hasStaffTools(const StaffMember& staff) {
    const auto& r = staff.roles;
    return r.count(Role::Administrator) || r.count(Role::Authority) ||
           (r.count(Role::Teacher) && !(staff.classTeacherOf.empty() && staff.teaches.empty()));
}

}  // namespace netcity::domain
