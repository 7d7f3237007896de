// ClassJournal::save: one POST with every cell of the grid. Everything is checked first, then
// only what the keeper changed and what really differs from the database is written, in one
// transaction, each change audited with its old and new value — so a double submit writes and
// audits nothing. A field stored differently since the form was shown (another tab, another
// teacher) is refused and nothing is written; each write states what it replaces, so a change
// committed between the check and the write is caught too, and the save is checked again.
#include <charconv>

#include "domain/Utf8Text.h"
#include "flows/journal/ClassJournalSaveSteps.h"
#include "store/journal/SchoolYearRepository.h"

namespace netcity::flows::journal {

using domain::CalendarDate;

namespace save {

std::optional<std::int64_t> number(const std::string& text) {
    std::int64_t n = 0;
    auto end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, n);
    if (text.empty() || ec != std::errc{} || p != end) return std::nullopt;
    return n;
}

void problem(Context& c, const std::string& key, Issue issue, const std::string& typed) {
    c.problems.push_back({key, issue, typed, std::nullopt});
}

void changedMeanwhile(Context& c, const std::string& key, const std::string& typed,
                      const std::string& current) {
    c.problems.push_back({key, Issue::ChangedMeanwhile, typed, current});
}

namespace {

// Why a lesson outside this journal's open lessons is refused.
Issue lessonIssue(store::journal::LessonRepository& lessons, std::int64_t lessonId,
                  std::int64_t classId, std::int64_t subjectId) {
    auto l = lessons.lesson(lessonId);
    if (l && l->classId == classId && l->subjectId == subjectId && l->cancelled)
        return Issue::LessonCancelled;
    return Issue::LessonNotHere;
}

}  // namespace

bool Check::lessonOk(const std::string& key, std::int64_t lessonId, const std::string& typed) {
    if (c.lessons.count(lessonId)) {
        c.touched.insert(lessonId);
        return true;
    }
    problem(c, key, lessonIssue(lessons, lessonId, classId, subjectId), typed);
    return false;
}

bool Check::assignmentOk(const std::string& key, std::int64_t assignmentId,
                         const std::string& typed) {
    if (auto a = c.assignments.find(assignmentId); a != c.assignments.end()) {
        c.touched.insert(a->second.lessonId);
        return true;
    }
    auto a = book.assignment(assignmentId);
    problem(c, key,
            a ? lessonIssue(lessons, a->lessonId, classId, subjectId) : Issue::AssignmentNotHere,
            typed);
    return false;
}

namespace {

constexpr int kAttempts = 3;  // checks of a save that lost a race to a write

bool allChangedMeanwhile(const std::vector<ClassJournal::Problem>& problems) {
    for (const auto& p : problems)
        if (p.issue != Issue::ChangedMeanwhile) return false;
    return true;
}

// The lessons to which the submission would add a new assignment: its homework text typed, or
// a mark in its column.
std::vector<std::int64_t> gettingNew(const Context& c, const ClassJournal::Submission& sub) {
    std::set<std::int64_t> lessons;
    auto typed = [](const std::string& text) { return !domain::collapseSpaces(text).empty(); };
    for (const auto& e : sub.assignments)
        if (!e.assignmentId && e.text && typed(e.text->typed) && c.lessons.count(e.lessonId))
            lessons.insert(e.lessonId);
    for (const auto& m : sub.marks)
        if (!m.assignmentId && typed(m.text) && c.lessons.count(m.lessonId))
            lessons.insert(m.lessonId);
    return {lessons.begin(), lessons.end()};
}

// What the journal holds now for the class and subject, as the keeper may write it.
void read(Context& c, Poco::Data::Session& s, store::Database& db,
          const domain::journal::JournalKeeper& keeper, const domain::journal::JournalPlace& place,
          const ClassJournal::Submission& sub) {
    store::journal::LessonRepository lessons(db, s);
    store::journal::GradebookRepository book(db, s);
    store::journal::SchoolYearRepository years(db, s);
    store::journal::TeachingRepository teaching(db, s);
    for (auto& l : lessons.ofSubject(sub.classId, sub.subjectId, *CalendarDate::make(1900, 1, 1),
                                     *CalendarDate::make(2999, 12, 31))) {
        if (!c.years.count(l.yearId))
            if (auto y = years.year(l.yearId)) c.years[l.yearId] = *y;
        c.lessons[l.id] = l;
        if (domain::journal::lessonAccess(keeper, place, l.teacherId).writes)
            c.writable.insert(l.id);
    }
    std::vector<std::int64_t> lessonIds;
    for (auto& [id, _] : c.lessons) lessonIds.push_back(id);
    // Another tab's save adding the same lesson's new homework waits here, so that this one
    // reads what it made ("the same new homework sent twice") instead of making it again.
    book.holdLessons(gettingNew(c, sub));
    for (auto& a : book.assignmentsOf(lessonIds)) c.assignments[a.id] = a;
    for (auto& st : teaching.studentsOf(sub.classId)) c.students.insert(st.accountId);
    for (auto& t : book.assignmentTypes()) {
        if (c.types.empty()) c.firstType = t.id;
        c.types.insert(t.id);
    }
    for (auto& k : book.attendanceKinds()) c.kinds.insert(k.code);
}

}  // namespace
}  // namespace save

ClassJournal::Saved ClassJournal::save(std::int64_t accountId, const Submission& sub,
                                       const std::string& clientAddress) {
    auto s = db_.session();
    for (int attempt = 1;; ++attempt) {
        try {
            return saveOnce(s, accountId, sub, clientAddress);
        } catch (const save::Raced& raced) {  // rolled back; checked again against what won
            if (attempt == save::kAttempts)
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
    Context c;
    save::read(c, s, db_, *keeper, {chosen->organizationId, sub.classId, sub.subjectId, {}}, sub);
    save::Check check{c, lessons, book, sub.classId, sub.subjectId};
    save::checkHomework(check, sub);
    save::checkMarks(check, sub, scale_);
    save::checkAbsences(check, sub);

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
            save::allChangedMeanwhile(c.problems) ? SaveOutcome::Changed : SaveOutcome::Invalid;
        return {outcome, 0, std::move(c.problems)};
    }

    store::AuditLog audit(db_, s);
    int changes = save::write(c, book, audit, accountId, clock_.unixSeconds(), clientAddress);
    tx.commit();
    return {SaveOutcome::Saved, changes, {}};
}

}  // namespace netcity::flows::journal
