#include "domain/PortalRole.h"

namespace netcity::domain {

std::optional<PortalRole> parsePortalRole(std::string_view c) {
    if (c == "parent") return PortalRole::Parent;
    if (c == "student") return PortalRole::Student;
    if (c == "staff") return PortalRole::Staff;
    return std::nullopt;
}

const char* code(PortalRole role) {
    switch (role) {
        case PortalRole::Parent:
            return "parent";
        case PortalRole::Student:
            return "student";
        case PortalRole::Staff:
            return "staff";
    }
    return "staff";
}

const char* label(PortalRole role) {
    switch (role) {
        case PortalRole::Parent:
            return "Родитель";
        case PortalRole::Student:
            return "Ребенок (обучающийся)";
        case PortalRole::Staff:
            return "Педагоги и сотрудники";
    }
    return "";
}

const std::vector<PortalRole>& portalRoles() {
    static const std::vector<PortalRole> kRoles{PortalRole::Parent, PortalRole::Student,
                                                PortalRole::Staff};
    return kRoles;
}

bool covers(PortalRole chosen, const RoleSet& roles) {
    switch (chosen) {
        case PortalRole::Parent:
            return roles.count(Role::Parent) > 0;
        case PortalRole::Student:
            return roles.count(Role::Student) > 0;
        case PortalRole::Staff:
            return isStaff(roles);
    }
    return false;
}

std::string esiaScopes(PortalRole role) {
    std::string scopes = "openid fullname birthdate gender snils email mobile";
    if (role == PortalRole::Parent) scopes += " kid_fullname kid_birthdate kid_snils";
    return scopes;
}

}  // namespace netcity::domain
