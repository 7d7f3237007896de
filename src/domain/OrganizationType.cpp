#include "domain/OrganizationType.h"

#include <array>

#include "domain/Utf8Text.h"

namespace netcity::domain {
namespace {

struct TypeInfo {
    OrganizationType type;
    const char* code;
    const char* label;
};

constexpr std::array<TypeInfo, 5> kTypes{{
    {OrganizationType::General, "general", "Общеобразовательная"},
    {OrganizationType::Preschool, "preschool", "Дошкольная"},
    {OrganizationType::Additional, "additional", "Дополнительного образования"},
    {OrganizationType::Professional, "professional", "Профессиональная"},
    {OrganizationType::Authority, "authority", "Управление образованием"},
}};

}  // namespace

std::optional<OrganizationType> parseOrganizationType(std::string_view text) {
    // CSV files write the type in lower case («общеобразовательная»), the page capitalised.
    std::string wanted = lowerCase(text);
    for (const auto& t : kTypes)
        if (wanted == lowerCase(t.label)) return t.type;
    return std::nullopt;
}

const char* label(OrganizationType type) {
    return kTypes[static_cast<std::size_t>(type)].label;
}
const char* code(OrganizationType type) {
    return kTypes[static_cast<std::size_t>(type)].code;
}

std::optional<OrganizationType> parseOrganizationTypeCode(std::string_view text) {
    for (const auto& t : kTypes)
        if (text == t.code) return t.type;
    return std::nullopt;
}

const std::vector<OrganizationType>& schoolOrganizationTypes() {
    static const std::vector<OrganizationType> types{
        OrganizationType::General, OrganizationType::Preschool, OrganizationType::Additional,
        OrganizationType::Professional};
    return types;
}

}  // namespace netcity::domain
