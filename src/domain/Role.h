#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace netcity::domain {

enum class Role { Student, Parent, Teacher, Administrator, Authority };

std::optional<Role> parseRole(std::string_view code);  // "student", "parent", …
const char* code(Role role);
const char* label(Role role);  // «Обучающийся», «Родитель», …

using RoleSet = std::set<Role>;

// "teacher;administrator" -> {Teacher, Administrator}; nullopt on an unknown or empty entry.
std::optional<RoleSet> parseRoleList(std::string_view list);
std::string joinCodes(const RoleSet& roles);
std::string joinLabels(const RoleSet& roles);

// Staff are everyone who works for an organization: teachers, administrators, authority staff.
bool isStaff(const RoleSet& roles);

}  // namespace netcity::domain
