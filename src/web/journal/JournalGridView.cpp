// The class journal's grid as HTML: a row per student, a column per lesson, in each cell an
// input per assignment (m-<student>-<assignment>), one for a new assignment of the lesson
// (m-<student>-n<lesson>) and the absence (a-<student>-<lesson>); below, each lesson's
// homework (t-/y-/w-/d-<assignment> or -n<lesson>). Each input that shows a stored value has a
// hidden twin o-<name> with it, so that the save knows what the form showed. Columns the keeper
// does not write (all of them for a reader) get text, no inputs.
#include <cstdlib>
#include <set>

#include "domain/journal/MarkAverage.h"
#include "web/Portal.h"
#include "web/journal/JournalTexts.h"

namespace netcity::web {

using flows::journal::ClassJournal;

namespace {

struct View {
    const ClassJournal::Grid& grid;
    const std::map<std::string, std::string>& typed;
    std::set<std::string> wrong;
    bool writes;
    std::map<std::int64_t, std::string> typeAbbr, typeName;

    std::string value(const std::string& name, const std::string& stored) const {
        auto it = typed.find(name);
        return it == typed.end() ? stored : it->second;
    }
};

std::string studentName(const store::journal::ClassStudent& s) {
    return s.lastName + " " + s.firstName;
}

std::string lessonTitle(const store::journal::Lesson& l) {
    return l.date.russian().substr(0, 5) + ", " + std::to_string(l.number) + " урок";
}

TemplateData markInput(const View& v, const std::string& name, const std::string& stored,
                       const std::string& label, const std::string& title) {
    TemplateData m;
    m.set("name", name);
    m.set("value", v.value(name, stored));
    m.set("stored", stored);
    m.set("hasStored", !stored.empty());
    m.set("label", label);
    m.set("title", title);
    m.set("invalid", v.wrong.count(name) > 0);
    return m;
}

kainjow::mustache::list cellsOf(const View& v, const ClassJournal::Row& row) {
    kainjow::mustache::list cells;
    std::string sid = std::to_string(row.student.accountId);
    for (const auto& col : v.grid.columns) {
        TemplateData cell;
        std::string lid = std::to_string(col.lesson.id);
        kainjow::mustache::list marks;
        for (const auto& a : col.assignments) {
            auto found = row.marks.find(a.id);
            std::string stored = found == row.marks.end() ? "" : cellText(found->second);
            std::string title = v.typeName.at(a.typeId) +
                                (a.weight != 1 ? ", вес " + std::to_string(a.weight) : "");
            if (col.writes || !stored.empty())
                marks.push_back(markInput(v, "m-" + sid + "-" + std::to_string(a.id), stored,
                                          v.typeAbbr.at(a.typeId), title));
        }
        if (col.writes)
            marks.push_back(markInput(v, "m-" + sid + "-n" + lid, "", "+", "Новое задание урока"));
        cell.set("writes", col.writes);
        cell.set("marks", std::move(marks));
        auto absent = row.absences.find(col.lesson.id);
        std::string code = absent == row.absences.end() ? "" : absent->second;
        std::string name = "a-" + sid + "-" + lid;
        std::string chosen = v.value(name, code);
        cell.set("absenceName", name);
        cell.set("absence", code);
        cell.set("hasAbsence", !code.empty());
        cell.set("absenceInvalid", v.wrong.count(name) > 0);
        cell.set("absenceValue", chosen);
        cell.set("absenceLabel",
                 studentName(row.student) + ", " + lessonTitle(col.lesson) + ": посещаемость");
        cells.push_back(std::move(cell));
    }
    return cells;
}

TemplateData homeworkOf(const View& v, const std::string& key, const store::journal::Assignment* a,
                        const store::journal::Lesson& lesson) {
    TemplateData h;
    h.set("key", key);
    h.set("isNew", a == nullptr);
    std::string typeId = v.value("y-" + key, a ? std::to_string(a->typeId) : "");
    kainjow::mustache::list types;
    for (const auto& t : v.grid.types) {
        TemplateData type;
        type.set("id", std::to_string(t.id));
        type.set("name", t.name);
        type.set("selected", typeId == std::to_string(t.id));
        types.push_back(type);
    }
    h.set("types", types);
    h.set("typeName", a ? v.typeName.at(a->typeId) : "");
    if (a) {  // what the save compares the fields with
        h.set("storedType", std::to_string(a->typeId));
        h.set("storedText", a->text);
        h.set("hasStoredText", !a->text.empty());
        h.set("storedWeight", std::to_string(a->weight));
        h.set("storedDue", a->dueDate.iso());
    }
    h.set("text", v.value("t-" + key, a ? a->text : ""));
    h.set("weight", v.value("w-" + key, a ? std::to_string(a->weight) : "1"));
    h.set("due", v.value("d-" + key, a ? a->dueDate.iso() : lesson.date.iso()));
    h.set("dueShown", a ? a->dueDate.russian() : "");
    h.set("invalid", v.wrong.count("hw-" + key) > 0);
    return h;
}

kainjow::mustache::list homeworkList(const View& v) {
    kainjow::mustache::list lessons;
    for (const auto& col : v.grid.columns) {
        if (!col.writes && col.assignments.empty()) continue;
        TemplateData l;
        l.set("lessonId", std::to_string(col.lesson.id));
        l.set("title", lessonTitle(col.lesson));
        l.set("writes", col.writes);
        kainjow::mustache::list items;
        for (const auto& a : col.assignments)
            items.push_back(homeworkOf(v, std::to_string(a.id), &a, col.lesson));
        if (col.writes)
            items.push_back(
                homeworkOf(v, "n" + std::to_string(col.lesson.id), nullptr, col.lesson));
        l.set("items", items);
        lessons.push_back(l);
    }
    return lessons;
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

kainjow::mustache::list termLinks(const ClassJournal::Grid& g) {
    kainjow::mustache::list terms;
    for (const auto& t : g.year.terms) {
        TemplateData term;
        term.set("name", domain::journal::termName(g.year.termKind, t.number));
        term.set("current", t.number == g.term.number);
        term.set("href", "/journal/grid?class=" + std::to_string(g.place.classId) +
                             "&subject=" + std::to_string(g.place.subjectId) +
                             "&term=" + std::to_string(t.number));
        terms.push_back(term);
    }
    return terms;
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
    bool writes = false;
    for (const auto& c : g.columns) writes = writes || c.writes;
    View v{g, typed, {}, writes, {}, {}};
    for (const auto& p : problems) v.wrong.insert(p.key);
    for (const auto& t : g.types) {
        v.typeAbbr[t.id] = t.abbr;
        v.typeName[t.id] = t.name;
    }
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("classId", std::to_string(g.place.classId));
    d.set("subjectId", std::to_string(g.place.subjectId));
    d.set("className", g.place.className);
    d.set("subjectName", g.place.subjectName);
    d.set("term", std::to_string(g.term.number));
    d.set("termName", domain::journal::termName(g.year.termKind, g.term.number));
    d.set("terms", termLinks(g));
    d.set("writes", v.writes);
    // One list of absence marks for the page: a select in each of a term's ~700 cells made the
    // page ten times heavier to build and to send.
    kainjow::mustache::list kinds;
    for (const auto& k : g.kinds) {
        TemplateData kind;
        kind.set("code", k.code);
        kind.set("name", k.name);
        kinds.push_back(std::move(kind));
    }
    d.set("absenceKinds", std::move(kinds));
    d.set("readOnly", !v.writes && !g.place.givesLessons);
    d.set("substitute", g.place.givesLessons && !canWrite(g.place.right));
    d.set("averages", g.averages);
    if (!flash.empty()) d.set("flash", flash);
    kainjow::mustache::list columns;
    for (const auto& c : g.columns) {
        TemplateData col;
        col.set("date", c.lesson.date.russian().substr(0, 5));
        col.set("number", std::to_string(c.lesson.number));
        col.set("lessonId", std::to_string(c.lesson.id));
        columns.push_back(col);
    }
    d.set("columns", columns);
    d.set("hasColumns", !g.columns.empty());
    kainjow::mustache::list rows;
    for (const auto& r : g.rows) {
        TemplateData row;
        row.set("studentId", std::to_string(r.student.accountId));
        row.set("name", studentName(r.student));
        row.set("cells", cellsOf(v, r));
        if (g.averages) row.set("average", domain::journal::averageText(r.average));
        rows.push_back(row);
    }
    d.set("rows", rows);
    d.set("hasRows", !g.rows.empty());
    d.set("homework", homeworkList(v));
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
    ex.sendHtml(
        s_.templates.page("journal-grid",
                          "Классный журнал: " + g.place.className + ", " + g.place.subjectName, d),
        status);
}

}  // namespace netcity::web
