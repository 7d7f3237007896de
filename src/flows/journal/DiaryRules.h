#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/journal/MarkAverage.h"
#include "flows/journal/DiaryModel.h"

namespace netcity::flows::journal {

// The six school days of the week `anyDay` falls in, each with its lessons (already ordered
// by date and number).
DiaryWeek arrangeWeek(const domain::CalendarDate& anyDay, std::vector<DiaryLesson> lessons);

struct SubjectMarkFact {
    std::int64_t subjectId = 0;
    std::string subjectName;
    domain::journal::WeightedMark mark;
};

// One row per subject — the class's subjects first (in their order), then any other subject
// the student has marks in — with the weighted average of its marks.
std::vector<SubjectAverage> subjectAverages(
    const std::vector<std::pair<std::int64_t, std::string>>& classSubjects,
    const std::vector<SubjectMarkFact>& marks);

// «Просроченные задания»: an assignment due before today that the student owes — a duty
// mark («долг») on any assignment, or homework without any mark. Other kinds of work without
// a mark (an answer in class, a test the teacher has not marked yet) are not the student's
// debt, and a number mark settles everything.
bool isOverdue(const DiaryAssignment& assignment, std::int64_t homeworkTypeId,
               const domain::CalendarDate& today);

}  // namespace netcity::flows::journal
