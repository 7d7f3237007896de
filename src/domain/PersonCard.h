#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/CalendarDate.h"
#include "domain/PersonName.h"
#include "domain/SnilsNumber.h"

namespace netcity::domain {

// A personal card («личная карточка») as staff type it.
struct CardInput {
    std::string lastName, firstName, middleName, birthDate, gender, snils, email, phone;
};

// The same card, checked: what gets saved.
struct CardFields {
    PersonName name;
    std::optional<CalendarDate> birthDate;
    std::string gender;  // "М", "Ж" or empty
    std::optional<SnilsNumber> snils;
    std::string email, phone;
};

struct CardCheck {
    CardFields fields;
    std::map<std::string, std::string> problems;  // field → Russian message
    bool ok() const { return problems.empty(); }
};

// Last and first name are required; names are letters (Cyrillic or Latin), spaces, hyphens,
// apostrophes and dots, at most 60 characters; the birth date is a real date between 1900 and
// today; SNILS passes its checksum; e-mail and phone look like ones.
CardCheck checkCard(const CardInput& input, const CalendarDate& today);

}  // namespace netcity::domain
