#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/journal/SchoolCalendar.h"
#include "store/Database.h"

namespace netcity::store::journal {

// A weekly place in a class's timetable (weekday 1 = Monday … 6 = Saturday).
struct TimetableSlot {
    std::int64_t classId = 0;
    int weekday = 1;
    int number = 1;
    std::int64_t subjectId = 0;
    std::int64_t teacherId = 0;
    std::string room;
};

struct Lesson {
    std::int64_t id = 0;
    std::int64_t yearId = 0;
    std::int64_t organizationId = 0;
    std::int64_t classId = 0;
    std::string className;
    std::int64_t subjectId = 0;
    std::string subjectName;
    std::int64_t teacherId = 0;
    domain::CalendarDate date;
    int number = 0;
    std::string room, topic;
    bool cancelled = false;
};

enum class LessonMove { Moved, PlaceTaken, NotFound };

// The timetable and the lessons made from it.
class LessonRepository {
  public:
    LessonRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // Idempotent by (year, class, weekday, number): the subject, teacher and room are replaced.
    void saveSlot(std::int64_t yearId, const TimetableSlot& slot);
    std::vector<TimetableSlot> slots(std::int64_t yearId, std::int64_t classId);
    // Makes the lessons of every slot of the class on every school day of the year's terms.
    // A day whose place already has a lesson keeps it, so importing twice adds nothing.
    // Returns how many lessons were added.
    int makeLessons(const domain::journal::SchoolYear& year, std::int64_t classId);
    // One lesson, for a given date and number (a migrating school's past homework and marks).
    std::optional<std::int64_t> addLesson(std::int64_t yearId, const TimetableSlot& slot,
                                          const domain::CalendarDate& date);

    std::optional<Lesson> lesson(std::int64_t lessonId);
    // The dates of a year's lessons that are not cancelled, one per lesson, in order.
    std::vector<domain::CalendarDate> datesOfYear(std::int64_t yearId);
    std::optional<Lesson> lessonAt(std::int64_t classId, const domain::CalendarDate& date,
                                   int number);
    // A class's lessons from `from` to `to` inclusive, by date then number; cancelled ones
    // included (the diary shows them struck out).
    std::vector<Lesson> ofClass(std::int64_t classId, const domain::CalendarDate& from,
                                const domain::CalendarDate& to);
    // A class's lessons of one subject in a date range, not cancelled: the journal's columns.
    std::vector<Lesson> ofSubject(std::int64_t classId, std::int64_t subjectId,
                                  const domain::CalendarDate& from, const domain::CalendarDate& to);

    // In the caller's transaction: a move that loses a race for the place is rolled back to a
    // savepoint and answered PlaceTaken.
    LessonMove move(std::int64_t lessonId, const domain::CalendarDate& date, int number);
    bool cancel(std::int64_t lessonId);

  private:
    std::vector<Lesson> select(const std::string& where, std::int64_t id, std::int64_t subjectId,
                               const std::string& from, const std::string& to);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
