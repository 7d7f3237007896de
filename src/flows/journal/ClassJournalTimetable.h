#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "flows/Clock.h"
#include "store/Database.h"
#include "store/DirectoryRepository.h"
#include "store/journal/LessonRepository.h"

namespace netcity::flows::journal {

// The administrator keeps the organization's timetable (domain keepsTimetable): a class's
// week of lessons, a lesson moved to another date or number, a lesson cancelled. Anyone else
// is told "not found", and the attempt is audited.
class ClassJournalTimetable {
  public:
    struct Week {
        bool shown = false;
        std::vector<store::DirectoryEntry> classes;  // the organization's
        std::int64_t classId = 0;
        domain::CalendarDate monday;
        std::vector<store::journal::Lesson> lessons;  // cancelled ones included
    };

    enum class Outcome {
        Done,
        NotFound,
        PlaceTaken,
        DateUnreadable,
        OutsideYear,
        Holiday,  // in the year, but between its terms (domain::journal::lessonDay)
        NumberOutOfRange,
        AlreadyCancelled,
    };

    ClassJournalTimetable(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Does the account keep its organization's timetable (an administrator)?
    bool keeps(std::int64_t accountId);
    // `classId` 0: the organization's first class.
    Week week(std::int64_t accountId, std::int64_t classId, const domain::CalendarDate& day,
              const std::string& clientAddress);
    Outcome move(std::int64_t accountId, std::int64_t lessonId, const std::string& date,
                 const std::string& number, const std::string& clientAddress);
    Outcome cancel(std::int64_t accountId, std::int64_t lessonId, const std::string& clientAddress);
    // The class of a lesson the account keeps the timetable of (where to go back to).
    std::optional<store::journal::Lesson> lesson(std::int64_t accountId, std::int64_t lessonId);

  private:
    // Changes the lesson; sets the audit's detail when it changed something.
    using Change = std::function<Outcome(Poco::Data::Session&, const store::journal::Lesson&,
                                         std::string& detail)>;
    Outcome change(std::int64_t accountId, std::int64_t lessonId, const std::string& action,
                   const std::string& clientAddress, const Change& apply);
    std::optional<store::journal::Lesson> kept(Poco::Data::Session& s, std::int64_t accountId,
                                               std::int64_t lessonId);
    void audit(Poco::Data::Session& s, std::int64_t accountId, const std::string& action,
               const std::string& subject, const std::string& outcome, const std::string& detail,
               const std::string& clientAddress);

    store::Database& db_;
    const Clock& clock_;
};

}  // namespace netcity::flows::journal
