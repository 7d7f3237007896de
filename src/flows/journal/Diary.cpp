#include "flows/journal/Diary.h"

#include <algorithm>
#include <map>

#include "domain/journal/AssignmentKind.h"
#include "flows/journal/DiaryRules.h"
#include "store/journal/AnnouncementRepository.h"
#include "store/journal/DiaryRepository.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/StudentRepository.h"

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

DiaryLesson lessonOf(store::journal::DiaryRow& row) {
    DiaryLesson d;
    d.id = row.lessonId;
    d.day = row.date;
    d.number = row.number;
    auto starts = domain::journal::LessonTime::parse(row.bellStarts);
    auto ends = domain::journal::LessonTime::parse(row.bellEnds);
    if (starts && ends) {
        d.startTime = starts;
        d.endTime = ends;
    }
    d.subjectId = row.subjectId;
    d.subjectName = std::move(row.subjectName);
    d.room = std::move(row.room);
    d.topic = std::move(row.topic);
    d.cancelled = row.cancelled;
    d.absenceCode = std::move(row.absenceCode);
    d.absenceName = std::move(row.absenceName);
    return d;
}

// The rows of a lesson (one per assignment) as one lesson with its assignments.
std::vector<DiaryLesson> lessonsOf(std::vector<store::journal::DiaryRow> rows,
                                   std::int64_t studentId) {
    std::vector<DiaryLesson> out;
    for (auto& row : rows) {
        if (out.empty() || out.back().id != row.lessonId) out.push_back(lessonOf(row));
        if (!row.assignment.id) continue;
        DiaryAssignment item{row.assignment.id,
                             row.lessonId,
                             row.assignment.typeId,
                             std::move(row.typeName),
                             std::move(row.typeAbbr),
                             std::move(row.assignment.text),
                             row.assignment.dueDate,
                             row.assignment.weight,
                             std::nullopt};
        if (row.hasMark) item.mark = markOf({studentId, item.id, row.mark, row.comment});
        out.back().assignments.push_back(std::move(item));
    }
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
    std::vector<DiaryStudent> out;
    for (const auto& place : store::journal::StudentRepository(db_, s).readableBy(viewerId))
        out.push_back(studentOf(place));
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
    return lessonsOf(store::journal::DiaryRepository(db_, s).lessons(
                         student.accountId, student.classId, student.organizationId, from, to),
                     student.accountId);
}

std::vector<SubjectAverage> Diary::averages(Poco::Data::Session& s, const DiaryStudent& student,
                                            const domain::journal::Term& term) {
    auto found = store::journal::DiaryRepository(db_, s).termMarks(
        student.accountId, student.classId, term.startsOn, term.endsOn);
    std::vector<std::pair<std::int64_t, std::string>> subjects;
    for (auto& subject : found.classSubjects)
        if (std::none_of(subjects.begin(), subjects.end(),
                         [&](const auto& p) { return p.first == subject.first; }))
            subjects.push_back(std::move(subject));
    std::vector<SubjectMarkFact> facts;
    facts.reserve(found.marks.size());
    for (auto& m : found.marks)
        facts.push_back({m.subjectId, std::move(m.subjectName), {m.entry, m.weight}});
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
    store::journal::DiaryRepository diary(db_, s);
    for (const auto& student : students(s, viewerId)) {
        Glance g{student, {}, {}};
        auto recent = student.classId
                          ? lessonsOf(diary.glance(student.accountId, student.classId,
                                                   day.plusDays(1 - kGlanceDays), day,
                                                   std::string(domain::journal::kHomeworkTypeName)),
                                      student.accountId)
                          : std::vector<DiaryLesson>{};
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
