// The administrator's timetable: a class's week, a lesson moved or cancelled (all audited by
// the flow). Plain forms, one per lesson.
#include "web/Portal.h"
#include "web/journal/JournalTexts.h"

namespace netcity::web {

using flows::journal::ClassJournalTimetable;

namespace {

const char* kWeekdays[] = {"", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"};

std::string weekHref(std::int64_t classId, const domain::CalendarDate& day) {
    return "/journal/timetable?class=" + std::to_string(classId) + "&week=" + day.iso();
}

}  // namespace

flows::journal::ClassJournalTimetable Portal::journalTimetable() {
    return ClassJournalTimetable(s_.db, s_.clock);
}

void Portal::journalTimetablePage(HttpExchange& ex) {
    auto active = requireSession(ex);
    std::string done = ex.query("done");
    renderTimetable(ex, active.accountId, ex.queryId("class").value_or(0),
                    domain::CalendarDate::parse(ex.query("week")),
                    done == "moved"       ? "Урок перенесён."
                    : done == "cancelled" ? "Урок отменён."
                                          : "",
                    "", 200);
}

void Portal::renderTimetable(HttpExchange& ex, std::int64_t accountId, std::int64_t classId,
                             std::optional<domain::CalendarDate> week, const std::string& flash,
                             const std::string& error, int status) {
    auto today = settings_.timeZone.dateAt(s_.clock.unixSeconds());
    auto w = journalTimetable().week(accountId, classId, week.value_or(today), ex.clientAddress());
    if (!w.shown) throw HttpError{404, "Страница не найдена."};
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    kainjow::mustache::list classes;
    for (const auto& c : w.classes) {
        TemplateData cls;
        cls.set("id", std::to_string(c.id));
        cls.set("name", c.name);
        cls.set("selected", c.id == w.classId);
        classes.push_back(cls);
    }
    d.set("classes", classes);
    d.set("week", w.monday.iso());
    d.set("weekShown", w.monday.russian() + " – " + w.monday.plusDays(5).russian());
    d.set("prev", weekHref(w.classId, w.monday.plusDays(-7)));
    d.set("next", weekHref(w.classId, w.monday.plusDays(7)));
    kainjow::mustache::list lessons;
    for (const auto& l : w.lessons) {
        TemplateData lesson;
        lesson.set("id", std::to_string(l.id));
        lesson.set("day", std::string(kWeekdays[l.date.weekday()]) + ", " + l.date.russian());
        lesson.set("date", l.date.iso());
        lesson.set("number", std::to_string(l.number));
        lesson.set("subject", l.subjectName);
        lesson.set("room", l.room);
        lesson.set("cancelled", l.cancelled);
        lessons.push_back(lesson);
    }
    d.set("lessons", lessons);
    d.set("hasLessons", !w.lessons.empty());
    if (!flash.empty()) d.set("flash", flash);
    if (!error.empty()) d.set("error", error);
    ex.sendHtml(s_.templates.page("journal-timetable", "Расписание уроков", d), status);
}

void Portal::journalLessonAction(HttpExchange& ex, const std::string& action) {
    auto active = requireSession(ex);
    ex.readForm();
    checkCsrf(ex);
    auto lessonId = http::parsePositiveId(ex.form("lesson"));
    if (!lessonId) throw HttpError{404, "Урок не найден."};
    auto timetable = journalTimetable();
    auto lesson = timetable.lesson(active.accountId, *lessonId);
    auto outcome = action == "move"
                       ? timetable.move(active.accountId, *lessonId, ex.form("date"),
                                        ex.form("number"), ex.clientAddress())
                       : timetable.cancel(active.accountId, *lessonId, ex.clientAddress());
    using Outcome = ClassJournalTimetable::Outcome;
    if (outcome == Outcome::NotFound || !lesson) throw HttpError{404, "Урок не найден."};
    if (outcome == Outcome::Done) {
        journalChanged();  // a lesson moved or cancelled
        auto day = action == "move" ? domain::CalendarDate::parse(ex.form("date")) : std::nullopt;
        return ex.redirect(weekHref(lesson->classId, day.value_or(lesson->date)) +
                           "&done=" + (action == "move" ? "moved" : "cancelled"));
    }
    renderTimetable(ex, active.accountId, lesson->classId, lesson->date, "",
                    journal::timetableText(outcome), outcome == Outcome::PlaceTaken ? 409 : 422);
}

}  // namespace netcity::web
