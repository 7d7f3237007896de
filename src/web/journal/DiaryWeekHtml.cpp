// The diary's week written straight to HTML (http::HtmlWriter escapes every value as {{x}}
// does): six days of some 36 lessons and 72 assignments made a Mustache data tree of several
// hundred objects, whose building, copying and rendering was a third of the request. The markup
// is what diary.mustache produced for them before, byte for byte (a section that is off still
// leaves its line end, as the template's inline sections did).
#include "web/journal/DiaryWeekHtml.h"

#include "http/Html.h"

namespace netcity::web::journal {

using flows::journal::DiaryAssignment;
using flows::journal::DiaryDay;
using flows::journal::DiaryLesson;
using http::HtmlWriter;

namespace {

const char* kWeekdays[] = {"Понедельник", "Вторник", "Среда",      "Четверг",
                           "Пятница",     "Суббота", "Воскресенье"};

void assignment(HtmlWriter& html, const DiaryAssignment& a, const domain::CalendarDate& day) {
    html.raw("<li id=\"assignment-").number(a.id).raw("\"><span class=\"assignment-type\">");
    html.text(a.typeName).raw(":</span> <span class=\"assignment-text\">").text(a.text);
    html.raw("</span>");
    if (a.dueDate != day)
        html.raw(" <span class=\"small muted\">(срок ").text(a.dueDate.russian()).raw(")</span>");
    if (!a.mark) return void(html.raw("</li>"));
    if (a.mark->mark)
        html.raw(" <span class=\"mark\" title=\"Оценка\">").number(*a.mark->mark).raw("</span>");
    if (a.mark->duty)
        html.raw(
            " <span class=\"mark duty\" title=\"долг\">•</span> <span class=\"small\">долг</span>");
    if (!a.mark->comment.empty())
        html.raw(" <span class=\"small muted mark-comment\">").text(a.mark->comment).raw("</span>");
    html.raw("</li>");
}

void lesson(HtmlWriter& html, const DiaryLesson& l) {
    html.raw("<article class=\"lesson").rawIf(l.cancelled, " cancelled").raw("\" id=\"lesson-");
    html.number(l.id).raw("\">\n<div class=\"lesson-head\"><span class=\"lesson-number\">");
    html.number(l.number).raw("</span> <span class=\"lesson-time\">");
    if (l.startTime && l.endTime) html.text(l.startTime->text()).raw("–").text(l.endTime->text());
    html.raw("</span> <strong class=\"lesson-subject\">").text(l.subjectName).raw("</strong>");
    if (!l.room.empty()) html.raw(" <span class=\"lesson-room\">каб. ").text(l.room).raw("</span>");
    html.raw("</div>\n").rawIf(l.cancelled, "<p class=\"lesson-cancelled\">Урок отменён</p>");
    html.raw("\n");
    if (!l.absenceCode.empty()) {
        html.raw("<p class=\"lesson-absence\" title=\"").text(l.absenceName).raw("\">Пропуск: ");
        html.text(l.absenceCode).raw(" — ").text(l.absenceName).raw("</p>");
    }
    html.raw("\n");
    if (!l.topic.empty()) html.raw("<p class=\"lesson-topic\">Тема: ").text(l.topic).raw("</p>");
    html.raw("\n");
    if (!l.assignments.empty()) {
        html.raw("<ul class=\"assignments\">");
        for (const auto& a : l.assignments) assignment(html, a, l.day);
        html.raw("</ul>");
    }
    html.raw("\n</article>\n");
}

void day(HtmlWriter& html, const DiaryDay& d, bool isToday) {
    html.raw("<section class=\"day").rawIf(isToday, " today").raw("\" id=\"day-");
    html.raw(d.date.iso()).raw("\">\n<h2>").raw(kWeekdays[d.date.weekday() - 1]).raw(", ");
    html.raw(d.date.russian()).rawIf(isToday, " <span class=\"small muted\">сегодня</span>");
    html.raw("</h2>\n");
    for (const auto& l : d.lessons) lesson(html, l);
    // An empty {{#lessons}} left the line end of its opening tag.
    html.rawIf(d.lessons.empty(), "\n<p class=\"muted no-lessons\">Уроков нет</p>").raw("\n");
    html.raw("</section>");
}

}  // namespace

void appendDiaryDays(const flows::journal::DiaryWeek& week, const domain::CalendarDate& today,
                     std::string& out) {
    HtmlWriter html(out);
    bool first = true;
    for (const auto& d : week.days) {
        if (!first) html.raw("\n");
        first = false;
        day(html, d, d.date == today);
    }
}

std::size_t diaryDaysSize(const flows::journal::DiaryWeek& week) {
    std::size_t size = 0;
    for (const auto& d : week.days) {
        size += 160;
        for (const auto& l : d.lessons) size += 330 + l.topic.size() + 300 * l.assignments.size();
    }
    return size;
}

}  // namespace netcity::web::journal
