#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace netcity::sim {

// The scopes the emulator knows, with the consent wording Gosuslugi shows (seed 001).
struct ScopeInfo {
    const char* name;
    const char* consentText;
};

const std::vector<ScopeInfo>& knownScopes();
std::optional<ScopeInfo> scopeInfo(const std::string& name);
// "openid fullname  snils" -> {"openid", "fullname", "snils"}; spaces only, no empties.
std::vector<std::string> splitScopes(const std::string& text);
bool hasAny(const std::set<std::string>& granted, std::initializer_list<const char*> names);

}  // namespace netcity::sim
