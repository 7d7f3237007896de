#pragma once

#include <map>
#include <string>

namespace netcity::log {

// One JSON object per line on stderr. Callers pass only ids, routes and outcomes: never
// names, logins, SNILS, addresses or passwords.
void logJson(const std::string& event, const std::map<std::string, std::string>& fields);

}  // namespace netcity::log

