#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <utility>

#include "domain/Role.h"

namespace netcity::domain::journal {

// Who may read and write the class journal (issue #10):
//   teacher          — writes the classes and subjects of their teaching assignments, and the
//                      lessons they give themselves (a substitution)
//   class teacher    — reads every subject of their class
//   administrator    — reads everything in the organization and keeps its timetable
// Everyone else sees nothing: the page answers 404, as the staff tools do.
enum class JournalRight { None, Read, Write };

struct JournalKeeper {
    std::int64_t accountId = 0;
    std::int64_t organizationId = 0;
    RoleSet roles;
    std::set<std::pair<std::int64_t, std::int64_t>> teaching;  // (class, subject)
    std::set<std::int64_t> classTeacherOf;
};

// A class's journal of one subject, or one lesson of it.
struct JournalPlace {
    std::int64_t organizationId = 0;
    std::int64_t classId = 0;
    std::int64_t subjectId = 0;
    std::optional<std::int64_t> lessonTeacherId;  // when the place is one lesson
};

JournalRight rightTo(const JournalKeeper& keeper, const JournalPlace& place);
inline bool canRead(JournalRight r) {
    return r != JournalRight::None;
}
inline bool canWrite(JournalRight r) {
    return r == JournalRight::Write;
}
// One lesson of a class's journal of a subject as the keeper meets it. A keeper who reads the
// journal sees every lesson of it; a substitute who does not sees only the lessons they give —
// what they need to mark them, nobody else's marks.
struct LessonAccess {
    bool shown = false;
    bool writes = false;
};
LessonAccess lessonAccess(const JournalKeeper& keeper, const JournalPlace& journal,
                          std::int64_t lessonTeacherId);
bool keepsTimetable(const JournalKeeper& keeper, std::int64_t organizationId);
// Does this person have a «Классный журнал» at all?
bool hasJournal(const JournalKeeper& keeper);

}  // namespace netcity::domain::journal
