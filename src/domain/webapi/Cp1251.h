#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netcity::domain::webapi {

// The text in windows-1251, the code page SGO clients hash passwords in (sgo-webapi.md §3.5).
// Nullopt when the text is not valid UTF-8 or has a character the code page lacks (an emoji, a
// Chinese letter): such a password cannot be typed into those clients' hash either.
std::optional<std::string> toCp1251(std::string_view utf8);

}  // namespace netcity::domain::webapi
