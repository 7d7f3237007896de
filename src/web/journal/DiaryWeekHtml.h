#pragma once

#include <string>

#include "flows/journal/DiaryModel.h"

namespace netcity::web::journal {

// The diary's six days (a <section> each: the lessons with time, room, cancellation, absence,
// topic, the assignments with the student's marks), one after the other with a line end
// between them; the last one ends without it. `today`'s day is marked.
void appendDiaryDays(const flows::journal::DiaryWeek& week, const domain::CalendarDate& today,
                     std::string& out);
// About how many bytes that is: what to reserve for the page.
std::size_t diaryDaysSize(const flows::journal::DiaryWeek& week);

}  // namespace netcity::web::journal
