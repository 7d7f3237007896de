// «Дневник»: a student's week, «Просроченные задания», «Объявления», and the main page's glance
// at today's homework and the latest marks. Students see themselves, parents each child.
#include "domain/journal/MarkAverage.h"
#include "flows/journal/Diary.h"
#include "web/Portal.h"
#include "web/journal/DiaryWeekHtml.h"

namespace netcity::web {
namespace {

// Every list below is reserved before it is filled: kainjow's data is not nothrow-movable, so
// a growing vector copies what it holds.

using flows::journal::Diary;

// ?student=<account id>: absent is «the first one»; anything but a positive number is a 400.
std::optional<std::int64_t> studentParameter(HttpExchange& ex) {
    std::string text = ex.query("student");
    if (text.empty()) return std::nullopt;
    auto id = http::parsePositiveId(text);
    if (!id)
        throw HttpError{400,
                        "Ученик указан неверно. Откройте дневник со страницы «Главная» и выберите "
                        "ученика из списка."};
    return id;
}

// ?week=YYYY-MM-DD (any day of the week): absent is this week.
std::optional<domain::CalendarDate> weekParameter(HttpExchange& ex) {
    std::string text = ex.query("week");
    if (text.empty()) return std::nullopt;
    auto date = domain::CalendarDate::parse(text);
    if (!date || date->year() < 2000 || date->year() > 2100)
        throw HttpError{400,
                        "Неделя указана неверно. Укажите дату в виде ГГГГ-ММ-ДД, например "
                        "2026-11-30, или вернитесь к текущей неделе."};
    return date;
}

std::string link(const std::string& path, std::int64_t student, const std::string& week = "") {
    std::string out = path + "?student=" + std::to_string(student);
    if (!week.empty()) out += "&week=" + week;
    return out;
}

std::string studentLabel(const flows::journal::DiaryStudent& st) {
    std::string out = st.name.full();
    if (!st.className.empty()) out += ", " + st.className + " класс";
    return out + ", " + st.organizationName;
}

// The reader's part of every diary page: who is shown and the switch between children.
void setReader(TemplateData& d, const Diary::Reader& r, const std::string& path,
               const std::string& week) {
    d.set("studentId", std::to_string(r.student.accountId));
    d.set("studentLabel", studentLabel(r.student));
    d.set("hasChoice", r.students.size() > 1);
    std::vector<TemplateData> students;
    students.reserve(r.students.size());
    for (const auto& st : r.students) {
        TemplateData& item = students.emplace_back();
        item.set("href", link(path, st.accountId, week));
        item.set("label", st.name.shortForm() + (st.className.empty() ? "" : ", " + st.className));
        item.set("title", studentLabel(st));
        item.set("choiceId", std::to_string(st.accountId));
        item.set("current", st.accountId == r.student.accountId);
    }
    http::put(d, "students", http::listOf(std::move(students)));
    d.set("diaryHref", link("/diary", r.student.accountId));
    d.set("overdueHref", link("/diary/overdue", r.student.accountId));
    d.set("announcementsHref", link("/diary/announcements", r.student.accountId));
}

TemplateData assignmentData(const flows::journal::DiaryAssignment& a,
                            const domain::CalendarDate& lessonDay) {
    TemplateData item;
    item.set("assignmentId", std::to_string(a.id));
    item.set("typeName", a.typeName);
    item.set("text", a.text);
    item.set("dueDiffers", a.dueDate != lessonDay);
    item.set("due", a.dueDate.russian());
    bool duty = a.mark && a.mark->duty;
    item.set("duty", duty);
    item.set("markText", optionalText(a.mark && a.mark->mark ? std::to_string(*a.mark->mark) : ""));
    item.set("comment", optionalText(a.mark ? a.mark->comment : ""));
    return item;
}

void setAverages(TemplateData& d, const Diary::WeekView& v) {
    if (!v.term) return;
    d.set("termName", domain::journal::termName(v.termKind, v.term->number));
    std::vector<TemplateData> rows;
    rows.reserve(v.averages.size());
    for (const auto& a : v.averages) {
        TemplateData& row = rows.emplace_back();
        row.set("subject", a.subjectName);
        row.set("average", a.average ? domain::journal::averageText(a.average) : "—");
        row.set("count", std::to_string(a.marks));
    }
    d.set("hasTerm", true);
    http::put(d, "averages", http::listOf(std::move(rows)));
}

TemplateData datedData(const flows::journal::DatedAssignment& a) {
    TemplateData item = assignmentData(a.assignment, a.lessonDate);
    item.set("subject", a.subjectName);
    item.set("lessonDate", a.lessonDate.russian());
    return item;
}

// A reader the viewer may not have is a 404 (the same as no such student); a viewer with no
// students at all is told why.
void refuse(Diary::Outcome outcome, bool parent) {
    if (outcome == Diary::Outcome::NotFound) throw HttpError{404, "Ученик не найден."};
    if (parent)
        throw HttpError{404,
                        "Сведения о детях не внесены. Обратитесь в образовательную организацию."};
    throw HttpError{403, "Дневник доступен ученикам и их родителям."};
}

bool isParent(flows::AccountOverviews& overviews, std::int64_t accountId) {
    auto overview = overviews.get(accountId);
    return overview && overview->profile.roles.count(domain::Role::Parent) > 0;
}

// What every diary page does first: the view of the student asked for (?student=), read by
// `read` through one connection, or the refusal when the viewer may not have it (told after
// the connection is back: the account overview may need one of its own).
template <typename Read>
auto readDiary(HttpExchange& ex, store::Database& db, flows::AccountOverviews& overviews,
               std::int64_t viewerId, Read read) {
    auto student = studentParameter(ex);
    auto v = [&] {
        auto s = db.session();
        return read(s, student);
    }();
    if (v.reader.outcome != Diary::Outcome::Shown)
        refuse(v.reader.outcome, isParent(overviews, viewerId));
    return v;
}

}  // namespace

void Portal::diaryPage(HttpExchange& ex) {
    auto active = requireSession(ex);
    Diary diary(s_.db, s_.clock, settings_.timeZone);
    auto v = readDiary(ex, s_.db, s_.overviews, active.accountId, [&](auto& s, auto student) {
        auto week = weekParameter(ex);
        return diary.week(s, classDiaries_, active.accountId, student, week);
    });
    TemplateData d;
    std::string weekIso = v.week.weekStart.iso();
    setReader(d, v.reader, "/diary", weekIso);
    d.set("weekRange", v.week.weekStart.russian() + " — " + v.week.weekEnd.russian());
    d.set("prevHref",
          link("/diary", v.reader.student.accountId, v.week.weekStart.plusDays(-7).iso()));
    d.set("nextHref",
          link("/diary", v.reader.student.accountId, v.week.weekStart.plusDays(7).iso()));
    d.set("isCurrentWeek", v.week.weekStart == v.today.monday());
    d.set("days", Templates::slot("days"));
    setAverages(d, v);
    Templates::Slots slots = {
        {"days", [&](std::string& out) { journal::appendDiaryDays(v.week, v.today, out); }}};
    ex.sendHtml(s_.templates.page("diary", "Дневник", d, slots, journal::diaryDaysSize(v.week)));
}

void Portal::diaryOverdue(HttpExchange& ex) {
    auto active = requireSession(ex);
    Diary diary(s_.db, s_.clock, settings_.timeZone);
    auto v = readDiary(ex, s_.db, s_.overviews, active.accountId, [&](auto& s, auto student) {
        return diary.overdue(s, active.accountId, student);
    });
    TemplateData d;
    setReader(d, v.reader, "/diary/overdue", "");
    std::vector<TemplateData> rows;
    rows.reserve(v.assignments.size());
    for (const auto& a : v.assignments) rows.push_back(datedData(a));
    d.set("hasAssignments", !v.assignments.empty());
    http::put(d, "assignments", http::listOf(std::move(rows)));
    ex.sendHtml(s_.templates.page("diary-overdue", "Просроченные задания", d));
}

void Portal::diaryAnnouncements(HttpExchange& ex) {
    auto active = requireSession(ex);
    Diary diary(s_.db, s_.clock, settings_.timeZone);
    auto v = readDiary(ex, s_.db, s_.overviews, active.accountId, [&](auto& s, auto student) {
        return diary.announcements(s, active.accountId, student);
    });
    TemplateData d;
    setReader(d, v.reader, "/diary/announcements", "");
    kainjow::mustache::list rows;
    for (const auto& a : v.announcements) {
        TemplateData row;
        row.set("announcementId", std::to_string(a.id));
        row.set("title", a.title);
        row.set("body", a.body);
        row.set("author", a.author.shortForm());
        row.set("posted", settings_.timeZone.format(a.postedAt));
        rows.push_back(row);
    }
    d.set("hasAnnouncements", !v.announcements.empty());
    d.set("announcements", rows);
    ex.sendHtml(s_.templates.page("diary-announcements", "Объявления", d));
}

void Portal::setDiaryGlance(TemplateData& d, std::int64_t accountId) {
    auto found = glances_.get(accountId);
    std::vector<TemplateData> glances;
    glances.reserve(found->size());
    for (const auto& g : *found) {
        TemplateData& item = glances.emplace_back();
        item.set("glanceStudent", g.student.name.full());
        item.set("glanceStudentId", std::to_string(g.student.accountId));
        item.set("glanceDiaryHref", link("/diary", g.student.accountId));
        std::vector<TemplateData> homework, marks;
        homework.reserve(g.homework.size());
        marks.reserve(g.marks.size());
        for (const auto& a : g.homework) homework.push_back(datedData(a));
        for (const auto& a : g.marks) marks.push_back(datedData(a));
        item.set("hasHomework", !g.homework.empty());
        http::put(item, "homework", http::listOf(std::move(homework)));
        item.set("hasMarks", !g.marks.empty());
        http::put(item, "marks", http::listOf(std::move(marks)));
    }
    d.set("hasGlance", !glances.empty());
    http::put(d, "glances", http::listOf(std::move(glances)));
}

}  // namespace netcity::web
