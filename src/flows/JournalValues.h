#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/journal/SchoolCalendar.h"
#include "flows/ImportRow.h"

namespace netcity::flows {

// How the journal's values are written in an import file (docs/csv-format.md).
std::optional<int> parseNumber(std::string_view text);   // 0–999, digits only
std::optional<int> parseWeekday(std::string_view text);  // 1–6 or пн … сб
// "01.09.2026-25.10.2026;05.11.2026-28.12.2026": the terms, numbered from 1.
std::optional<std::vector<domain::journal::Term>> parseTerms(std::string_view text);
std::optional<int> parseWeight(std::string_view text);  // empty: 1

// The year a school_year row describes (unchecked).
std::optional<domain::journal::SchoolYear> yearOfRow(const ImportRow& row);

// An assignment as rows refer to it: class, lesson date, lesson number, type.
std::string assignmentReference(const ImportRow& row);

}  // namespace netcity::flows
