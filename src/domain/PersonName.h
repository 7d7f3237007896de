#pragma once

#include <string>
#include <string_view>

namespace netcity::domain {

// Last, first and middle name as written on the person's card.
struct PersonName {
    std::string last;
    std::string first;
    std::string middle;  // may be empty: not everyone has a patronymic

    std::string full() const;       // "Иванова Мария Петровна"
    std::string shortForm() const;  // "Иванова М. П."
};

// The comparison key of one name part for exact matching: case, ё/е, and spaces and hyphens
// between the parts of a double name do not count ("Римская-Корсакова" = "римская корсакова").
std::string normalizeNamePart(std::string_view part);

bool sameName(const PersonName& a, const PersonName& b);

}  // namespace netcity::domain
