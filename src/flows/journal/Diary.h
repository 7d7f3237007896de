#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/UtcOffset.h"
#include "flows/Clock.h"
#include "flows/journal/ClassDiaries.h"
#include "flows/journal/DiaryModel.h"
#include "store/Database.h"
#include "store/journal/GradebookRepository.h"

namespace netcity::flows::journal {

// «Дневник»: what a student, or a parent for each child, reads of the journal — the week's
// lessons with times, rooms, homework, marks and absences; the term's averages; the work the
// student owes; the school's announcements. A student the viewer may not see is NotFound,
// the same as one that does not exist. Outcomes are codes; the pages say them.
class Diary {
  public:
    enum class Outcome {
        Shown,
        NoStudents,  // neither a student nor a parent of one (or no child has an account)
        NotFound,    // the student asked for is not the viewer's to see
    };

    // Whose diary: every student the viewer may see, and the one chosen (the first when none
    // was asked for).
    struct Reader {
        Outcome outcome = Outcome::NotFound;
        std::vector<DiaryStudent> students;
        DiaryStudent student;
    };

    struct WeekView {
        Reader reader;
        domain::CalendarDate today;
        DiaryWeek week;
        std::optional<domain::journal::Term> term;  // today's, for the averages
        domain::journal::TermKind termKind = domain::journal::TermKind::Quarter;
        std::vector<SubjectAverage> averages;
    };

    struct OverdueView {
        Reader reader;
        domain::CalendarDate today;
        std::vector<DatedAssignment> assignments;  // by due date
    };

    struct AnnouncementsView {
        Reader reader;
        std::vector<DiaryAnnouncement> announcements;  // newest first
    };

    // The main page's glance at one student: the homework given at today's lessons and the
    // marks (and duties) of the last seven days, newest first.
    struct Glance {
        DiaryStudent student;
        std::vector<DatedAssignment> homework, marks;
    };

    static constexpr int kAnnouncementLimit = 50;
    static constexpr int kGlanceDays = 7;

    Diary(store::Database& db, const Clock& clock, domain::UtcOffset zone)
        : db_(db), clock_(clock), zone_(zone) {}

    domain::CalendarDate today() const;
    std::vector<DiaryStudent> students(Poco::Data::Session& s, std::int64_t viewerId);
    Reader reader(Poco::Data::Session& s, std::int64_t viewerId,
                  std::optional<std::int64_t> studentId);
    // The week that `day` falls in (today's when unset): the class's part from `classes`, the
    // student's marks, absences and averages read for the request.
    WeekView week(Poco::Data::Session& s, ClassDiaries& classes, std::int64_t viewerId,
                  std::optional<std::int64_t> studentId, std::optional<domain::CalendarDate> day);
    OverdueView overdue(Poco::Data::Session& s, std::int64_t viewerId,
                        std::optional<std::int64_t> studentId);
    AnnouncementsView announcements(Poco::Data::Session& s, std::int64_t viewerId,
                                    std::optional<std::int64_t> studentId);
    // Every student the viewer may see, at a glance (empty for anyone else).
    std::vector<Glance> glance(Poco::Data::Session& s, std::int64_t viewerId);
    // The deployment's assignment types, by their order: every typeId of a diary is one.
    static std::vector<store::journal::AssignmentType> assignmentTypes(store::Database& db,
                                                                       Poco::Data::Session& s);

  private:
    store::Database& db_;
    const Clock& clock_;
    domain::UtcOffset zone_;
};

}  // namespace netcity::flows::journal
