#pragma once

#include <string>
#include <string_view>

namespace netcity::domain {

// Input hygiene shared by every layer that accepts text from people or files.
bool isValidUtf8(std::string_view text);
// True when the text has C0/C1 control characters other than tab (and, if allowed, newlines).
bool hasControlCharacters(std::string_view text, bool allowNewlines = false);
// Number of code points; the text must be valid UTF-8.
std::size_t codePointCount(std::string_view text);
// Collapses runs of whitespace and trims both ends.
std::string collapseSpaces(std::string_view text);
// Lower-cases Latin and Cyrillic letters (А-Я, Ё), leaves everything else as is.
std::string lowerCase(std::string_view text);

}  // namespace netcity::domain
