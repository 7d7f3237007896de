#include "flows/journal/Diary.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "domain/journal/AssignmentKind.h"
#include "flows/journal/DiaryLessons.h"
#include "flows/journal/DiaryRules.h"
#include "store/journal/AnnouncementRepository.h"
#include "store/journal/DiaryRepository.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/StudentRepository.h"

namespace netcity::flows::journal {
namespace {

using domain::CalendarDate;

DiaryStudent studentOf(const store::journal::StudentPlace& p) {
    return {p.accountId, p.name, p.organizationId, p.classId, p.organizationName, p.className};
}

// The student's marks on the class's week and absences from its lessons.
void addStudent(DiaryWeek& week, store::journal::DiaryRepository::StudentFacts& facts) {
    std::unordered_map<std::int64_t, const store::journal::StudentMarkRow*> marks;
    for (const auto& m : facts.marks)
        if (!(m.lessonDate < week.weekStart) && !(week.weekEnd < m.lessonDate))
            marks.emplace(m.assignmentId, &m);
    std::unordered_map<std::int64_t, const store::journal::StudentAbsenceRow*> absences;
    for (const auto& a : facts.absences) absences.emplace(a.lessonId, &a);
    for (auto& day : week.days)
        for (auto& lesson : day.lessons) {
            if (auto it = absences.find(lesson.id); it != absences.end()) {
                lesson.absenceCode = it->second->code;
                lesson.absenceName = it->second->name;
            }
            for (auto& a : lesson.assignments)
                if (auto it = marks.find(a.id); it != marks.end())
                    a.mark = diaryMarkOf(it->second->entry, it->second->comment);
        }
}

// The term's averages are made of the marks on its lessons that were not cancelled; the
// subjects not taught in the class follow the class's in the order of their names.
std::vector<SubjectAverage> termAverages(const ClassDiary& diary,
                                         std::vector<store::journal::StudentMarkRow>& marks) {
    const auto& term = *diary.term;
    std::vector<store::journal::StudentMarkRow*> counted;
    counted.reserve(marks.size());
    for (auto& m : marks)
        if (!m.cancelled && !(m.lessonDate < term.startsOn) && !(term.endsOn < m.lessonDate))
            counted.push_back(&m);
    std::sort(counted.begin(), counted.end(), [](const auto* x, const auto* y) {
        return std::tie(x->subjectName, x->lessonDate, x->assignmentId) <
               std::tie(y->subjectName, y->lessonDate, y->assignmentId);
    });
    std::vector<SubjectMarkFact> facts;
    facts.reserve(counted.size());
    for (auto* m : counted)
        facts.push_back({m->subjectId, std::move(m->subjectName), {m->entry, m->weight}});
    return subjectAverages(diary.subjects, facts);
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

std::vector<store::journal::AssignmentType> Diary::assignmentTypes(store::Database& db,
                                                                   Poco::Data::Session& s) {
    return store::journal::GradebookRepository(db, s).assignmentTypes();
}

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

Diary::WeekView Diary::week(Poco::Data::Session& s, ClassDiaries& classes, std::int64_t viewerId,
                            std::optional<std::int64_t> studentId,
                            std::optional<CalendarDate> day) {
    WeekView v;
    v.reader = reader(s, viewerId, studentId);
    v.today = today();
    if (v.reader.outcome != Outcome::Shown) return v;
    const auto& student = v.reader.student;
    auto monday = day.value_or(v.today).monday();
    auto diary = classes.get(s, student.classId, student.organizationId, monday, v.today,
                             clock_.unixSeconds());
    v.week = diary->week;
    v.term = diary->term;
    v.termKind = diary->termKind;
    // One read for the week's marks and the term's: from the earlier start to the later end.
    auto from = v.week.weekStart, to = v.week.weekEnd;
    if (v.term) {
        from = std::min(from, v.term->startsOn);
        to = std::max(to, v.term->endsOn);
    }
    auto facts = store::journal::DiaryRepository(db_, s).studentFacts(
        student.accountId, student.classId, from, to, v.week.weekStart, v.week.weekEnd);
    addStudent(v.week, facts);
    if (v.term) v.averages = termAverages(*diary, facts.marks);
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
                                                   std::string(domain::journal::kHomeworkTypeName)))
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
