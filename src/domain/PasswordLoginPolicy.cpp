#include "domain/PasswordLoginPolicy.h"

namespace netcity::domain {

std::optional<PasswordLoginPolicy> parsePasswordLoginPolicy(std::string_view text) {
    if (text == "everyone") return PasswordLoginPolicy::Everyone;
    if (text == "staff") return PasswordLoginPolicy::StaffOnly;
    if (text == "nobody") return PasswordLoginPolicy::Nobody;
    return std::nullopt;
}

const char* code(PasswordLoginPolicy policy) {
    switch (policy) {
        case PasswordLoginPolicy::Everyone:
            return "everyone";
        case PasswordLoginPolicy::StaffOnly:
            return "staff";
        case PasswordLoginPolicy::Nobody:
            return "nobody";
    }
    return "nobody";
}

bool allowsPasswordLogin(PasswordLoginPolicy policy, const RoleSet& roles) {
    switch (policy) {
        case PasswordLoginPolicy::Everyone:
            return true;
        case PasswordLoginPolicy::StaffOnly:
            return isStaff(roles);
        case PasswordLoginPolicy::Nobody:
            return false;
    }
    return false;
}

}  // namespace netcity::domain
