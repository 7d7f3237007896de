// ClassJournal::save's writes: each change states what it replaces, so that one committed by
// someone else since the check is caught (Raced), and each is audited with its old and new value.
#include "flows/journal/ClassJournalSaveSteps.h"

namespace netcity::flows::journal::save {

namespace {

std::string shown(const std::string& value) {
    return value.empty() ? "\xE2\x80\x94" /* — */ : value;
}

std::string change(const std::string& from, const std::string& to) {
    return shown(from) + " \xE2\x86\x92 " + shown(to);  // «4 → 5»
}

std::string subjectOf(const char* a, std::int64_t x, const char* b, std::int64_t y) {
    return std::string(a) + ":" + std::to_string(x) + " " + b + ":" + std::to_string(y);
}

// What an assignment's change changed, field by field: «weight: 1 → 3; due: …».
std::string homeworkDetail(const store::journal::Assignment& from,
                           const store::journal::Assignment& to) {
    std::string detail;
    auto field = [&](const char* name, const std::string& was, const std::string& is) {
        if (was == is) return;
        if (!detail.empty()) detail += "; ";
        detail += std::string(name) + ": " + change(was, is);
    };
    field("type", std::to_string(from.typeId), std::to_string(to.typeId));
    field("text", from.text, to.text);
    field("weight", std::to_string(from.weight), std::to_string(to.weight));
    field("due", from.dueDate.iso(), to.dueDate.iso());
    return detail;
}

}  // namespace

int write(Context& c, store::journal::GradebookRepository& book, store::AuditLog& audit,
          std::int64_t by, std::int64_t at, const std::string& clientAddress) {
    auto record = [&](const char* action, const std::string& subject, const std::string& outcome,
                      const std::string& detail) {
        store::AuditEvent e{at, by, action, subject, clientAddress, outcome};
        e.detail = detail;
        audit.record(e);
    };
    std::map<std::int64_t, std::int64_t> madeFor;  // lesson → its new assignment
    for (auto& h : c.homework) {
        if (!h.old) {
            h.assignment.id = book.addAssignment(h.assignment, by, at);
            madeFor[h.assignment.lessonId] = h.assignment.id;
            record("journal.homework", "assignment:" + std::to_string(h.assignment.id), "added",
                   change("", "type:" + std::to_string(h.assignment.typeId) +
                                  " weight:" + std::to_string(h.assignment.weight) + " due:" +
                                  h.assignment.dueDate.iso() + " «" + h.assignment.text + "»"));
            continue;
        }
        if (!book.replaceAssignment(h.assignment, *h.old, by, at)) throw Raced{h.key, ""};
        record("journal.homework", "assignment:" + std::to_string(h.assignment.id), "changed",
               homeworkDetail(*h.old, h.assignment));
    }
    for (auto& m : c.marks) {
        if (m.newOfLesson) m.mark.assignmentId = madeFor[m.newOfLesson];
        if (!book.replaceMark(m.mark, m.old, by, at)) throw Raced{m.key, cellText(m.mark.entry)};
        record("journal.mark",
               subjectOf("account", m.mark.studentId, "assignment", m.mark.assignmentId), "ok",
               change(m.old ? cellText(*m.old) : "", cellText(m.mark.entry)));
    }
    for (auto& a : c.absences) {
        if (!book.replaceAbsence(a.absence, a.old, by, at)) throw Raced{a.key, a.absence.code};
        record("journal.absence",
               subjectOf("account", a.absence.studentId, "lesson", a.absence.lessonId), "ok",
               change(a.old, a.absence.code));
    }
    return static_cast<int>(c.homework.size() + c.marks.size() + c.absences.size());
}

}  // namespace netcity::flows::journal::save
