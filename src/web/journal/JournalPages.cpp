// «Классный журнал»: the choice of class and subject, the term's grid as one form that works
// without JavaScript, and its save. The flow decides; these pages own the Russian wording.
#include <charconv>
#include <set>

#include "domain/journal/MarkAverage.h"
#include "domain/journal/SchoolCalendar.h"
#include "web/Portal.h"
#include "web/journal/JournalTexts.h"

namespace netcity::web {

using flows::journal::ClassJournal;

namespace {

// The grid's form has a field per cell: 30 students × a term's lessons.
constexpr std::size_t kGridFormBytes = 1024 * 1024;
constexpr std::size_t kGridFormFields = 8000;

std::optional<std::int64_t> id(std::string_view text) {
    std::int64_t n = 0;
    auto end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, n);
    if (text.empty() || ec != std::errc{} || p != end || n <= 0) return std::nullopt;
    return n;
}

HttpError brokenForm() {
    return {400, "Форма журнала повреждена. Обновите страницу и введите оценки снова."};
}

// "m-12-34" → (12, "34"); "a-12-n56" → (12, "n56").
std::pair<std::int64_t, std::string> studentAnd(const std::string& rest) {
    auto dash = rest.find('-');
    if (dash == std::string::npos) throw brokenForm();
    auto student = id(std::string_view(rest).substr(0, dash));
    if (!student) throw brokenForm();
    return {*student, rest.substr(dash + 1)};
}

// What the form showed in a field: its hidden o-<name> twin, sent where the field showed
// something.
std::string shownIn(const std::map<std::string, std::string>& fields, const std::string& name) {
    auto it = fields.find("o-" + name);
    return it == fields.end() ? "" : it->second;
}

// The submission the grid's fields make (names: m-<student>-<assignment>,
// m-<student>-n<lesson>, a-<student>-<lesson>, and t-/y-/w-/d-<assignment> or -n<lesson>; each
// with o-<name> for what it showed).
ClassJournal::Submission submissionOf(const std::map<std::string, std::string>& fields,
                                      std::int64_t classId, std::int64_t subjectId) {
    ClassJournal::Submission sub;
    sub.classId = classId;
    sub.subjectId = subjectId;
    std::map<std::string, ClassJournal::AssignmentEdit> edits;
    for (const auto& [name, value] : fields) {
        if (name.size() < 3 || name[1] != '-') continue;
        std::string rest = name.substr(2), shown = shownIn(fields, name);
        char kind = name[0];
        if (kind == 'm') {
            auto [student, target] = studentAnd(rest);
            ClassJournal::MarkCell cell{name, student, 0, 0, value, shown};
            auto n = id(target[0] == 'n' ? std::string_view(target).substr(1) : target);
            if (!n) throw brokenForm();
            (target[0] == 'n' ? cell.lessonId : cell.assignmentId) = *n;
            sub.marks.push_back(cell);
        } else if (kind == 'a') {
            auto [student, target] = studentAnd(rest);
            auto lesson = id(target);
            if (!lesson) throw brokenForm();
            sub.absences.push_back({name, student, *lesson, value, shown});
        } else if (kind == 't' || kind == 'y' || kind == 'w' || kind == 'd') {
            auto n = id(rest[0] == 'n' ? std::string_view(rest).substr(1) : rest);
            if (!n) throw brokenForm();
            auto& e = edits[rest];
            e.key = "hw-" + rest;
            (rest[0] == 'n' ? e.lessonId : e.assignmentId) = *n;
            (kind == 't'   ? e.text
             : kind == 'y' ? e.typeId
             : kind == 'w' ? e.weight
                           : e.dueDate) = ClassJournal::Field{value, shown};
        }
    }
    for (auto& [_, e] : edits) sub.assignments.push_back(e);
    return sub;
}

// The fields the keeper changed from what the form showed: what a refused form shows again.
// The others show what is stored now, so that saving again does not undo someone else's change.
std::map<std::string, std::string> editsOf(const std::map<std::string, std::string>& fields) {
    std::map<std::string, std::string> edits;
    for (const auto& [name, value] : fields)
        if (name.rfind("o-", 0) != 0 && value != shownIn(fields, name)) edits[name] = value;
    return edits;
}

// The grid of the period the form was on (a save returns to the month it was made in).
std::string gridHref(std::int64_t classId, std::int64_t subjectId,
                     const ClassJournal::Period& period) {
    std::string href =
        "/journal/grid?class=" + std::to_string(classId) + "&subject=" + std::to_string(subjectId);
    if (period.term) href += "&term=" + std::to_string(*period.term);
    if (period.wholeTerm) href += std::string("&month=") + journal::kWholeTermKey;
    if (period.month) href += "&month=" + journal::monthKey(*period.month);
    return href;
}

// ?term=<number>&month=<YYYY-MM|all>: which part of the journal to show. The form sends them
// back, so that a save returns to the month it was made in.
ClassJournal::Period periodOf(const std::string& term, const std::string& month, bool strict) {
    auto period = journal::parsePeriod(month);
    if (!period && strict)
        throw HttpError{400,
                        "Месяц указан неверно. Откройте журнал заново со страницы «Классный "
                        "журнал»."};
    ClassJournal::Period out = period.value_or(ClassJournal::Period{});
    if (auto t = id(term)) out.term = static_cast<int>(*t);
    return out;
}

}  // namespace

flows::journal::ClassJournal Portal::classJournal() {
    return ClassJournal(s_.db, s_.clock, settings_.markScale,
                        settings_.timeZone.dateAt(s_.clock.unixSeconds()));
}

bool Portal::showsJournal(std::int64_t accountId, const domain::RoleSet& roles) {
    if (!roles.count(domain::Role::Teacher) && !roles.count(domain::Role::Administrator))
        return false;
    return classJournal().hasJournal(accountId);
}

void Portal::journalChoose(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto journal = classJournal();
    auto choices = journal.choices(active.accountId);
    auto keeps = journalTimetable().keeps(active.accountId);
    if (choices.empty() && !keeps) throw HttpError{404, "Страница не найдена."};
    kainjow::mustache::list classes;
    for (std::size_t i = 0; i < choices.size();) {
        TemplateData cls;
        cls.set("className", choices[i].className);
        kainjow::mustache::list subjects;
        std::int64_t classId = choices[i].classId;
        for (; i < choices.size() && choices[i].classId == classId; ++i) {
            TemplateData subject;
            subject.set("name", choices[i].subjectName);
            subject.set("href", "/journal/grid?class=" + std::to_string(classId) +
                                    "&subject=" + std::to_string(choices[i].subjectId));
            bool writes = canWrite(choices[i].right);
            subject.set("readOnly", !writes && !choices[i].givesLessons);
            subject.set("substitute", !writes && choices[i].givesLessons);
            subjects.push_back(subject);
        }
        cls.set("subjects", subjects);
        classes.push_back(cls);
    }
    TemplateData d;
    d.set("classes", classes);
    d.set("hasClasses", !classes.empty());
    d.set("keepsTimetable", keeps);
    ex.sendHtml(s_.templates.page("journal-choose", "Классный журнал", d));
}

void Portal::journalGrid(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto classId = ex.queryId("class"), subjectId = ex.queryId("subject");
    if (!classId || !subjectId) throw HttpError{404, "Журнал не найден."};
    auto opened = classJournal().open(active.accountId, *classId, *subjectId,
                                      periodOf(ex.query("term"), ex.query("month"), true),
                                      ex.clientAddress());
    std::string flash;
    if (auto saved = ex.query("saved"); !saved.empty())
        flash = saved == "0" ? "Изменений нет: журнал уже такой."
                             : "Журнал сохранён. Изменено ячеек: " + saved + ".";
    renderJournalGrid(ex, opened, {}, {}, flash, 200);
}

void Portal::journalChanged() {
    glances_.forgetAll();
    classDiaries_.forgetAll();
}

void Portal::journalSave(HttpExchange& ex) {
    auto active = requireSession(ex);
    ex.readForm(kGridFormBytes, kGridFormFields);
    checkCsrf(ex);
    auto classId = id(ex.form("class")), subjectId = id(ex.form("subject"));
    if (!classId || !subjectId) throw HttpError{404, "Журнал не найден."};
    auto submission = submissionOf(ex.formFields(), *classId, *subjectId);
    auto journal = classJournal();
    auto saved = journal.save(active.accountId, submission, ex.clientAddress());
    using Outcome = ClassJournal::SaveOutcome;
    if (saved.outcome == Outcome::NotFound) throw HttpError{404, "Журнал не найден."};
    if (saved.outcome == Outcome::ReadOnly)
        throw HttpError{403,
                        "Этот журнал открыт вам только для просмотра: оценки в него ставит "
                        "учитель предмета."};
    // A broken month in the form is only a broken view: the default one is shown.
    auto period = periodOf(ex.form("term"), ex.form("month"), false);
    if (saved.outcome == Outcome::Saved) {
        journalChanged();  // marks and homework: this node's main pages and diaries see them now
        return ex.redirect(gridHref(*classId, *subjectId, period) +
                           "&saved=" + std::to_string(saved.changes));
    }
    if (saved.outcome == Outcome::NoYear)
        return renderMessage(ex, 409, "Классный журнал",
                             "Учебный год ещё не настроен: обратитесь к администратору школы.");
    auto opened = journal.open(active.accountId, *classId, *subjectId, period, ex.clientAddress());
    renderJournalGrid(ex, opened, editsOf(ex.formFields()), saved.problems, "",
                      saved.outcome == Outcome::Changed ? 409 : 422);
}

}  // namespace netcity::web
