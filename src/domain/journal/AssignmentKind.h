#pragma once

#include <string_view>

namespace netcity::domain::journal {

// The assignment type whose missing mark is a debt (SGO's «Домашнее задание»): its name in the
// deployment's list (migration 9), which the web API and the apps know it by.
inline constexpr std::string_view kHomeworkTypeName = "Домашнее задание";

}  // namespace netcity::domain::journal
