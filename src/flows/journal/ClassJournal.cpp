#include "flows/journal/ClassJournal.h"

#include "domain/journal/MarkAverage.h"
#include "store/AuditLog.h"
#include "store/journal/SchoolYearRepository.h"

namespace netcity::flows::journal {

using domain::journal::JournalRight;
using store::journal::Teaching;

namespace {

// Every (class, subject) the keeper may see, whatever way they reach it.
std::vector<Teaching> candidates(store::journal::TeachingRepository& teaching,
                                 const domain::journal::JournalKeeper& k) {
    std::vector<Teaching> out = teaching.teachingOf(k.accountId);
    for (auto classId : k.classTeacherOf)
        for (auto& t : teaching.teachingOfClass(classId)) out.push_back(t);
    if (k.roles.count(domain::Role::Administrator))
        for (auto& t : teaching.teachingOfOrganization(k.organizationId)) out.push_back(t);
    return out;
}

// The journals the keeper gives lessons of this school year (a substitute's, among others).
std::vector<Teaching> substitutions(store::Database& db, Poco::Data::Session& s,
                                    const domain::journal::JournalKeeper& k,
                                    const domain::CalendarDate& today) {
    if (!k.roles.count(domain::Role::Teacher)) return {};
    auto year = store::journal::SchoolYearRepository(db, s).currentYear(k.organizationId, today);
    if (!year) return {};
    return store::journal::TeachingRepository(db, s).lessonsGivenBy(k.accountId, year->startsOn);
}

bool gives(const std::vector<Teaching>& given, std::int64_t classId, std::int64_t subjectId) {
    for (const auto& t : given)
        if (t.classId == classId && t.subjectId == subjectId) return true;
    return false;
}

std::optional<domain::journal::Term> chosenTerm(const domain::journal::SchoolYear& year,
                                                std::optional<int> number,
                                                const domain::CalendarDate& today) {
    if (number) {
        for (const auto& t : year.terms)
            if (t.number == *number) return t;
    }
    if (auto t = year.termFor(today)) return t;
    if (!year.terms.empty()) return year.terms.front();  // before the first term begins
    return std::nullopt;
}

}  // namespace

std::vector<ClassJournal::Choice> ClassJournal::choices(std::int64_t accountId) {
    auto s = db_.session();
    store::journal::TeachingRepository teaching(db_, s);
    auto keeper = teaching.keeper(accountId);
    if (!keeper) return {};
    auto given = substitutions(db_, s, *keeper, today_);
    auto all = candidates(teaching, *keeper);
    all.insert(all.end(), given.begin(), given.end());
    std::map<std::pair<std::string, std::string>, Choice> sorted;
    for (const auto& t : all) {
        auto right = rightTo(*keeper, {keeper->organizationId, t.classId, t.subjectId, {}});
        bool substitute = gives(given, t.classId, t.subjectId);
        if (!canRead(right) && !substitute) continue;
        sorted[{t.className, t.subjectName}] =
            Choice{t.classId, t.className, t.subjectId, t.subjectName, keeper->organizationId,
                   right,     substitute};
    }
    std::vector<Choice> out;
    for (auto& [_, c] : sorted) out.push_back(c);
    return out;
}

bool ClassJournal::hasJournal(std::int64_t accountId) {
    auto s = db_.session();
    auto keeper = store::journal::TeachingRepository(db_, s).keeper(accountId);
    return keeper && (domain::journal::hasJournal(*keeper) ||
                      !substitutions(db_, s, *keeper, today_).empty());
}

// The place as the rule sees it: the subject's organization, not the keeper's word for it. A
// journal is a class's subject someone is assigned to teach, or whose lessons the keeper gives.
std::optional<ClassJournal::Choice> ClassJournal::place(Poco::Data::Session& s,
                                                        const domain::journal::JournalKeeper& k,
                                                        std::int64_t classId,
                                                        std::int64_t subjectId) {
    store::journal::TeachingRepository teaching(db_, s);
    auto organization = teaching.organizationOfSubject(subjectId);
    if (!organization) return std::nullopt;
    auto given = teaching.lessonsGivenBy(k.accountId, domain::CalendarDate{});
    auto journals = teaching.teachingOfClass(classId);
    journals.insert(journals.end(), given.begin(), given.end());
    for (const auto& t : journals) {
        if (t.classId != classId || t.subjectId != subjectId) continue;
        auto right = rightTo(k, {*organization, classId, subjectId, {}});
        return Choice{classId,
                      t.className,
                      subjectId,
                      t.subjectName,
                      *organization,
                      right,
                      gives(given, classId, subjectId)};
    }
    return std::nullopt;
}

void ClassJournal::auditDenied(Poco::Data::Session& s, std::int64_t accountId,
                               const std::string& action, std::int64_t classId,
                               std::int64_t subjectId, const std::string& outcome,
                               const std::string& clientAddress) {
    store::AuditLog(db_, s).record(
        {clock_.unixSeconds(), accountId, action,
         "class:" + std::to_string(classId) + " subject:" + std::to_string(subjectId),
         clientAddress, outcome});
}

ClassJournal::Opened ClassJournal::open(std::int64_t accountId, std::int64_t classId,
                                        std::int64_t subjectId, std::optional<int> term,
                                        const std::string& clientAddress) {
    auto s = db_.session();
    store::journal::TeachingRepository teaching(db_, s);
    auto keeper = teaching.keeper(accountId);
    auto chosen = keeper ? place(s, *keeper, classId, subjectId) : std::nullopt;
    if (!chosen || !(canRead(chosen->right) || chosen->givesLessons)) {
        auditDenied(s, accountId, "journal.open", classId, subjectId, "denied", clientAddress);
        return {};
    }
    Opened opened;
    auto year =
        store::journal::SchoolYearRepository(db_, s).currentYear(keeper->organizationId, today_);
    auto chosenT = year ? chosenTerm(*year, term, today_) : std::nullopt;
    if (!chosenT) {
        opened.outcome = OpenOutcome::NoYear;
        opened.grid.place = *chosen;
        return opened;
    }
    Grid& g = opened.grid;
    g.place = *chosen;
    g.year = *year;
    g.term = *chosenT;
    g.averages = canRead(chosen->right);
    store::journal::LessonRepository lessons(db_, s);
    store::journal::GradebookRepository book(db_, s);
    std::vector<std::int64_t> lessonIds, assignmentIds;
    std::map<std::int64_t, int> weightOf;
    domain::journal::JournalPlace journal{chosen->organizationId, classId, subjectId, {}};
    for (auto& l : lessons.ofSubject(classId, subjectId, g.term.startsOn, g.term.endsOn)) {
        auto access = domain::journal::lessonAccess(*keeper, journal, l.teacherId);
        if (!access.shown) continue;
        lessonIds.push_back(l.id);
        g.columns.push_back({l, {}, access.writes});
    }
    std::map<std::int64_t, std::size_t> columnOf;
    for (std::size_t i = 0; i < g.columns.size(); ++i) columnOf[g.columns[i].lesson.id] = i;
    for (auto& a : book.assignmentsOf(lessonIds)) {
        assignmentIds.push_back(a.id);
        weightOf[a.id] = a.weight;
        g.columns[columnOf[a.lessonId]].assignments.push_back(a);
    }
    std::map<std::int64_t, std::size_t> rowOf;
    for (auto& student : teaching.studentsOf(classId)) {
        rowOf[student.accountId] = g.rows.size();
        g.rows.push_back({student, {}, {}, std::nullopt});
    }
    std::map<std::int64_t, std::vector<domain::journal::WeightedMark>> weighted;
    for (auto& m : book.marksOn(assignmentIds)) {
        auto row = rowOf.find(m.studentId);
        if (row == rowOf.end()) continue;  // left the class: not in this journal
        g.rows[row->second].marks[m.assignmentId] = m.entry;
        weighted[m.studentId].push_back({m.entry, weightOf[m.assignmentId]});
    }
    for (auto& a : book.absencesOn(lessonIds))
        if (auto row = rowOf.find(a.studentId); row != rowOf.end())
            g.rows[row->second].absences[a.lessonId] = a.code;
    if (g.averages)
        for (auto& r : g.rows)
            r.average = domain::journal::weightedAverage(weighted[r.student.accountId]);
    g.types = book.assignmentTypes();
    g.kinds = book.attendanceKinds();
    opened.outcome = OpenOutcome::Shown;
    return opened;
}

}  // namespace netcity::flows::journal
