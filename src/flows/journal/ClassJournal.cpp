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

// Days from the span to `day`: 0 inside it.
long long daysTo(const domain::journal::DateSpan& span, const domain::CalendarDate& day) {
    auto apart = [](const domain::CalendarDate& a, const domain::CalendarDate& b) {
        return (b.unixSeconds() - a.unixSeconds()) / 86400;
    };
    if (day < span.from) return apart(day, span.from);
    if (day > span.to) return apart(span.to, day);
    return 0;
}

// The month a period asks for, when it is one of the term's; otherwise the one nearest today
// that has lessons to show: today's while the term runs, its last after it ended (the
// holidays), its first before it begins — but a month cut to a day or two of the term where
// this subject has no lesson is passed over for the nearest with some. Unset for the whole term.
std::optional<std::size_t> shownMonth(const std::vector<domain::journal::DateSpan>& months,
                                      const ClassJournal::Period& period,
                                      const domain::CalendarDate& today,
                                      const std::vector<store::journal::Lesson>& lessons) {
    if (period.wholeTerm || months.empty()) return std::nullopt;
    auto sameMonth = [](const domain::CalendarDate& a, const domain::CalendarDate& b) {
        return a.year() == b.year() && a.month() == b.month();
    };
    for (std::size_t i = 0; period.month && i < months.size(); ++i)
        if (sameMonth(months[i].from, *period.month)) return i;
    auto hasLessons = [&](const domain::journal::DateSpan& m) {
        for (const auto& l : lessons)
            if (m.contains(l.date)) return true;
        return false;
    };
    std::optional<std::size_t> nearest;
    for (bool withLessons : {true, false}) {
        for (std::size_t i = 0; i < months.size(); ++i) {
            if (withLessons && !hasLessons(months[i])) continue;
            if (!nearest || daysTo(months[i], today) < daysTo(months[*nearest], today)) nearest = i;
        }
        if (nearest) return nearest;
    }
    return nearest;
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
    auto found =
        store::journal::TeachingRepository(db_, s).journalPlace(classId, subjectId, k.accountId);
    if (!found) return std::nullopt;
    auto right = rightTo(k, {found->subjectOrganizationId, classId, subjectId, {}});
    return Choice{classId,
                  found->className,
                  subjectId,
                  found->subjectName,
                  found->subjectOrganizationId,
                  right,
                  found->keeperGivesLessons};
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
                                        std::int64_t subjectId, const Period& period,
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
    auto chosenT = year ? chosenTerm(*year, period.term, today_) : std::nullopt;
    if (!chosenT) {
        opened.outcome = OpenOutcome::NoYear;
        opened.grid.place = *chosen;
        return opened;
    }
    Grid& g = opened.grid;
    g.place = *chosen;
    g.year = std::move(*year);
    g.term = *chosenT;
    g.months = domain::journal::monthsOf(g.term);
    auto termLessons = shownLessons(s, *keeper, g);
    g.month = shownMonth(g.months, period, today_, termLessons);
    g.shown =
        g.month ? g.months[*g.month] : domain::journal::DateSpan{g.term.startsOn, g.term.endsOn};
    g.averages = canRead(chosen->right);
    fill(g, *keeper, s, std::move(termLessons));
    opened.outcome = OpenOutcome::Shown;
    return opened;
}

// The term's lessons of the grid's class and subject that the keeper may see.
std::vector<store::journal::Lesson> ClassJournal::shownLessons(
    Poco::Data::Session& s, const domain::journal::JournalKeeper& keeper, const Grid& g) {
    domain::journal::JournalPlace journal{
        g.place.organizationId, g.place.classId, g.place.subjectId, {}};
    std::vector<store::journal::Lesson> shown;
    for (auto& l : store::journal::LessonRepository(db_, s).ofSubject(
             g.place.classId, g.place.subjectId, g.term.startsOn, g.term.endsOn))
        if (domain::journal::lessonAccess(keeper, journal, l.teacherId).shown)
            shown.push_back(std::move(l));
    return shown;
}

// The shown month's lessons (of `termLessons`) as columns with their assignments, the class's
// students as rows with their marks and absences in those columns, and — for a keeper who reads
// the whole journal — each student's average over the term.
void ClassJournal::fill(Grid& g, const domain::journal::JournalKeeper& keeper,
                        Poco::Data::Session& s, std::vector<store::journal::Lesson> termLessons) {
    store::journal::GradebookRepository book(db_, s);
    auto classId = g.place.classId, subjectId = g.place.subjectId;
    domain::journal::JournalPlace journal{g.place.organizationId, classId, subjectId, {}};
    std::map<std::int64_t, std::size_t> columnOf;
    for (auto& l : termLessons) {
        if (!g.shown.contains(l.date)) continue;
        bool writes = domain::journal::lessonAccess(keeper, journal, l.teacherId).writes;
        columnOf[l.id] = g.columns.size();
        g.columns.push_back({std::move(l), {}, writes});
    }
    for (auto& a : book.assignmentsOfSubject(classId, subjectId, g.shown.from, g.shown.to))
        if (auto col = columnOf.find(a.lessonId); col != columnOf.end())
            g.columns[col->second].assignments.push_back(std::move(a));
    std::map<std::int64_t, std::size_t> rowOf;
    for (auto& student : store::journal::TeachingRepository(db_, s).studentsOf(classId)) {
        rowOf[student.accountId] = g.rows.size();
        g.rows.push_back({std::move(student), {}, {}, std::nullopt});
    }
    std::vector<std::vector<domain::journal::WeightedMark>> weighted(g.rows.size());
    // The term's marks when the averages are shown, else only the shown month's.
    auto from = g.averages ? g.term.startsOn : g.shown.from;
    auto to = g.averages ? g.term.endsOn : g.shown.to;
    for (auto& m : book.marksOfSubject(classId, subjectId, from, to)) {
        auto row = rowOf.find(m.mark.studentId);
        if (row == rowOf.end()) continue;  // left the class: not in this journal
        weighted[row->second].push_back({m.mark.entry, m.weight});
        if (columnOf.count(m.lessonId))
            g.rows[row->second].marks[m.mark.assignmentId] = m.mark.entry;
    }
    for (auto& a : book.absencesOfSubject(classId, subjectId, g.shown.from, g.shown.to))
        if (auto row = rowOf.find(a.studentId); row != rowOf.end() && columnOf.count(a.lessonId))
            g.rows[row->second].absences[a.lessonId] = std::move(a.code);
    if (g.averages)
        for (std::size_t i = 0; i < g.rows.size(); ++i)
            g.rows[i].average = domain::journal::weightedAverage(weighted[i]);
    auto lists = book.lists();
    g.types = std::move(lists.types);
    g.kinds = std::move(lists.kinds);
}

}  // namespace netcity::flows::journal
