#pragma once

#include <string>

namespace netcity::app {

// The banner's demo logins: the first account of each role in the demo CSV, with where its
// organization is (region → town → organization, as the login page asks for them) — the demo
// has schools of the same name in several regions — and its password.
std::string demoLogins(const std::string& csv);

}  // namespace netcity::app
