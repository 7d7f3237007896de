// The class journal's page: a month of the term (or all of it) as a grid, a row per student
// and a column per lesson, with the navigation between terms and months; the cells and the
// lessons' assignments come from web/journal/JournalGridHtml.cpp. Columns the keeper does not
// write (all of them for a reader) get text, no inputs.
#include <cstdlib>
#include <set>

#include "domain/journal/MarkAverage.h"
#include "web/Portal.h"
#include "web/journal/JournalGridHtml.h"
#include "web/journal/JournalTexts.h"

namespace netcity::web {

using flows::journal::ClassJournal;

namespace {

std::string studentName(const store::journal::ClassStudent& s) {
    return s.lastName + " " + s.firstName;
}

std::string lessonTitle(const store::journal::Lesson& l) {
    return l.date.russian().substr(0, 5) + ", " + std::to_string(l.number) + " урок";
}

// Where a problem is, for the list above the grid: «Лебедев Кирилл, 23.11, 1 урок».
std::string placeOf(const ClassJournal::Grid& g, const std::string& key) {
    std::map<std::int64_t, std::string> students, lessons;
    std::map<std::int64_t, std::int64_t> lessonOfAssignment;
    for (const auto& r : g.rows) students[r.student.accountId] = studentName(r.student);
    for (const auto& c : g.columns) {
        lessons[c.lesson.id] = lessonTitle(c.lesson);
        for (const auto& a : c.assignments) lessonOfAssignment[a.id] = c.lesson.id;
    }
    auto num = [](const std::string& s) { return std::atoll(s.c_str()); };
    auto lessonName = [&](std::int64_t id) {
        auto it = lessons.find(id);
        return it == lessons.end() ? "урок № " + std::to_string(id) : it->second;
    };
    auto assignmentLesson = [&](std::int64_t id) {
        auto it = lessonOfAssignment.find(id);
        return it == lessonOfAssignment.end() ? "задание № " + std::to_string(id)
                                              : lessonName(it->second);
    };
    if (key.rfind("hw-", 0) == 0) {
        std::string rest = key.substr(3);
        return "Задание: " +
               (rest[0] == 'n' ? lessonName(num(rest.substr(1))) : assignmentLesson(num(rest)));
    }
    auto dash = key.find('-', 2);
    std::string student = students.count(num(key.substr(2)))
                              ? students[num(key.substr(2))]
                              : "ученик № " + key.substr(2, dash - 2);
    std::string target = dash == std::string::npos ? "" : key.substr(dash + 1);
    if (key[0] == 'a') return student + ", " + lessonName(num(target)) + ", посещаемость";
    if (!target.empty() && target[0] == 'n')
        return student + ", " + lessonName(num(target.substr(1)));
    return student + ", " + assignmentLesson(num(target));
}

std::string gridHref(const ClassJournal::Grid& g, int term, const std::string& month) {
    std::string href = "/journal/grid?class=" + std::to_string(g.place.classId) +
                       "&subject=" + std::to_string(g.place.subjectId) +
                       "&term=" + std::to_string(term);
    return month.empty() ? href : href + "&month=" + month;
}

kainjow::mustache::list termLinks(const ClassJournal::Grid& g) {
    kainjow::mustache::list terms;
    terms.reserve(g.year.terms.size());
    for (const auto& t : g.year.terms) {
        TemplateData term;
        term.set("name", domain::journal::termName(g.year.termKind, t.number));
        term.set("current", t.number == g.term.number);
        term.set("href", gridHref(g, t.number, ""));
        terms.push_back(std::move(term));
    }
    return terms;
}

// The term's months, then the whole term: «Ноябрь Декабрь Весь период».
kainjow::mustache::list monthLinks(const ClassJournal::Grid& g) {
    kainjow::mustache::list months;
    months.reserve(g.months.size() + 1);
    auto link = [&](const std::string& key, const std::string& name, bool current) {
        TemplateData month;
        month.set("key", key);
        month.set("name", name);
        month.set("current", current);
        month.set("href", gridHref(g, g.term.number, key));
        months.push_back(std::move(month));
    };
    for (std::size_t i = 0; i < g.months.size(); ++i)
        link(journal::monthKey(g.months[i].from), journal::monthName(g.months[i].from.month()),
             g.month == i);
    link(journal::kWholeTermKey, "Весь период", !g.month);
    return months;
}

}  // namespace

void Portal::renderJournalGrid(HttpExchange& ex, const ClassJournal::Opened& opened,
                               const std::map<std::string, std::string>& typed,
                               const std::vector<ClassJournal::Problem>& problems,
                               const std::string& flash, int status) {
    if (opened.outcome == ClassJournal::OpenOutcome::NotFound)
        throw HttpError{404, "Журнал не найден."};
    if (opened.outcome == ClassJournal::OpenOutcome::NoYear)
        return renderMessage(ex, 200, "Классный журнал",
                             "Учебный год ещё не настроен: обратитесь к администратору школы.");
    const auto& g = opened.grid;
    std::set<std::string> wrong;
    for (const auto& p : problems) wrong.insert(p.key);
    bool writes = false;
    for (const auto& c : g.columns) writes = writes || c.writes;
    journal::GridView view{g, typed, wrong, writes};
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("classId", std::to_string(g.place.classId));
    d.set("subjectId", std::to_string(g.place.subjectId));
    d.set("className", g.place.className);
    d.set("subjectName", g.place.subjectName);
    d.set("term", std::to_string(g.term.number));
    d.set("termName", domain::journal::termName(g.year.termKind, g.term.number));
    http::put(d, "terms", http::listOf(termLinks(g)));
    http::put(d, "months", http::listOf(monthLinks(g)));
    d.set("month", g.month ? journal::monthKey(g.months[*g.month].from) : journal::kWholeTermKey);
    if (g.month) d.set("monthName", journal::monthName(g.months[*g.month].from.month()));
    d.set("writes", view.writes);
    // One list of absence marks for the page: a select in each of a term's ~700 cells made the
    // page ten times heavier to build and to send.
    kainjow::mustache::list kinds;
    kinds.reserve(g.kinds.size());
    for (const auto& k : g.kinds) {
        TemplateData kind;
        kind.set("code", k.code);
        kind.set("name", k.name);
        kinds.push_back(std::move(kind));
    }
    http::put(d, "absenceKinds", http::listOf(std::move(kinds)));
    d.set("readOnly", !view.writes && !g.place.givesLessons);
    d.set("substitute", g.place.givesLessons && !canWrite(g.place.right));
    d.set("averages", g.averages);
    if (!flash.empty()) d.set("flash", flash);
    kainjow::mustache::list columns;
    columns.reserve(g.columns.size());
    for (const auto& c : g.columns) {
        TemplateData col;
        col.set("date", c.lesson.date.russian().substr(0, 5));
        col.set("number", std::to_string(c.lesson.number));
        col.set("lessonId", std::to_string(c.lesson.id));
        columns.push_back(std::move(col));
    }
    http::put(d, "columns", http::listOf(std::move(columns)));
    d.set("hasColumns", !g.columns.empty());
    d.set("rows", Templates::slot("rows"));
    d.set("hasRows", !g.rows.empty());
    d.set("homework", Templates::slot("homework"));
    kainjow::mustache::list problemList;
    for (const auto& p : problems)
        problemList.push_back(placeOf(g, p.key) + ": " +
                              journal::issueText(p, settings_.markScale, g.year));
    if (!problems.empty()) {
        d.set("error", status == 409
                           ? "Журнал не сохранён — ничего не записано: пока он был "
                             "открыт, эти ячейки изменил кто-то другой. Проверьте их и "
                             "сохраните снова:"
                           : "Журнал не сохранён — ничего не записано. Исправьте ячейки:");
        d.set("problems", problemList);
    }
    Templates::Slots slots = {
        {"rows", [&](std::string& out) { journal::appendGridRows(view, out); }},
        {"homework", [&](std::string& out) { journal::appendHomework(view, out); }}};
    ex.sendHtml(
        s_.templates.page("journal-grid",
                          "Классный журнал: " + g.place.className + ", " + g.place.subjectName, d,
                          slots, journal::gridHtmlSize(view)),
        status);
}

}  // namespace netcity::web
