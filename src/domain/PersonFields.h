#pragma once

#include <string_view>

#include "domain/CalendarDate.h"

namespace netcity::domain {

// What a person's fields must be, wherever they come from: the personal card staff type and the
// import file obey the same rules, so an imported person can always be saved from the card.

enum class NameProblem { None, Empty, InvalidUtf8, TooLong, Characters };

// `name` with its spaces already collapsed. Letters (Cyrillic or Latin), space, hyphen,
// apostrophe and dot, at most 60 characters.
NameProblem checkPersonName(std::string_view name, bool required);

// 10 to 15 digits, with spaces, brackets, hyphens and a leading + between them.
bool isPhoneLike(std::string_view phone);

// Between 01.01.1900 and today.
bool isPlausibleBirthDate(const CalendarDate& date, const CalendarDate& today);

}  // namespace netcity::domain
