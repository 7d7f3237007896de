// ClassJournal::save's cells of students: marks and absences, each a change only where the
// keeper typed something else than the form showed, and refused where someone else changed the
// cell since (the value stored now is named).
#include "domain/Utf8Text.h"
#include "flows/journal/ClassJournalSaveSteps.h"

namespace netcity::flows::journal::save {

using domain::journal::MarkEntry;

namespace {

// A mark's field as the form showed it; nullopt when the form says something no cell shows.
std::optional<MarkEntry> shownMark(const std::string& text, const domain::journal::MarkScale& s) {
    auto parsed = domain::journal::parseMarkEntry(text, s);
    if (parsed.problem != domain::journal::MarkProblem::None) return std::nullopt;
    return parsed.entry;
}

}  // namespace

void checkMarks(Check& check, const ClassJournal::Submission& sub,
                const domain::journal::MarkScale& scale) {
    Context& c = check.c;
    std::vector<std::int64_t> markedIds;
    for (const auto& m : sub.marks)
        if (m.assignmentId) markedIds.push_back(m.assignmentId);
    for (auto& [lessonId, id] : c.reusedOn) markedIds.push_back(id);
    std::map<std::pair<std::int64_t, std::int64_t>, store::journal::StudentMark> existing;
    for (auto& m : check.book.marksOn(markedIds)) existing[{m.studentId, m.assignmentId}] = m;

    for (const auto& m : sub.marks) {
        auto parsed = domain::journal::parseMarkEntry(m.text, scale);
        auto was = shownMark(m.shown, scale);
        if (parsed.problem == domain::journal::MarkProblem::None && was == parsed.entry)
            continue;  // as the form showed it: not the keeper's change
        if (!c.students.count(m.studentId)) {
            problem(c, m.key, Issue::StudentNotInClass, m.text);
            continue;
        }
        std::int64_t assignmentId = m.assignmentId;
        if (assignmentId) {
            if (!check.assignmentOk(m.key, assignmentId, m.text)) continue;
        } else if (!check.lessonOk(m.key, m.lessonId, m.text)) {
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
}

void checkAbsences(Check& check, const ClassJournal::Submission& sub) {
    Context& c = check.c;
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> absent;
    {
        std::set<std::int64_t> asked;
        for (const auto& a : sub.absences)
            if (c.lessons.count(a.lessonId)) asked.insert(a.lessonId);
        for (auto& a : check.book.absencesOn({asked.begin(), asked.end()}))
            absent[{a.studentId, a.lessonId}] = a.code;
    }
    for (const auto& a : sub.absences) {
        std::string code = domain::collapseSpaces(a.code), was = domain::collapseSpaces(a.shown);
        if (code == was) continue;  // as the form showed it
        if (!c.students.count(a.studentId)) {
            problem(c, a.key, Issue::StudentNotInClass, a.code);
            continue;
        }
        if (!check.lessonOk(a.key, a.lessonId, a.code)) continue;
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
}

}  // namespace netcity::flows::journal::save
