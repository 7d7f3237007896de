#pragma once

#include <cstdint>
#include <optional>
#include <set>

#include "domain/Role.h"

namespace netcity::domain {

// Who may see and change what, for school staff (issues #5 and #6). Checked on the server for
// every request; the pages only hide what this rule refuses anyway.
//   administrator        — everything in their organization
//   class teacher        — the students of their classes and those students' parents
//   teacher              — read-only over their classes
//   education authority  — read-only over the organizations of their municipality
enum class Access { None, Read, Change };

struct StaffMember {
    std::int64_t accountId = 0;
    std::int64_t organizationId = 0;
    std::int64_t municipalityId = 0;
    RoleSet roles;
    std::set<std::int64_t> classTeacherOf;  // classes where this teacher is the class teacher
    std::set<std::int64_t> teaches;         // every class the teacher works with (read-only)
};

// Where something lives: an appeal (its organization and chosen class) or an account (its
// organization, and the classes of the student or of a parent's children).
struct StaffPlace {
    std::int64_t organizationId = 0;
    std::int64_t municipalityId = 0;
    std::set<std::int64_t> classes;
    // A teacher's, administrator's or authority's account: only an administrator changes it,
    // even when its owner is also the parent of a child in someone's class.
    bool staffAccount = false;
};

Access accessTo(const StaffMember& staff, const StaffPlace& place);
inline bool canRead(Access a) {
    return a != Access::None;
}
inline bool canChange(Access a) {
    return a == Access::Change;
}
// Does this person have any staff tools at all (the «Обращения» menu)?
bool hasStaffTools(const StaffMember& staff);

}  // namespace netcity::domain
