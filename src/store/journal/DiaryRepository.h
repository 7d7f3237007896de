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

// One student's mark on an assignment of a lesson dated in the range asked for, with what the
// week (the assignment) and the term's averages (subject, weight, date, cancelled) need of it.
struct StudentMarkRow {
    std::int64_t assignmentId = 0, subjectId = 0;
    std::string subjectName;
    domain::CalendarDate lessonDate;
    bool cancelled = false;
    int weight = 1;
    domain::journal::MarkEntry entry;
    std::string comment;
};

// The student's absence from a lesson of the class.
struct StudentAbsenceRow {
    std::int64_t lessonId = 0;
    std::string code, name;
};

// The diary's reads. What is the same for every student of a class (the week's lessons and
// assignments, the class's subjects) is read apart from the student's own marks and absences,
// so that it can be kept per class; each read is a single query whatever the range.
class DiaryRepository {
  public:
    DiaryRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // The lessons of the class from `from` to `to` (cancelled ones too), with the
    // organization's bells and the assignments, by date, number (a cancelled lesson before its
    // replacement), lesson, assignment; nothing of a student (no absences, hasMark false).
    std::vector<DiaryRow> classLessons(std::int64_t classId, std::int64_t organizationId,
                                       const domain::CalendarDate& from,
                                       const domain::CalendarDate& to);
    // The main page's glance: of the class's lessons from `from` to `today`, the assignments
    // the student has a mark (or duty) on, and today's of the homework type; in the same order
    // as classLessons(), without bells and absences.
    std::vector<DiaryRow> glance(std::int64_t studentId, std::int64_t classId,
                                 const domain::CalendarDate& from,
                                 const domain::CalendarDate& today,
                                 const std::string& homeworkType);
    // The subjects taught in the class by name, then teacher (a subject taught by two
    // teachers comes twice).
    std::vector<std::pair<std::int64_t, std::string>> classSubjects(std::int64_t classId);
    // In one query: the student's marks (and duties) on lessons of any class dated from `from`
    // to `to`, cancelled ones too, in no order; and the student's absences from the class's
    // lessons dated from `absentFrom` to `absentTo`.
    struct StudentFacts {
        std::vector<StudentMarkRow> marks;
        std::vector<StudentAbsenceRow> absences;
    };
    StudentFacts studentFacts(std::int64_t studentId, std::int64_t classId,
                              const domain::CalendarDate& from, const domain::CalendarDate& to,
                              const domain::CalendarDate& absentFrom,
                              const domain::CalendarDate& absentTo);
    // Assignments of the class's lessons (not cancelled) due from `from` to `to`, without a
    // number mark of the student, by due date.
    std::vector<UnmarkedAssignment> unmarkedDue(std::int64_t studentId, std::int64_t classId,
                                                const domain::CalendarDate& from,
                                                const domain::CalendarDate& to);

  private:
    template <typename... Values>
    std::vector<DiaryRow> rows(const std::string& sql, const Values&... values);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
