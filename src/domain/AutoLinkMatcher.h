#pragma once

#include <optional>
#include <string>

#include "domain/CalendarDate.h"
#include "domain/PersonName.h"
#include "domain/SnilsNumber.h"

namespace netcity::domain {

// The personal data compared when a Gosuslugi account meets a school account.
struct MatchableData {
    PersonName name;
    std::optional<CalendarDate> birthDate;
    std::optional<SnilsNumber> snils;
};

// The rule of the seeds (DESIGN.md): an ESIA account links itself to a school account only
// when the ESIA account is confirmed and last, first and middle name (normalised: case, ё/е,
// spaces, hyphens), birth date and SNILS all match exactly. Missing data never matches.
class AutoLinkMatcher {
  public:
    static bool matches(bool esiaAccountConfirmed, const MatchableData& esia,
                        const MatchableData& card);
};

}  // namespace netcity::domain
