#include "domain/Role.h"

#include <array>
#include <utility>

namespace netcity::domain {
namespace {

struct RoleInfo {
    Role role;
    const char* code;
    const char* label;
};

constexpr std::array<RoleInfo, 5> kRoles{{
    {Role::Student, "student", "Обучающийся"},
    {Role::Parent, "parent", "Родитель"},
    {Role::Teacher, "teacher", "Педагог"},
    {Role::Administrator, "administrator", "Администратор"},
    {Role::Authority, "authority", "Сотрудник органа управления образованием"},
}};

const RoleInfo& info(Role role) {
    return kRoles[static_cast<std::size_t>(role)];
}

}  // namespace

std::optional<Role> parseRole(std::string_view text) {
    for (const auto& r : kRoles)
        if (text == r.code) return r.role;
    return std::nullopt;
}

const char* code(Role role) {
    return info(role).code;
}
const char* label(Role role) {
    return info(role).label;
}

std::optional<RoleSet> parseRoleList(std::string_view list) {
    RoleSet roles;
    while (!list.empty()) {
        auto sep = list.find(';');
        auto item = list.substr(0, sep);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        auto role = parseRole(item);
        if (!role) return std::nullopt;
        roles.insert(*role);
        if (sep == std::string_view::npos) break;
        list.remove_prefix(sep + 1);
    }
    if (roles.empty()) return std::nullopt;
    return roles;
}

static std::string join(const RoleSet& roles, const char* (*name)(Role), const char* sep) {
    std::string out;
    for (Role r : roles) {
        if (!out.empty()) out += sep;
        out += name(r);
    }
    return out;
}

std::string joinCodes(const RoleSet& roles) {
    return join(roles, code, ";");
}
std::string joinLabels(const RoleSet& roles) {
    return join(roles, label, ", ");
}

bool isStaff(const RoleSet& roles) {
    return roles.count(Role::Teacher) || roles.count(Role::Administrator) ||
           roles.count(Role::Authority);
}

}  // namespace netcity::domain
