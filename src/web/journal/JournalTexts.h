#pragma once

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
// Why a lesson was not moved or cancelled.
std::string timetableText(flows::journal::ClassJournalTimetable::Outcome outcome);

}  // namespace netcity::web::journal
