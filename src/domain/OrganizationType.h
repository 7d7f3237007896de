#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace netcity::domain {

enum class OrganizationType { General, Preschool, Additional, Professional, Authority };

// The labels are the codes: the Russian words people see in «Тип ОО» and write in CSV files.
std::optional<OrganizationType> parseOrganizationType(std::string_view label);
const char* label(OrganizationType type);
const char* code(OrganizationType type);  // latin, for URLs and the database
std::optional<OrganizationType> parseOrganizationTypeCode(std::string_view code);
const std::vector<OrganizationType>& schoolOrganizationTypes();  // all but Authority

}  // namespace netcity::domain
