#pragma once

#include <string_view>

namespace netcity::domain {

// What a password a person chooses must be («Сменить пароль», password recovery): 8–128
// characters, typed the same twice. One rule for every place a password is set.
enum class NewPasswordProblem { None, Mismatch, TooShort, TooLong };

NewPasswordProblem checkNewPassword(std::string_view password, std::string_view repeat);
const char* describe(NewPasswordProblem problem);

inline constexpr std::size_t kNewPasswordMinLength = 8;
inline constexpr std::size_t kNewPasswordMaxLength = 128;

}  // namespace netcity::domain
