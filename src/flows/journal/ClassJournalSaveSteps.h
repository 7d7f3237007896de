#pragma once

// The steps of ClassJournal::save (ClassJournalSave.cpp): the journal read into a Context, the
// submission checked against it (homework: ClassJournalSaveHomework.cpp; marks and absences:
// ClassJournalSaveCells.cpp), then the changes written (ClassJournalSaveWrite.cpp).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "flows/journal/ClassJournal.h"
#include "store/AuditLog.h"

namespace netcity::flows::journal {

// What the journal holds for the class and subject, and what the submission would change.
struct ClassJournal::Context {
    struct MarkChange {
        std::string key;
        store::journal::StudentMark mark;
        std::optional<domain::journal::MarkEntry> old;
        std::int64_t newOfLesson = 0;  // the mark is on this lesson's new assignment
    };
    struct HomeworkChange {
        std::string key;
        store::journal::Assignment assignment;
        std::optional<store::journal::Assignment> old;  // nullopt: added
    };
    struct AbsenceChange {
        std::string key;
        store::journal::Absence absence;
        std::string old;
    };

    std::map<std::int64_t, store::journal::Lesson> lessons;  // this class and subject's, open
    std::set<std::int64_t> writable;                         // of those, the keeper's to write
    std::set<std::int64_t> touched;                          // of those, what the edits touch
    std::map<std::int64_t, store::journal::Assignment> assignments;  // on those lessons
    std::set<std::int64_t> students;
    std::set<std::int64_t> types;
    std::int64_t firstType = 0;  // the list's first: «Ответ на уроке»
    std::set<std::string> kinds;
    std::map<std::int64_t, domain::journal::SchoolYear> years;
    std::vector<Problem> problems;
    std::vector<HomeworkChange> homework;
    std::set<std::int64_t> addedOn;                 // lessons whose new assignment is made now
    std::map<std::int64_t, std::int64_t> reusedOn;  // lesson → the same new homework made before
    std::vector<MarkChange> marks;
    std::vector<AbsenceChange> absences;
};

namespace save {

using Context = ClassJournal::Context;
using Issue = ClassJournal::Issue;

// A write found the row no longer as the check read it: someone committed in between.
struct Raced {
    std::string key, typed;
};

std::optional<std::int64_t> number(const std::string& text);
void problem(Context& c, const std::string& key, Issue issue, const std::string& typed);
void changedMeanwhile(Context& c, const std::string& key, const std::string& typed,
                      const std::string& current);

// The submission's cells read against the journal: a cell of a lesson or an assignment outside
// it is a problem noted, one inside marks its lesson touched.
struct Check {
    Context& c;
    store::journal::LessonRepository& lessons;
    store::journal::GradebookRepository& book;
    std::int64_t classId = 0, subjectId = 0;

    bool lessonOk(const std::string& key, std::int64_t lessonId, const std::string& typed);
    bool assignmentOk(const std::string& key, std::int64_t assignmentId, const std::string& typed);
};

// Homework first: a mark on a lesson's new assignment needs to know whether it is made.
void checkHomework(Check& check, const ClassJournal::Submission& sub);
void checkMarks(Check& check, const ClassJournal::Submission& sub,
                const domain::journal::MarkScale& scale);
void checkAbsences(Check& check, const ClassJournal::Submission& sub);

// Writes every change of the context, each audited as the keeper's (`by`, at `at`); throws
// Raced where a row is no longer as checked. The number of changes.
int write(Context& c, store::journal::GradebookRepository& book, store::AuditLog& audit,
          std::int64_t by, std::int64_t at, const std::string& clientAddress);

}  // namespace save
}  // namespace netcity::flows::journal
