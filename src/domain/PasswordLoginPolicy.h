#pragma once

#include <optional>
#include <string_view>

#include "domain/Role.h"

namespace netcity::domain {

// Who may sign in with the school-issued login and password (the rest use Gosuslugi).
enum class PasswordLoginPolicy { Everyone, StaffOnly, Nobody };

std::optional<PasswordLoginPolicy> parsePasswordLoginPolicy(std::string_view text);
const char* code(PasswordLoginPolicy policy);
bool allowsPasswordLogin(PasswordLoginPolicy policy, const RoleSet& roles);

// The sentence the login page shows when nobody may use a password.
inline constexpr const char* kEsiaOnlyNotice =
    "В соответствии с законодательством РФ, авторизация в системе осуществляется исключительно "
    "через учетную запись ЕСИА";

}  // namespace netcity::domain
