#include "flows/journal/Diary.h"

#include <algorithm>
#include <map>

#include "domain/journal/AssignmentKind.h"
#include "flows/journal/DiaryRules.h"
#include "store/AccountRepository.h"
#include "store/journal/AnnouncementRepository.h"
#include "store/journal/DiaryRepository.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/LessonRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/StudentRepository.h"
#include "store/journal/TeachingRepository.h"

namespace netcity::flows::journal {
namespace {

using domain::CalendarDate;
using domain::journal::MarkEntry;

DiaryStudent studentOf(const store::journal::StudentPlace& p) {
    return {p.accountId, p.name, p.organizationId, p.classId, p.organizationName, p.className};
}

std::optional<DiaryMark> markOf(const store::journal::StudentMark& m) {
    if (m.entry.kind == MarkEntry::Kind::Clear) return std::nullopt;
    DiaryMark out;
    out.duty = m.entry.kind == MarkEntry::Kind::Duty;
    if (!out.duty) out.mark = m.entry.mark;
    out.comment = m.comment;
    return out;
}

DiaryAssignment assignmentOf(const store::journal::Assignment& a,
                             const std::map<std::int64_t, store::journal::AssignmentType>& types) {
    DiaryAssignment out{a.id, a.lessonId, a.typeId, "", "", a.text, a.dueDate, a.weight, {}};
    if (auto it = types.find(a.typeId); it != types.end()) {
        out.typeName = it->second.name;
        out.typeAbbr = it->second.abbr;
    }
    return out;
}

std::map<std::int64_t, store::journal::AssignmentType> typesById(
    store::journal::GradebookRepository& gradebook) {
    std::map<std::int64_t, store::journal::AssignmentType> out;
    for (auto& t : gradebook.assignmentTypes()) out[t.id] = t;
    return out;
}

}  // namespace

CalendarDate Diary::today() const {
    return zone_.dateAt(clock_.unixSeconds());
}

std::vector<DiaryStudent> Diary::students(Poco::Data::Session& s, std::int64_t viewerId) {
    auto account = store::AccountRepository(db_, s).byId(viewerId);
    if (!account || account->blocked) return {};
    store::journal::StudentRepository repository(db_, s);
    std::vector<DiaryStudent> out;
    if (account->roles.count(domain::Role::Student))
        if (auto self = repository.student(viewerId)) out.push_back(studentOf(*self));
    if (account->roles.count(domain::Role::Parent))
        for (const auto& child : repository.childrenOf(account->personId))
            if (child.accountId != viewerId) out.push_back(studentOf(child));
    return out;
}

Diary::Reader Diary::reader(Poco::Data::Session& s, std::int64_t viewerId,
                            std::optional<std::int64_t> studentId) {
    Reader r;
    r.students = students(s, viewerId);
    if (r.students.empty()) {
        r.outcome = studentId ? Outcome::NotFound : Outcome::NoStudents;
        return r;
    }
    auto chosen = std::find_if(r.students.begin(), r.students.end(), [&](const auto& st) {
        return !studentId || st.accountId == *studentId;
    });
    if (chosen == r.students.end()) return r;  // NotFound
    r.student = *chosen;
    r.outcome = Outcome::Shown;
    return r;
}

std::vector<DiaryLesson> Diary::lessons(Poco::Data::Session& s, const DiaryStudent& student,
                                        const CalendarDate& from, const CalendarDate& to) {
    if (!student.classId) return {};
    auto found = store::journal::LessonRepository(db_, s).ofClass(student.classId, from, to);
    if (found.empty()) return {};
    auto bells = store::journal::SchoolYearRepository(db_, s).bells(student.organizationId);
    store::journal::GradebookRepository gradebook(db_, s);
    std::vector<std::int64_t> lessonIds;
    for (const auto& l : found) lessonIds.push_back(l.id);
    auto assignments = gradebook.assignmentsOf(lessonIds);
    std::vector<std::int64_t> assignmentIds;
    for (const auto& a : assignments) assignmentIds.push_back(a.id);
    std::map<std::int64_t, store::journal::StudentMark> marks;
    for (auto& m : gradebook.marksOf(student.accountId, assignmentIds)) marks[m.assignmentId] = m;
    std::map<std::string, std::string> kinds;
    for (auto& k : gradebook.attendanceKinds()) kinds[k.code] = k.name;
    std::map<std::int64_t, std::string> absences;
    for (auto& a : store::journal::DiaryRepository(db_, s).absencesOf(student.accountId, lessonIds))
        absences[a.lessonId] = a.code;
    auto types = typesById(gradebook);

    std::vector<DiaryLesson> out;
    std::map<std::int64_t, std::size_t> index;
    for (const auto& l : found) {
        DiaryLesson d;
        d.id = l.id;
        d.day = l.date;
        d.number = l.number;
        if (auto bell = bells.of(l.number)) {
            d.startTime = bell->starts;
            d.endTime = bell->ends;
        }
        d.subjectId = l.subjectId;
        d.subjectName = l.subjectName;
        d.room = l.room;
        d.topic = l.topic;
        d.cancelled = l.cancelled;
        if (auto it = absences.find(l.id); it != absences.end()) {
            d.absenceCode = it->second;
            d.absenceName = kinds[it->second];
        }
        index[l.id] = out.size();
        out.push_back(std::move(d));
    }
    for (const auto& a : assignments) {
        auto item = assignmentOf(a, types);
        if (auto it = marks.find(a.id); it != marks.end()) item.mark = markOf(it->second);
        out[index[a.lessonId]].assignments.push_back(std::move(item));
    }
    return out;
}

std::vector<SubjectAverage> Diary::averages(Poco::Data::Session& s, const DiaryStudent& student,
                                            const domain::journal::Term& term) {
    std::vector<std::pair<std::int64_t, std::string>> subjects;
    if (student.classId)
        for (const auto& t :
             store::journal::TeachingRepository(db_, s).teachingOfClass(student.classId))
            if (std::none_of(subjects.begin(), subjects.end(),
                             [&](const auto& p) { return p.first == t.subjectId; }))
                subjects.emplace_back(t.subjectId, t.subjectName);
    std::vector<SubjectMarkFact> facts;
    for (const auto& m : store::journal::DiaryRepository(db_, s).marksBetween(
             student.accountId, term.startsOn, term.endsOn))
        facts.push_back({m.subjectId, m.subjectName, {m.entry, m.weight}});
    return subjectAverages(subjects, facts);
}

Diary::WeekView Diary::week(Poco::Data::Session& s, std::int64_t viewerId,
                            std::optional<std::int64_t> studentId,
                            std::optional<CalendarDate> day) {
    WeekView v;
    v.reader = reader(s, viewerId, studentId);
    v.today = today();
    if (v.reader.outcome != Outcome::Shown) return v;
    auto monday = day.value_or(v.today).monday();
    v.week = arrangeWeek(monday, lessons(s, v.reader.student, monday, monday.plusDays(5)));
    auto year = store::journal::SchoolYearRepository(db_, s).currentYear(
        v.reader.student.organizationId, v.today);
    if (!year) return v;
    v.termKind = year->termKind;
    v.term = year->termFor(v.today);
    if (v.term) v.averages = averages(s, v.reader.student, *v.term);
    return v;
}

Diary::OverdueView Diary::overdue(Poco::Data::Session& s, std::int64_t viewerId,
                                  std::optional<std::int64_t> studentId) {
    OverdueView v;
    v.reader = reader(s, viewerId, studentId);
    v.today = today();
    if (v.reader.outcome != Outcome::Shown || !v.reader.student.classId) return v;
    const auto& student = v.reader.student;
    auto year =
        store::journal::SchoolYearRepository(db_, s).currentYear(student.organizationId, v.today);
    if (!year) return v;
    store::journal::GradebookRepository gradebook(db_, s);
    auto homework = gradebook.assignmentType(std::string(domain::journal::kHomeworkTypeName));
    auto types = typesById(gradebook);
    for (const auto& u : store::journal::DiaryRepository(db_, s).unmarkedDue(
             student.accountId, student.classId, year->startsOn, v.today.plusDays(-1))) {
        auto item = assignmentOf(u.assignment, types);
        if (u.duty) item.mark = DiaryMark{std::nullopt, true, u.comment};
        if (isOverdue(item, homework ? homework->id : 0, v.today))
            v.assignments.push_back({std::move(item), u.subjectName, u.lessonDate});
    }
    return v;
}

Diary::AnnouncementsView Diary::announcements(Poco::Data::Session& s, std::int64_t viewerId,
                                              std::optional<std::int64_t> studentId) {
    AnnouncementsView v;
    v.reader = reader(s, viewerId, studentId);
    if (v.reader.outcome != Outcome::Shown) return v;
    const auto& student = v.reader.student;
    for (auto& a : store::journal::AnnouncementRepository(db_, s).forClass(
             student.organizationId, student.classId, kAnnouncementLimit))
        v.announcements.push_back({a.id, a.title, a.body, a.authorName, a.authorId, a.postedAt});
    return v;
}

std::vector<Diary::Glance> Diary::glance(Poco::Data::Session& s, std::int64_t viewerId) {
    std::vector<Glance> out;
    auto day = today();
    for (const auto& student : students(s, viewerId)) {
        Glance g{student, {}, {}};
        auto recent = lessons(s, student, day.plusDays(1 - kGlanceDays), day);
        for (auto it = recent.rbegin(); it != recent.rend(); ++it)
            for (const auto& a : it->assignments) {
                if (it->day == day && a.typeName == domain::journal::kHomeworkTypeName)
                    g.homework.push_back({a, it->subjectName, it->day});
                if (a.mark) g.marks.push_back({a, it->subjectName, it->day});
            }
        std::reverse(g.homework.begin(), g.homework.end());
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace netcity::flows::journal
