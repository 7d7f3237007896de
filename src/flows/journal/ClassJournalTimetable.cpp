#include "flows/journal/ClassJournalTimetable.h"

#include <charconv>

#include "domain/Utf8Text.h"
#include "domain/journal/JournalAccess.h"
#include "domain/journal/SchoolCalendar.h"
#include "store/AuditLog.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/TeachingRepository.h"

namespace netcity::flows::journal {

using domain::CalendarDate;

namespace {

std::optional<int> lessonNumber(const std::string& text) {
    int n = 0;
    auto end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, n);
    if (text.empty() || ec != std::errc{} || p != end) return std::nullopt;
    return n;
}

std::string place(const store::journal::Lesson& l) {
    return l.date.iso() + " #" + std::to_string(l.number);
}

}  // namespace

void ClassJournalTimetable::audit(Poco::Data::Session& s, std::int64_t accountId,
                                  const std::string& action, const std::string& subject,
                                  const std::string& outcome, const std::string& detail,
                                  const std::string& clientAddress) {
    store::AuditEvent e{clock_.unixSeconds(), accountId, action, subject, clientAddress, outcome};
    e.detail = detail;
    store::AuditLog(db_, s).record(e);
}

// The lesson, when the account keeps the timetable of its organization.
std::optional<store::journal::Lesson> ClassJournalTimetable::kept(Poco::Data::Session& s,
                                                                  std::int64_t accountId,
                                                                  std::int64_t lessonId) {
    auto keeper = store::journal::TeachingRepository(db_, s).keeper(accountId);
    auto lesson = store::journal::LessonRepository(db_, s).lesson(lessonId);
    if (keeper && lesson && domain::journal::keepsTimetable(*keeper, lesson->organizationId))
        return lesson;
    return std::nullopt;
}

bool ClassJournalTimetable::keeps(std::int64_t accountId) {
    auto s = db_.session();
    auto keeper = store::journal::TeachingRepository(db_, s).keeper(accountId);
    return keeper && domain::journal::keepsTimetable(*keeper, keeper->organizationId);
}

std::optional<store::journal::Lesson> ClassJournalTimetable::lesson(std::int64_t accountId,
                                                                    std::int64_t lessonId) {
    auto s = db_.session();
    return kept(s, accountId, lessonId);
}

ClassJournalTimetable::Week ClassJournalTimetable::week(std::int64_t accountId,
                                                        std::int64_t classId,
                                                        const CalendarDate& day,
                                                        const std::string& clientAddress) {
    auto s = db_.session();
    Week w;
    auto keeper = store::journal::TeachingRepository(db_, s).keeper(accountId);
    if (!keeper || !domain::journal::keepsTimetable(*keeper, keeper->organizationId)) {
        audit(s, accountId, "journal.timetable", "class:" + std::to_string(classId), "denied", "",
              clientAddress);
        return w;
    }
    w.classes = store::DirectoryRepository(db_, s).classes(keeper->organizationId);
    for (const auto& c : w.classes)
        if (c.id == classId || (!classId && !w.classId)) w.classId = c.id;
    if (classId && w.classId != classId) {  // a class of another organization
        audit(s, accountId, "journal.timetable", "class:" + std::to_string(classId), "denied", "",
              clientAddress);
        return w;
    }
    w.shown = true;
    w.monday = day.monday();
    if (w.classId)
        w.lessons = store::journal::LessonRepository(db_, s).ofClass(w.classId, w.monday,
                                                                     w.monday.plusDays(6));
    return w;
}

// One change of a lesson in one transaction: refused and audited `denied` unless the account
// keeps the lesson's timetable; audited `ok` with the detail `apply` gives when it is Done.
ClassJournalTimetable::Outcome ClassJournalTimetable::change(std::int64_t accountId,
                                                             std::int64_t lessonId,
                                                             const std::string& action,
                                                             const std::string& clientAddress,
                                                             const Change& apply) {
    auto s = db_.session();
    store::Transaction tx(db_, s);
    auto lesson = kept(s, accountId, lessonId);
    std::string subject = "lesson:" + std::to_string(lessonId);
    if (!lesson) {
        audit(s, accountId, action, subject, "denied", "", clientAddress);
        tx.commit();
        return Outcome::NotFound;
    }
    std::string detail;
    auto outcome = apply(s, *lesson, detail);
    if (outcome != Outcome::Done || detail.empty()) return outcome;  // nothing written
    audit(s, accountId, action, subject, "ok", detail, clientAddress);
    tx.commit();
    return outcome;
}

ClassJournalTimetable::Outcome ClassJournalTimetable::move(std::int64_t accountId,
                                                           std::int64_t lessonId,
                                                           const std::string& dateText,
                                                           const std::string& numberText,
                                                           const std::string& clientAddress) {
    return change(
        accountId, lessonId, "journal.lesson.move", clientAddress,
        [&](Poco::Data::Session& s, const store::journal::Lesson& lesson, std::string& detail) {
            if (lesson.cancelled) return Outcome::AlreadyCancelled;
            auto date = CalendarDate::parse(domain::collapseSpaces(dateText));
            if (!date) return Outcome::DateUnreadable;
            store::journal::SchoolYearRepository years(db_, s);
            auto year = years.year(lesson.yearId);
            auto day = year ? domain::journal::lessonDay(*year, *date)
                            : domain::journal::LessonDay::OutsideYear;
            if (day == domain::journal::LessonDay::OutsideYear) return Outcome::OutsideYear;
            if (day == domain::journal::LessonDay::Holiday) return Outcome::Holiday;
            auto number = lessonNumber(domain::collapseSpaces(numberText));
            auto bells = years.bells(lesson.organizationId);
            bool known = number && (bells.bells().empty() ? (*number >= 0 && *number <= 12)
                                                          : bells.of(*number).has_value());
            if (!known) return Outcome::NumberOutOfRange;
            if (lesson.date == *date && lesson.number == *number) return Outcome::Done;
            auto moved = store::journal::LessonRepository(db_, s).move(lesson.id, *date, *number);
            if (moved == store::journal::LessonMove::PlaceTaken) return Outcome::PlaceTaken;
            if (moved == store::journal::LessonMove::NotFound) return Outcome::NotFound;
            store::journal::Lesson after = lesson;
            after.date = *date;
            after.number = *number;
            detail = place(lesson) + " \xE2\x86\x92 " + place(after);
            return Outcome::Done;
        });
}

ClassJournalTimetable::Outcome ClassJournalTimetable::cancel(std::int64_t accountId,
                                                             std::int64_t lessonId,
                                                             const std::string& clientAddress) {
    return change(
        accountId, lessonId, "journal.lesson.cancel", clientAddress,
        [&](Poco::Data::Session& s, const store::journal::Lesson& lesson, std::string& detail) {
            if (!store::journal::LessonRepository(db_, s).cancel(lesson.id))
                return Outcome::AlreadyCancelled;
            detail = place(lesson);
            return Outcome::Done;
        });
}

}  // namespace netcity::flows::journal
