#pragma once

#include <optional>
#include <string>

#include "domain/journal/MarkScale.h"
#include "domain/journal/SchoolCalendar.h"
#include "flows/journal/ClassJournal.h"
#include "flows/journal/ClassJournalTimetable.h"

namespace netcity::web::journal {

// What is wrong with one cell of the class journal, in Russian: «оценка «7» вне шкалы 1–5».
std::string issueText(const flows::journal::ClassJournal::Problem& problem,
                      const domain::journal::MarkScale& scale,
                      const domain::journal::SchoolYear& year);
// «Сентябрь» … «Август» (1–12): the class journal's month tabs.
std::string monthName(int month);

// The grid's period in its address: month=2026-11 (a month of the term) or month=all.
inline constexpr const char* kWholeTermKey = "all";
std::string monthKey(const domain::CalendarDate& anyDayOfTheMonth);
// "2026-11" → its first day; "all" → the whole term (Period::wholeTerm); "" → the default;
// anything else → nullopt.
std::optional<flows::journal::ClassJournal::Period> parsePeriod(const std::string& month);

// Why a lesson was not moved or cancelled.
std::string timetableText(flows::journal::ClassJournalTimetable::Outcome outcome);

}  // namespace netcity::web::journal
