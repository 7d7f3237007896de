#pragma once

#include <string>

namespace netcity::log {

// The text as the inside of a JSON string: quotes, backslashes and control characters escaped,
// everything else (UTF-8 included) as it is. Shared by the log lines and the JSON answers.
std::string jsonEscape(const std::string& text);

}  // namespace netcity::log
