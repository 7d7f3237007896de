#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/journal/MarkScale.h"
#include "store/Database.h"
#include "store/journal/GradebookRepository.h"

namespace netcity::store::journal {

// A mark of the student with its subject and weight: what a term's average is made of.
struct SubjectMark {
    std::int64_t subjectId = 0;
    std::string subjectName;
    domain::journal::MarkEntry entry;
    int weight = 1;
};

// An assignment due in a range that the student has no number mark for (none, or a duty).
struct UnmarkedAssignment {
    Assignment assignment;
    std::string subjectName;
    domain::CalendarDate lessonDate;
    bool duty = false;
    std::string comment;
};

// One student's reads for the diary, each a single query whatever the range.
class DiaryRepository {
  public:
    DiaryRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // The student's absence marks on these lessons.
    std::vector<Absence> absencesOf(std::int64_t studentId,
                                    const std::vector<std::int64_t>& lessonIds);
    // The student's marks (and duties) on lessons dated from `from` to `to`, not cancelled.
    std::vector<SubjectMark> marksBetween(std::int64_t studentId, const domain::CalendarDate& from,
                                          const domain::CalendarDate& to);
    // Assignments of the class's lessons (not cancelled) due from `from` to `to`, without a
    // number mark of the student, by due date.
    std::vector<UnmarkedAssignment> unmarkedDue(std::int64_t studentId, std::int64_t classId,
                                                const domain::CalendarDate& from,
                                                const domain::CalendarDate& to);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
