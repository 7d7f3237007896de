// ClassJournal::save's homework: each assignment edit read field by field, a lesson's new
// assignment made or found already made, an existing one changed only where the keeper changed
// it and no one else did meanwhile.
#include "domain/Utf8Text.h"
#include "flows/journal/ClassJournalSaveSteps.h"

namespace netcity::flows::journal::save {

using domain::CalendarDate;
using store::journal::Assignment;

namespace {

constexpr std::size_t kMaxTextLength = 2000;  // code points of a homework text
constexpr int kMaxWeight = 10;                // the assignments table's CHECK

// One homework field: its value as typed (nullopt: refused, the problem noted) in the form the
// database keeps it.
struct HomeworkField {
    std::optional<std::string> (*read)(Context&, const ClassJournal::AssignmentEdit&,
                                       const store::journal::Lesson&, const std::string&);
    std::string (*stored)(const Assignment&);
    void (*set)(Assignment&, const std::string&);
};

std::optional<std::string> readType(Context& c, const ClassJournal::AssignmentEdit& e,
                                    const store::journal::Lesson&, const std::string& typed) {
    auto type = number(domain::collapseSpaces(typed));
    if (type && c.types.count(*type)) return std::to_string(*type);
    problem(c, e.key, Issue::UnknownType, typed);
    return std::nullopt;
}

std::optional<std::string> readText(Context& c, const ClassJournal::AssignmentEdit& e,
                                    const store::journal::Lesson&, const std::string& typed) {
    std::string text = domain::collapseSpaces(typed);
    if (domain::codePointCount(text) <= kMaxTextLength) return text;
    problem(c, e.key, Issue::TextTooLong, "");
    return std::nullopt;
}

std::optional<std::string> readWeight(Context& c, const ClassJournal::AssignmentEdit& e,
                                      const store::journal::Lesson&, const std::string& typed) {
    std::string weight = domain::collapseSpaces(typed);
    auto w = weight.empty() ? std::optional<std::int64_t>(1) : number(weight);
    if (w && *w >= 1 && *w <= kMaxWeight) return std::to_string(*w);
    problem(c, e.key, Issue::WeightOutOfRange, typed);
    return std::nullopt;
}

std::optional<std::string> readDue(Context& c, const ClassJournal::AssignmentEdit& e,
                                   const store::journal::Lesson& lesson, const std::string& typed) {
    std::string due = domain::collapseSpaces(typed);
    auto date = due.empty() ? std::optional<CalendarDate>(lesson.date) : CalendarDate::parse(due);
    auto year = c.years.find(lesson.yearId);
    if (!date)
        problem(c, e.key, Issue::DueDateUnreadable, typed);
    else if (year == c.years.end() || !year->second.contains(*date))
        problem(c, e.key, Issue::DueDateOutsideYear, due);
    else
        return date->iso();
    return std::nullopt;
}

const HomeworkField kType{readType, [](const Assignment& a) { return std::to_string(a.typeId); },
                          [](Assignment& a, const std::string& v) { a.typeId = *number(v); }};
const HomeworkField kText{readText, [](const Assignment& a) { return a.text; },
                          [](Assignment& a, const std::string& v) { a.text = v; }};
const HomeworkField kWeight{
    readWeight, [](const Assignment& a) { return std::to_string(a.weight); },
    [](Assignment& a, const std::string& v) { a.weight = static_cast<int>(*number(v)); }};
const HomeworkField kDue{
    readDue, [](const Assignment& a) { return a.dueDate.iso(); },
    [](Assignment& a, const std::string& v) { a.dueDate = *CalendarDate::parse(v); }};

// The fields of an edit with how each is read and kept.
std::vector<std::pair<const std::optional<ClassJournal::Field>*, const HomeworkField*>> fieldsOf(
    const ClassJournal::AssignmentEdit& e) {
    return {{&e.typeId, &kType}, {&e.text, &kText}, {&e.weight, &kWeight}, {&e.dueDate, &kDue}};
}

// A new assignment as its fields make it («Ответ на уроке», no text, weight 1, due on the lesson
// for a field not sent); nullopt when a field is refused.
std::optional<Assignment> newAssignment(Context& c, const ClassJournal::AssignmentEdit& e,
                                        const store::journal::Lesson& lesson) {
    Assignment a{0, lesson.id, c.firstType, "", lesson.date, 1};
    bool ok = true;
    for (auto [field, how] : fieldsOf(e)) {
        if (!*field) continue;
        auto value = how->read(c, e, lesson, (*field)->typed);
        if (value)
            how->set(a, *value);
        else
            ok = false;
    }
    if (!ok) return std::nullopt;
    return a;
}

// An assignment as the keeper's edits change it from what is stored: a field typed as shown is
// left as stored; a field stored differently from what was shown, and not already as typed, is
// changed meanwhile. nullopt when a field is refused or was changed meanwhile.
std::optional<Assignment> editedAssignment(Context& c, const ClassJournal::AssignmentEdit& e,
                                           const store::journal::Lesson& lesson,
                                           const Assignment& stored) {
    Assignment a = stored;
    bool ok = true, changed = false;
    for (auto [field, how] : fieldsOf(e)) {
        if (!*field) continue;
        auto value = how->read(c, e, lesson, (*field)->typed);
        if (!value) {
            ok = false;
            continue;
        }
        // What the form showed reads as the database keeps it (a due date ISO or ДД.ММ.ГГГГ).
        auto before = static_cast<std::ptrdiff_t>(c.problems.size());
        auto was = how->read(c, e, lesson, (*field)->shown);
        c.problems.erase(c.problems.begin() + before, c.problems.end());
        if (was == value || how->stored(stored) == *value) continue;
        if (was != how->stored(stored)) {
            changed = true;
            continue;
        }
        how->set(a, *value);
    }
    if (changed) changedMeanwhile(c, e.key, "", "");
    if (!ok || changed) return std::nullopt;
    return a;
}

bool sameHomework(const Assignment& a, const Assignment& b) {
    return a.typeId == b.typeId && a.text == b.text && a.weight == b.weight &&
           a.dueDate == b.dueDate;
}

}  // namespace

void checkHomework(Check& check, const ClassJournal::Submission& sub) {
    Context& c = check.c;
    std::map<std::int64_t, const ClassJournal::AssignmentEdit*> newOfLesson;
    for (const auto& e : sub.assignments) {
        if (e.assignmentId) {
            if (!check.assignmentOk(e.key, e.assignmentId, "")) continue;
            const auto& old = c.assignments[e.assignmentId];
            if (auto a = editedAssignment(c, e, c.lessons[old.lessonId], old)) {
                if (!sameHomework(*a, old)) c.homework.push_back({e.key, *a, old});
            }
        } else if (check.lessonOk(e.key, e.lessonId, "")) {
            newOfLesson[e.lessonId] = &e;
        }
    }
    std::set<std::int64_t> markedNew;
    // Marks on a new assignment whose fields were not sent.
    std::vector<ClassJournal::AssignmentEdit> defaults;
    for (const auto& m : sub.marks) {
        if (m.assignmentId || domain::collapseSpaces(m.text).empty()) continue;
        markedNew.insert(m.lessonId);
        if (!newOfLesson.count(m.lessonId) && c.lessons.count(m.lessonId) && c.firstType)
            defaults.push_back(
                {"hw-n" + std::to_string(m.lessonId), 0, m.lessonId, {}, {}, {}, {}});
    }
    for (const auto& e : defaults) newOfLesson.emplace(e.lessonId, &e);
    for (auto& [lessonId, e] : newOfLesson) {
        std::string text = e->text ? e->text->typed : "";
        if (domain::collapseSpaces(text).empty() && !markedNew.count(lessonId)) continue;
        auto a = newAssignment(c, *e, c.lessons[lessonId]);
        if (!a) continue;
        // The same new homework sent twice is the one already made.
        const Assignment* made = nullptr;
        for (auto& [id, old] : c.assignments)
            if (old.lessonId == lessonId && old.typeId == a->typeId && old.text == a->text)
                made = &old;
        if (made) {
            a->id = made->id;
            if (!sameHomework(*a, *made)) c.homework.push_back({e->key, *a, *made});
            c.reusedOn[lessonId] = made->id;
            continue;
        }
        c.addedOn.insert(lessonId);
        c.homework.push_back({e->key, *a, std::nullopt});
    }
}

}  // namespace netcity::flows::journal::save
