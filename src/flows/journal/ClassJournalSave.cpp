// ClassJournal::save: one POST with every cell of the grid. Everything is checked first, then
// only what the keeper changed and what really differs from the database is written, in one
// transaction, each change audited with its old and new value — so a double submit writes and
// audits nothing. A field stored differently since the form was shown (another tab, another
// teacher) is refused and nothing is written; each write states what it replaces, so a change
// committed between the check and the write is caught too, and the save is checked again.
#include <charconv>
#include <set>

#include "domain/Utf8Text.h"
#include "flows/journal/ClassJournal.h"
#include "store/AuditLog.h"
#include "store/journal/SchoolYearRepository.h"

namespace netcity::flows::journal {

using domain::CalendarDate;
using domain::journal::MarkEntry;
using store::journal::Assignment;

namespace {

constexpr std::size_t kMaxTextLength = 2000;  // code points of a homework text
constexpr int kMaxWeight = 10;                // the assignments table's CHECK
constexpr int kAttempts = 3;                  // checks of a save that lost a race to a write

std::optional<std::int64_t> number(const std::string& text) {
    std::int64_t n = 0;
    auto end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, n);
    if (text.empty() || ec != std::errc{} || p != end) return std::nullopt;
    return n;
}

std::string shown(const std::string& value) {
    return value.empty() ? "\xE2\x80\x94" /* — */ : value;
}

std::string change(const std::string& from, const std::string& to) {
    return shown(from) + " \xE2\x86\x92 " + shown(to);  // «4 → 5»
}

std::string subjectOf(const char* a, std::int64_t x, const char* b, std::int64_t y) {
    return std::string(a) + ":" + std::to_string(x) + " " + b + ":" + std::to_string(y);
}

// A write found the row no longer as the check read it: someone committed in between.
struct Raced {
    std::string key, typed;
};

}  // namespace

// What the journal holds for the class and subject, and what the submission would change.
struct ClassJournal::Context {
    struct MarkChange {
        std::string key;
        store::journal::StudentMark mark;
        std::optional<MarkEntry> old;
        std::int64_t newOfLesson = 0;  // the mark is on this lesson's new assignment
    };
    struct HomeworkChange {
        std::string key;
        Assignment assignment;
        std::optional<Assignment> old;  // nullopt: added
    };
    struct AbsenceChange {
        std::string key;
        store::journal::Absence absence;
        std::string old;
    };

    std::map<std::int64_t, store::journal::Lesson> lessons;  // this class and subject's, open
    std::set<std::int64_t> writable;                         // of those, the keeper's to write
    std::set<std::int64_t> touched;                          // of those, what the edits touch
    std::map<std::int64_t, Assignment> assignments;          // on those lessons
    std::set<std::int64_t> students;
    std::set<std::int64_t> types;
    std::int64_t firstType = 0;  // the list's first: «Ответ на уроке»
    std::set<std::string> kinds;
    std::map<std::int64_t, domain::journal::SchoolYear> years;
    std::vector<Problem> problems;
    std::vector<HomeworkChange> homework;
    std::set<std::int64_t> addedOn;                 // lessons whose new assignment is made now
    std::map<std::int64_t, std::int64_t> reusedOn;  // lesson → the same new homework made before
    std::vector<MarkChange> marks;
    std::vector<AbsenceChange> absences;
};

namespace {

using Context = ClassJournal::Context;
using Issue = ClassJournal::Issue;
using Field = ClassJournal::Field;

void problem(Context& c, const std::string& key, Issue issue, const std::string& typed) {
    c.problems.push_back({key, issue, typed, std::nullopt});
}

void changedMeanwhile(Context& c, const std::string& key, const std::string& typed,
                      const std::string& current) {
    c.problems.push_back({key, Issue::ChangedMeanwhile, typed, current});
}

// Why a lesson outside this journal's open lessons is refused.
Issue lessonIssue(store::journal::LessonRepository& lessons, std::int64_t lessonId,
                  std::int64_t classId, std::int64_t subjectId) {
    auto l = lessons.lesson(lessonId);
    if (l && l->classId == classId && l->subjectId == subjectId && l->cancelled)
        return Issue::LessonCancelled;
    return Issue::LessonNotHere;
}

// A mark's field as the form showed it; nullopt when the form says something no cell shows.
std::optional<MarkEntry> shownMark(const std::string& text, const domain::journal::MarkScale& s) {
    auto parsed = domain::journal::parseMarkEntry(text, s);
    if (parsed.problem != domain::journal::MarkProblem::None) return std::nullopt;
    return parsed.entry;
}

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
std::vector<std::pair<const std::optional<Field>*, const HomeworkField*>> fieldsOf(
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

bool allChangedMeanwhile(const std::vector<ClassJournal::Problem>& problems) {
    for (const auto& p : problems)
        if (p.issue != Issue::ChangedMeanwhile) return false;
    return true;
}

}  // namespace

ClassJournal::Saved ClassJournal::save(std::int64_t accountId, const Submission& sub,
                                       const std::string& clientAddress) {
    auto s = db_.session();
    for (int attempt = 1;; ++attempt) {
        try {
            return saveOnce(s, accountId, sub, clientAddress);
        } catch (const Raced& raced) {  // rolled back; checked again against what won
            if (attempt == kAttempts)
                return {SaveOutcome::Changed,
                        0,
                        {{raced.key, Issue::ChangedMeanwhile, raced.typed, std::nullopt}}};
        }
    }
}

ClassJournal::Saved ClassJournal::saveOnce(Poco::Data::Session& s, std::int64_t accountId,
                                           const Submission& sub,
                                           const std::string& clientAddress) {
    store::journal::TeachingRepository teaching(db_, s);
    auto keeper = teaching.keeper(accountId);
    auto chosen = keeper ? place(s, *keeper, sub.classId, sub.subjectId) : std::nullopt;
    bool reads = chosen && canRead(chosen->right);
    if (!chosen || !(canWrite(chosen->right) || chosen->givesLessons)) {
        auditDenied(s, accountId, "journal.save", sub.classId, sub.subjectId,
                    reads ? "read_only" : "denied", clientAddress);
        return {reads ? SaveOutcome::ReadOnly : SaveOutcome::NotFound, 0, {}};
    }

    store::Transaction tx(db_, s);
    store::journal::LessonRepository lessons(db_, s);
    store::journal::GradebookRepository book(db_, s);
    store::journal::SchoolYearRepository years(db_, s);
    Context c;
    domain::journal::JournalPlace journal{chosen->organizationId, sub.classId, sub.subjectId, {}};
    for (auto& l : lessons.ofSubject(sub.classId, sub.subjectId, *CalendarDate::make(1900, 1, 1),
                                     *CalendarDate::make(2999, 12, 31))) {
        if (!c.years.count(l.yearId))
            if (auto y = years.year(l.yearId)) c.years[l.yearId] = *y;
        c.lessons[l.id] = l;
        if (domain::journal::lessonAccess(*keeper, journal, l.teacherId).writes)
            c.writable.insert(l.id);
    }
    std::vector<std::int64_t> lessonIds;
    for (auto& [id, _] : c.lessons) lessonIds.push_back(id);
    // Another tab's save adding the same lesson's new homework waits here, so that this one
    // reads what it made ("the same new homework sent twice") instead of making it again.
    std::set<std::int64_t> getsNew;
    auto typed = [](const std::string& text) { return !domain::collapseSpaces(text).empty(); };
    for (const auto& e : sub.assignments)
        if (!e.assignmentId && e.text && typed(e.text->typed) && c.lessons.count(e.lessonId))
            getsNew.insert(e.lessonId);
    for (const auto& m : sub.marks)
        if (!m.assignmentId && typed(m.text) && c.lessons.count(m.lessonId))
            getsNew.insert(m.lessonId);
    book.holdLessons({getsNew.begin(), getsNew.end()});
    for (auto& a : book.assignmentsOf(lessonIds)) c.assignments[a.id] = a;
    for (auto& st : teaching.studentsOf(sub.classId)) c.students.insert(st.accountId);
    for (auto& t : book.assignmentTypes()) {
        if (c.types.empty()) c.firstType = t.id;
        c.types.insert(t.id);
    }
    for (auto& k : book.attendanceKinds()) c.kinds.insert(k.code);

    // Which assignments and lessons the cells touch, to read their current marks and absences.
    auto lessonOk = [&](const std::string& key, std::int64_t lessonId, const std::string& typed) {
        if (c.lessons.count(lessonId)) {
            c.touched.insert(lessonId);
            return true;
        }
        problem(c, key, lessonIssue(lessons, lessonId, sub.classId, sub.subjectId), typed);
        return false;
    };
    auto assignmentOk = [&](const std::string& key, std::int64_t assignmentId,
                            const std::string& typed) {
        if (auto a = c.assignments.find(assignmentId); a != c.assignments.end()) {
            c.touched.insert(a->second.lessonId);
            return true;
        }
        auto a = book.assignment(assignmentId);
        problem(c, key,
                a ? lessonIssue(lessons, a->lessonId, sub.classId, sub.subjectId)
                  : Issue::AssignmentNotHere,
                typed);
        return false;
    };

    // Homework first: a mark on a lesson's new assignment needs to know whether it is made.
    std::map<std::int64_t, const AssignmentEdit*> newOfLesson;
    for (const auto& e : sub.assignments) {
        if (e.assignmentId) {
            if (!assignmentOk(e.key, e.assignmentId, "")) continue;
            const auto& old = c.assignments[e.assignmentId];
            if (auto a = editedAssignment(c, e, c.lessons[old.lessonId], old)) {
                if (!sameHomework(*a, old)) c.homework.push_back({e.key, *a, old});
            }
        } else if (lessonOk(e.key, e.lessonId, "")) {
            newOfLesson[e.lessonId] = &e;
        }
    }
    std::set<std::int64_t> markedNew;
    std::vector<AssignmentEdit> defaults;  // marks on a new assignment whose fields were not sent
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

    std::vector<std::int64_t> markedIds;
    for (const auto& m : sub.marks)
        if (m.assignmentId) markedIds.push_back(m.assignmentId);
    for (auto& [lessonId, id] : c.reusedOn) markedIds.push_back(id);
    std::map<std::pair<std::int64_t, std::int64_t>, store::journal::StudentMark> existing;
    for (auto& m : book.marksOn(markedIds)) existing[{m.studentId, m.assignmentId}] = m;

    for (const auto& m : sub.marks) {
        auto parsed = domain::journal::parseMarkEntry(m.text, scale_);
        auto was = shownMark(m.shown, scale_);
        if (parsed.problem == domain::journal::MarkProblem::None && was == parsed.entry)
            continue;  // as the form showed it: not the keeper's change
        if (!c.students.count(m.studentId)) {
            problem(c, m.key, Issue::StudentNotInClass, m.text);
            continue;
        }
        std::int64_t assignmentId = m.assignmentId;
        if (assignmentId) {
            if (!assignmentOk(m.key, assignmentId, m.text)) continue;
        } else if (!lessonOk(m.key, m.lessonId, m.text)) {
            continue;
        }
        if (parsed.problem != domain::journal::MarkProblem::None) {
            problem(c, m.key,
                    parsed.problem == domain::journal::MarkProblem::OutOfScale
                        ? Issue::MarkOutOfScale
                        : Issue::MarkUnreadable,
                    m.text);
            continue;
        }
        std::int64_t newOf = 0;
        if (!assignmentId) {
            if (auto reused = c.reusedOn.find(m.lessonId); reused != c.reusedOn.end())
                assignmentId = reused->second;
            else if (c.addedOn.count(m.lessonId))
                newOf = m.lessonId;
            else
                continue;  // an empty cell of a new assignment not made
        }
        std::optional<MarkEntry> old;
        std::string comment;
        if (auto e = existing.find({m.studentId, assignmentId});
            assignmentId && e != existing.end()) {
            old = e->second.entry;
            comment = e->second.comment;
        }
        MarkEntry before = old.value_or(MarkEntry{});
        if (before == parsed.entry) continue;
        if (was != before) {
            changedMeanwhile(c, m.key, m.text, cellText(before));
            continue;
        }
        c.marks.push_back({m.key, {m.studentId, assignmentId, parsed.entry, comment}, old, newOf});
    }

    std::map<std::pair<std::int64_t, std::int64_t>, std::string> absent;
    {
        std::set<std::int64_t> asked;
        for (const auto& a : sub.absences)
            if (c.lessons.count(a.lessonId)) asked.insert(a.lessonId);
        for (auto& a : book.absencesOn({asked.begin(), asked.end()}))
            absent[{a.studentId, a.lessonId}] = a.code;
    }
    for (const auto& a : sub.absences) {
        std::string code = domain::collapseSpaces(a.code), was = domain::collapseSpaces(a.shown);
        if (code == was) continue;  // as the form showed it
        if (!c.students.count(a.studentId)) {
            problem(c, a.key, Issue::StudentNotInClass, a.code);
            continue;
        }
        if (!lessonOk(a.key, a.lessonId, a.code)) continue;
        if (!code.empty() && !c.kinds.count(code)) {
            problem(c, a.key, Issue::UnknownAbsenceCode, a.code);
            continue;
        }
        std::string old = absent[{a.studentId, a.lessonId}];
        if (old == code) continue;
        if (old != was) {
            changedMeanwhile(c, a.key, code, old);
            continue;
        }
        c.absences.push_back({a.key, {a.studentId, a.lessonId, code}, old});
    }

    // A lesson of the journal the keeper may not write (a substitute's colleague's, or any
    // lesson for one who only reads): refused whole, as the journal would be.
    for (auto id : c.touched) {
        if (c.writable.count(id)) continue;
        auditDenied(s, accountId, "journal.save", sub.classId, sub.subjectId,
                    reads ? "read_only" : "denied", clientAddress);
        tx.commit();
        return {reads ? SaveOutcome::ReadOnly : SaveOutcome::NotFound, 0, {}};
    }

    if (!c.problems.empty()) {
        auto outcome =
            allChangedMeanwhile(c.problems) ? SaveOutcome::Changed : SaveOutcome::Invalid;
        return {outcome, 0, std::move(c.problems)};
    }

    auto at = clock_.unixSeconds();
    store::AuditLog audit(db_, s);
    auto record = [&](const char* action, const std::string& subject, const std::string& outcome,
                      const std::string& detail) {
        store::AuditEvent e{at, accountId, action, subject, clientAddress, outcome};
        e.detail = detail;
        audit.record(e);
    };
    std::map<std::int64_t, std::int64_t> madeFor;  // lesson → its new assignment
    for (auto& h : c.homework) {
        if (!h.old) {
            h.assignment.id = book.addAssignment(h.assignment, accountId, at);
            madeFor[h.assignment.lessonId] = h.assignment.id;
            record("journal.homework", "assignment:" + std::to_string(h.assignment.id), "added",
                   change("", "type:" + std::to_string(h.assignment.typeId) +
                                  " weight:" + std::to_string(h.assignment.weight) + " due:" +
                                  h.assignment.dueDate.iso() + " «" + h.assignment.text + "»"));
            continue;
        }
        if (!book.replaceAssignment(h.assignment, *h.old, accountId, at)) throw Raced{h.key, ""};
        std::string detail;
        auto field = [&](const char* name, const std::string& from, const std::string& to) {
            if (from == to) return;
            if (!detail.empty()) detail += "; ";
            detail += std::string(name) + ": " + change(from, to);
        };
        field("type", std::to_string(h.old->typeId), std::to_string(h.assignment.typeId));
        field("text", h.old->text, h.assignment.text);
        field("weight", std::to_string(h.old->weight), std::to_string(h.assignment.weight));
        field("due", h.old->dueDate.iso(), h.assignment.dueDate.iso());
        record("journal.homework", "assignment:" + std::to_string(h.assignment.id), "changed",
               detail);
    }
    for (auto& m : c.marks) {
        if (m.newOfLesson) m.mark.assignmentId = madeFor[m.newOfLesson];
        if (!book.replaceMark(m.mark, m.old, accountId, at))
            throw Raced{m.key, cellText(m.mark.entry)};
        record("journal.mark",
               subjectOf("account", m.mark.studentId, "assignment", m.mark.assignmentId), "ok",
               change(m.old ? cellText(*m.old) : "", cellText(m.mark.entry)));
    }
    for (auto& a : c.absences) {
        if (!book.replaceAbsence(a.absence, a.old, accountId, at))
            throw Raced{a.key, a.absence.code};
        record("journal.absence",
               subjectOf("account", a.absence.studentId, "lesson", a.absence.lessonId), "ok",
               change(a.old, a.absence.code));
    }
    tx.commit();
    int changes = static_cast<int>(c.homework.size() + c.marks.size() + c.absences.size());
    return {SaveOutcome::Saved, changes, {}};
}

}  // namespace netcity::flows::journal
