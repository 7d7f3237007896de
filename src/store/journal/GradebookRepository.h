#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/journal/MarkScale.h"
#include "store/Database.h"

namespace netcity::store::journal {

struct AssignmentType {
    std::int64_t id = 0;
    std::string name, abbr;
    int order = 0;
};

struct Assignment {
    std::int64_t id = 0;
    std::int64_t lessonId = 0;
    std::int64_t typeId = 0;
    std::string text;
    domain::CalendarDate dueDate;
    int weight = 1;
};

struct StudentMark {
    std::int64_t studentId = 0;
    std::int64_t assignmentId = 0;
    domain::journal::MarkEntry entry;  // never Clear: a cleared mark is no row
    std::string comment;
};

// A mark with what the class journal needs beside it: its assignment's lesson and weight (the
// grid shows no comments: the mark's comment is not read).
struct LessonMark {
    StudentMark mark;
    std::int64_t lessonId = 0;
    int weight = 1;
};

struct Absence {
    std::int64_t studentId = 0;
    std::int64_t lessonId = 0;
    std::string code;  // «Н», «Б», … (attendance_kinds)
};

struct AttendanceKind {
    std::string code, name;
};

// Assignments on lessons, marks, absences: what the journal writes and the diary reads.
class GradebookRepository {
  public:
    GradebookRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::vector<AssignmentType> assignmentTypes();
    std::optional<AssignmentType> assignmentType(const std::string& name);
    std::vector<AttendanceKind> attendanceKinds();
    // Both lists in one query, as the class journal shows them.
    struct Lists {
        std::vector<AssignmentType> types;
        std::vector<AttendanceKind> kinds;
    };
    Lists lists();

    // Until the transaction ends, no other adds an assignment to these lessons: two saves that
    // would each add a lesson's new homework take turns, and the second reads the first's. On
    // PostgreSQL the lessons' rows are locked (in id order, so no two saves deadlock); on SQLite
    // the transaction holds the database already (BEGIN IMMEDIATE).
    void holdLessons(const std::vector<std::int64_t>& lessonIds);
    std::int64_t addAssignment(const Assignment& a, std::int64_t by, std::int64_t at);
    void updateAssignment(const Assignment& a, std::int64_t by, std::int64_t at);
    // The same, only while the assignment is still `expected`; false when it is not (someone
    // changed it since it was read).
    bool replaceAssignment(const Assignment& a, const Assignment& expected, std::int64_t by,
                           std::int64_t at);
    void removeAssignment(std::int64_t assignmentId);
    std::optional<Assignment> assignment(std::int64_t assignmentId);
    // The assignments of these lessons, by lesson then id.
    std::vector<Assignment> assignmentsOf(const std::vector<std::int64_t>& lessonIds);

    // Every mark on these assignments (the journal), or one student's (the diary).
    std::vector<StudentMark> marksOn(const std::vector<std::int64_t>& assignmentIds);
    std::vector<StudentMark> marksOf(std::int64_t studentId,
                                     const std::vector<std::int64_t>& assignmentIds);
    std::optional<StudentMark> mark(std::int64_t studentId, std::int64_t assignmentId);
    // Writes the mark, or deletes it when the entry is Clear.
    void putMark(const StudentMark& mark, std::int64_t by, std::int64_t at);
    // The same, only while the stored mark is `expected` (nullopt: none); false when it is not.
    bool replaceMark(const StudentMark& mark,
                     const std::optional<domain::journal::MarkEntry>& expected, std::int64_t by,
                     std::int64_t at);

    std::vector<Absence> absencesOn(const std::vector<std::int64_t>& lessonIds);

    // The class journal's reads of one class and subject over a span of days (its lessons that
    // are not cancelled), each one query whatever the span: the grid shows a month's cells and
    // a term's averages. Assignments by lesson then id, marks by assignment then student.
    std::vector<Assignment> assignmentsOfSubject(std::int64_t classId, std::int64_t subjectId,
                                                 const domain::CalendarDate& from,
                                                 const domain::CalendarDate& to);
    std::vector<LessonMark> marksOfSubject(std::int64_t classId, std::int64_t subjectId,
                                           const domain::CalendarDate& from,
                                           const domain::CalendarDate& to);
    std::vector<Absence> absencesOfSubject(std::int64_t classId, std::int64_t subjectId,
                                           const domain::CalendarDate& from,
                                           const domain::CalendarDate& to);
    std::optional<Absence> absence(std::int64_t studentId, std::int64_t lessonId);
    // Writes the absence, or deletes it when the code is empty.
    void putAbsence(const Absence& absence, std::int64_t by, std::int64_t at);
    // The same, only while the stored code is `expected` ("": none); false when it is not.
    bool replaceAbsence(const Absence& absence, const std::string& expected, std::int64_t by,
                        std::int64_t at);

  private:
    bool insertMark(const StudentMark& mark, std::int64_t by, std::int64_t at,
                    const std::string& conflict);
    bool insertAbsence(const Absence& absence, std::int64_t by, std::int64_t at,
                       const std::string& conflict);
    void removeRow(const char* table, const char* keyColumn, std::int64_t key,
                   std::int64_t studentId);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
