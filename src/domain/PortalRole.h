#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Role.h"

namespace netcity::domain {

// The role a person chooses before going to Gosuslugi (seed 001, step 1; seed 004, step 5).
// It decides which of their school accounts can be found, and which data ESIA is asked for.
enum class PortalRole { Parent, Student, Staff };

std::optional<PortalRole> parsePortalRole(std::string_view code);
const char* code(PortalRole role);
// «Родитель», «Ребенок (обучающийся)», «Педагоги и сотрудники»: seed 004 calls the child's role
// «Ребенок»; a student of 14–18 still finds «обучающийся».
const char* label(PortalRole role);
const std::vector<PortalRole>& portalRoles();
// Does an account with these roles belong to the chosen portal role?
bool covers(PortalRole chosen, const RoleSet& accountRoles);
// The ESIA scopes to request: children's data only for parents.
std::string esiaScopes(PortalRole role);

}  // namespace netcity::domain
