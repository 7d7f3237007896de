#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/journal/JournalAccess.h"
#include "domain/journal/MarkScale.h"
#include "domain/journal/SchoolCalendar.h"
#include "flows/Clock.h"
#include "store/Database.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/LessonRepository.h"
#include "store/journal/TeachingRepository.h"

namespace netcity::flows::journal {

// «Классный журнал» (issue #10): a class's journal of one subject for one term — lessons as
// columns, students as rows — and the one request that saves every changed cell of it. Who may
// read and write is domain::journal::rightTo; a substitute sees and writes only the lessons they
// give (domain::journal::lessonAccess). A keeper outside it is told "not found" and the attempt
// is audited, as the staff tools do.
class ClassJournal {
  public:
    // A class and subject the keeper may open.
    struct Choice {
        std::int64_t classId = 0;
        std::string className;
        std::int64_t subjectId = 0;
        std::string subjectName;
        std::int64_t organizationId = 0;
        domain::journal::JournalRight right = domain::journal::JournalRight::None;  // the whole
        bool givesLessons = false;  // some of its lessons (a substitution): writes those
    };

    struct Column {
        store::journal::Lesson lesson;
        std::vector<store::journal::Assignment> assignments;
        bool writes = false;
    };
    struct Row {
        store::journal::ClassStudent student;
        std::map<std::int64_t, domain::journal::MarkEntry> marks;  // by assignment
        std::map<std::int64_t, std::string> absences;              // by lesson
        std::optional<double> average;                             // weighted, this term
    };
    // What part of a term the grid shows: a month of it, or all of it. A teacher reads and
    // writes a month at a time, as on a paper journal's spread (and on a phone, where a term
    // of lessons does not fit); the averages are always the whole term's.
    struct Period {
        std::optional<int> term;                    // its number; unset: today's (termFor)
        std::optional<domain::CalendarDate> month;  // any day of it; unset: the one nearest
                                                    // today that has lessons to show
        bool wholeTerm = false;
    };
    struct Grid {
        Choice place;
        domain::journal::SchoolYear year;
        domain::journal::Term term;
        std::vector<domain::journal::DateSpan> months;  // the term's (monthsOf)
        std::optional<std::size_t> month;               // the one shown; unset: the whole term
        domain::journal::DateSpan shown;                // the days whose lessons are columns
        std::vector<Column> columns;
        std::vector<Row> rows;
        std::vector<store::journal::AssignmentType> types;
        std::vector<store::journal::AttendanceKind> kinds;
        bool averages = true;  // not for a substitute, who sees only the lessons they give
    };

    enum class OpenOutcome { Shown, NotFound, NoYear };
    struct Opened {
        OpenOutcome outcome = OpenOutcome::NotFound;
        Grid grid;
    };

    // What a POST carries. `key` is the caller's name of the cell, handed back in problems.
    // `shown` is what the form showed in the field ("" where it showed nothing or does not
    // say): a field typed as shown is not the keeper's change and is left alone; a field
    // changed by someone else since the form was shown is refused (Issue::ChangedMeanwhile).
    struct MarkCell {
        std::string key;
        std::int64_t studentId = 0;
        std::int64_t assignmentId = 0;  // 0: the lesson's new assignment
        std::int64_t lessonId = 0;      // with assignmentId 0
        std::string text;
        std::string shown;
    };
    struct AbsenceCell {
        std::string key;
        std::int64_t studentId = 0;
        std::int64_t lessonId = 0;
        std::string code;  // "" clears
        std::string shown;
    };
    struct Field {
        std::string typed, shown;
    };
    // An assignment's homework: type, text, weight, due date, as typed; a field not sent keeps
    // its value (a new assignment: «Ответ на уроке», no text, weight 1, due on the lesson).
    struct AssignmentEdit {
        std::string key;                // the prefix of its fields' names
        std::int64_t assignmentId = 0;  // 0: the lesson's new assignment
        std::int64_t lessonId = 0;      // with assignmentId 0
        std::optional<Field> typeId, text, weight, dueDate;
    };
    struct Submission {
        std::int64_t classId = 0, subjectId = 0;
        std::vector<MarkCell> marks;
        std::vector<AbsenceCell> absences;
        std::vector<AssignmentEdit> assignments;
    };

    enum class Issue {
        MarkOutOfScale,
        MarkUnreadable,
        StudentNotInClass,
        LessonNotHere,  // unknown, or of another class, subject or school
        LessonCancelled,
        AssignmentNotHere,  // unknown, or not of the lesson named
        UnknownAbsenceCode,
        UnknownType,
        WeightOutOfRange,
        DueDateUnreadable,
        DueDateOutsideYear,
        TextTooLong,
        ChangedMeanwhile,  // stored differently since the form was shown; `current` says how
    };
    struct Problem {
        std::string key;
        Issue issue;
        std::string typed;
        std::optional<std::string> current;  // ChangedMeanwhile: the value stored now, if known
    };

    // Changed: every problem is ChangedMeanwhile — the keeper's edits are fine, someone else's
    // came first. Invalid: some cell is wrong. Either way nothing is written.
    enum class SaveOutcome { Saved, Invalid, Changed, NotFound, ReadOnly, NoYear };
    struct Saved {
        SaveOutcome outcome = SaveOutcome::NotFound;
        int changes = 0;
        std::vector<Problem> problems;
    };

    ClassJournal(store::Database& db, const Clock& clock, domain::journal::MarkScale scale,
                 domain::CalendarDate today)
        : db_(db), clock_(clock), scale_(scale), today_(today) {}

    // The keeper's classes and subjects, by class then subject; empty when they have none.
    std::vector<Choice> choices(std::int64_t accountId);
    bool hasJournal(std::int64_t accountId);
    Opened open(std::int64_t accountId, std::int64_t classId, std::int64_t subjectId,
                const Period& period, const std::string& clientAddress);
    // Everything checked first; then every real change written in one transaction and
    // audited, or nothing written: all or nothing, also when some field was changed meanwhile.
    Saved save(std::int64_t accountId, const Submission& submission,
               const std::string& clientAddress);

    const domain::journal::MarkScale& scale() const { return scale_; }

    struct Context;  // a save's view of the journal (ClassJournalSaveSteps.h)

  private:
    Saved saveOnce(Poco::Data::Session& s, std::int64_t accountId, const Submission& submission,
                   const std::string& clientAddress);
    std::optional<Choice> place(Poco::Data::Session& s, const domain::journal::JournalKeeper& k,
                                std::int64_t classId, std::int64_t subjectId);
    std::vector<store::journal::Lesson> shownLessons(Poco::Data::Session& s,
                                                     const domain::journal::JournalKeeper& keeper,
                                                     const Grid& grid);
    void fill(Grid& grid, const domain::journal::JournalKeeper& keeper, Poco::Data::Session& s,
              std::vector<store::journal::Lesson> termLessons);
    void auditDenied(Poco::Data::Session& s, std::int64_t accountId, const std::string& action,
                     std::int64_t classId, std::int64_t subjectId, const std::string& outcome,
                     const std::string& clientAddress);

    store::Database& db_;
    const Clock& clock_;
    domain::journal::MarkScale scale_;
    domain::CalendarDate today_;
};

}  // namespace netcity::flows::journal
