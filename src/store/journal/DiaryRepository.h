#pragma once

#include <cstdint>
#include <string>
#include <utility>
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

// A lesson of the student's class with what the diary shows of it for the student, and one of
// its assignments (none: id 0) with the student's mark on it (none: hasMark false). A lesson
// with several assignments comes as several rows, one after the other.
struct DiaryRow {
    std::int64_t lessonId = 0;
    domain::CalendarDate date;
    int number = 0;
    std::int64_t subjectId = 0;
    std::string subjectName, room, topic;
    bool cancelled = false;
    std::string bellStarts, bellEnds;      // "08:30"; empty without a bell for the number
    std::string absenceCode, absenceName;  // empty when present
    Assignment assignment;                 // id 0: the lesson has none
    std::string typeName, typeAbbr;
    bool hasMark = false;
    domain::journal::MarkEntry mark;
    std::string comment;
};

// One student's reads for the diary, each a single query whatever the range.
class DiaryRepository {
  public:
    DiaryRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // The lessons of the class from `from` to `to` (cancelled ones too), with the
    // organization's bells, the student's absences, the assignments and the student's marks:
    // by date, number (a cancelled lesson before its replacement), lesson, assignment.
    std::vector<DiaryRow> lessons(std::int64_t studentId, std::int64_t classId,
                                  std::int64_t organizationId, const domain::CalendarDate& from,
                                  const domain::CalendarDate& to);
    // The main page's glance: of the class's lessons from `from` to `today`, the assignments
    // the student has a mark (or duty) on, and today's of the homework type; in the same order
    // as lessons(), without bells and absences.
    std::vector<DiaryRow> glance(std::int64_t studentId, std::int64_t classId,
                                 const domain::CalendarDate& from,
                                 const domain::CalendarDate& today,
                                 const std::string& homeworkType);
    // What the term's averages are made of, in one query: the subjects taught in the class (a
    // subject taught by two teachers comes twice) and the student's marks (and duties) on
    // lessons dated from `from` to `to`, not cancelled, by subject name then date.
    struct TermMarks {
        std::vector<std::pair<std::int64_t, std::string>> classSubjects;
        std::vector<SubjectMark> marks;
    };
    TermMarks termMarks(std::int64_t studentId, std::int64_t classId,
                        const domain::CalendarDate& from, const domain::CalendarDate& to);
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
