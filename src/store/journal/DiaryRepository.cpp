#include "store/journal/DiaryRepository.h"

#include <Poco/Data/RecordSet.h>

using namespace Poco::Data::Keywords;
using netcity::domain::CalendarDate;
using netcity::domain::journal::MarkEntry;

namespace netcity::store::journal {
namespace {

CalendarDate dateOf(const Poco::Dynamic::Var& v) {
    return CalendarDate::parse(v.convert<std::string>()).value_or(CalendarDate{});
}

}  // namespace

namespace {

// A DiaryRow's columns, each extracted as a whole (POCO's RecordSet hands out every value as a
// Dynamic::Var, which cost more than the query).
struct DiaryColumns {
    std::vector<std::int64_t> lessonIds, subjectIds, assignmentIds, typeIds;
    std::vector<std::string> dates, subjects, rooms, topics, bellStarts, bellEnds, absenceCodes,
        absenceNames, typeNames, typeAbbrs, texts, dues, comments;
    std::vector<int> numbers, cancelled, weights, marked, marks, duties;
};

std::vector<DiaryRow> rowsOf(DiaryColumns& c) {
    std::vector<DiaryRow> out(c.lessonIds.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        DiaryRow& r = out[i];
        r.lessonId = c.lessonIds[i];
        r.date = CalendarDate::parse(c.dates[i]).value_or(CalendarDate{});
        r.number = c.numbers[i];
        r.subjectId = c.subjectIds[i];
        r.subjectName = std::move(c.subjects[i]);
        r.room = std::move(c.rooms[i]);
        r.topic = std::move(c.topics[i]);
        r.cancelled = c.cancelled[i] != 0;
        r.bellStarts = std::move(c.bellStarts[i]);
        r.bellEnds = std::move(c.bellEnds[i]);
        r.absenceCode = std::move(c.absenceCodes[i]);
        r.absenceName = std::move(c.absenceNames[i]);
        r.assignment.id = c.assignmentIds[i];
        r.assignment.lessonId = r.lessonId;
        r.assignment.typeId = c.typeIds[i];
        r.typeName = std::move(c.typeNames[i]);
        r.typeAbbr = std::move(c.typeAbbrs[i]);
        r.assignment.text = std::move(c.texts[i]);
        if (r.assignment.id)
            r.assignment.dueDate = CalendarDate::parse(c.dues[i]).value_or(CalendarDate{});
        r.assignment.weight = c.weights[i];
        r.hasMark = c.marked[i] != 0;
        r.mark = c.duties[i] ? MarkEntry{MarkEntry::Kind::Duty, 0}
                             : MarkEntry{MarkEntry::Kind::Mark, c.marks[i]};
        r.comment = std::move(c.comments[i]);
    }
    return out;
}

// The columns in DiaryColumns' order, from lessons l, subjects s, assignments a and
// assignment_types t (and, for the diary's week, bell_schedule bs); what is not there comes
// back empty.
constexpr const char* kClassColumns =
    "SELECT l.id, l.subject_id, COALESCE(a.id, 0), COALESCE(a.type_id, 0), l.lesson_date,"
    " s.name, l.room, l.topic, COALESCE(bs.starts_at, ''), COALESCE(bs.ends_at, ''), '', '',"
    " COALESCE(t.name, ''), COALESCE(t.abbr, ''), COALESCE(a.text, ''), COALESCE(a.due_date, ''),"
    " '', l.number, l.cancelled, COALESCE(a.weight, 1), 0, 0, 0";

// The same with the student's marks m, without bells and absences, for assignments that are
// there.
constexpr const char* kGlanceColumns =
    "SELECT l.id, l.subject_id, a.id, a.type_id, l.lesson_date, s.name, l.room, l.topic,"
    " '', '', '', '', t.name, t.abbr, a.text, a.due_date, COALESCE(m.comment, ''), l.number,"
    " l.cancelled, a.weight, CASE WHEN m.assignment_id IS NULL THEN 0 ELSE 1 END,"
    " COALESCE(m.mark, 0), COALESCE(m.duty, 0)";

constexpr const char* kInDays = " WHERE l.class_id = ? AND l.lesson_date BETWEEN ? AND ?";
constexpr const char* kInOrder = " ORDER BY l.lesson_date, l.number, l.cancelled, l.id, a.id";

void extractInto(Poco::Data::Statement& st, DiaryColumns& c) {
    st, into(c.lessonIds), into(c.subjectIds), into(c.assignmentIds), into(c.typeIds),
        into(c.dates), into(c.subjects), into(c.rooms), into(c.topics), into(c.bellStarts),
        into(c.bellEnds), into(c.absenceCodes), into(c.absenceNames), into(c.typeNames),
        into(c.typeAbbrs), into(c.texts), into(c.dues), into(c.comments), into(c.numbers),
        into(c.cancelled), into(c.weights), into(c.marked), into(c.marks), into(c.duties);
}

}  // namespace

template <typename... Values>
std::vector<DiaryRow> DiaryRepository::rows(const std::string& sql, const Values&... values) {
    DiaryColumns c;
    Poco::Data::Statement st(s_);
    st << db_.sql(sql);
    (st, ..., bind(values));
    extractInto(st, c);
    st.execute();
    return rowsOf(c);
}

std::vector<DiaryRow> DiaryRepository::classLessons(std::int64_t classId,
                                                    std::int64_t organizationId,
                                                    const CalendarDate& from,
                                                    const CalendarDate& to) {
    return rows(std::string(kClassColumns) +
                    " FROM lessons l JOIN subjects s ON s.id = l.subject_id"
                    " LEFT JOIN bell_schedule bs ON bs.organization_id = ? AND bs.number = l.number"
                    " LEFT JOIN assignments a ON a.lesson_id = l.id"
                    " LEFT JOIN assignment_types t ON t.id = a.type_id" +
                    kInDays + kInOrder,
                organizationId, classId, from.iso(), to.iso());
}

std::vector<DiaryRow> DiaryRepository::glance(std::int64_t studentId, std::int64_t classId,
                                              const CalendarDate& from, const CalendarDate& today,
                                              const std::string& homeworkType) {
    std::string day = today.iso();
    return rows(std::string(kGlanceColumns) +
                    " FROM lessons l JOIN subjects s ON s.id = l.subject_id"
                    " JOIN assignments a ON a.lesson_id = l.id"
                    " JOIN assignment_types t ON t.id = a.type_id"
                    " LEFT JOIN marks m ON m.assignment_id = a.id AND m.student_user_id = ?" +
                    kInDays +
                    " AND (m.assignment_id IS NOT NULL OR (l.lesson_date = ? AND t.name = ?))" +
                    kInOrder,
                studentId, classId, from.iso(), day, day, homeworkType);
}

std::vector<std::pair<std::int64_t, std::string>> DiaryRepository::classSubjects(
    std::int64_t classId) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    s_ << db_.sql(
        "SELECT t.subject_id, s.name FROM teaching_assignments t"
        " JOIN subjects s ON s.id = t.subject_id WHERE t.class_id = ?"
        " ORDER BY s.name, t.teacher_user_id"),
        bind(classId), into(ids), into(names), now;
    std::vector<std::pair<std::int64_t, std::string>> out;
    out.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) out.emplace_back(ids[i], std::move(names[i]));
    return out;
}

// Kind 0: the student's marks; kind 1: the absences (id: the lesson; name: the code; date:
// the kind's name).
DiaryRepository::StudentFacts DiaryRepository::studentFacts(
    std::int64_t studentId, std::int64_t classId, const CalendarDate& from, const CalendarDate& to,
    const CalendarDate& absentFrom, const CalendarDate& absentTo) {
    std::string a = from.iso(), b = to.iso(), c = absentFrom.iso(), d = absentTo.iso();
    std::vector<int> kinds, values, duties, weights, cancelled;
    std::vector<std::int64_t> ids, subjects;
    std::vector<std::string> names, dates, comments;
    s_ << db_.sql(
        "SELECT 0, m.assignment_id, l.subject_id, s.name, l.lesson_date, m.comment,"
        " COALESCE(m.mark, 0), m.duty, a.weight, l.cancelled"
        " FROM marks m JOIN assignments a ON a.id = m.assignment_id"
        " JOIN lessons l ON l.id = a.lesson_id JOIN subjects s ON s.id = l.subject_id"
        " WHERE m.student_user_id = ? AND l.lesson_date BETWEEN ? AND ?"
        " UNION ALL SELECT 1, ab.lesson_id, 0, ab.code, COALESCE(k.name, ''), '', 0, 0, 0, 0"
        " FROM absences ab JOIN lessons l ON l.id = ab.lesson_id"
        " LEFT JOIN attendance_kinds k ON k.code = ab.code"
        " WHERE ab.student_user_id = ? AND l.class_id = ? AND l.lesson_date BETWEEN ? AND ?"),
        bind(studentId), bind(a), bind(b), bind(studentId), bind(classId), bind(c), bind(d),
        into(kinds), into(ids), into(subjects), into(names), into(dates), into(comments),
        into(values), into(duties), into(weights), into(cancelled), now;
    StudentFacts out;
    out.marks.reserve(kinds.size());
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (kinds[i] == 1) {
            out.absences.push_back({ids[i], std::move(names[i]), std::move(dates[i])});
            continue;
        }
        MarkEntry entry = duties[i] ? MarkEntry{MarkEntry::Kind::Duty, 0}
                                    : MarkEntry{MarkEntry::Kind::Mark, values[i]};
        out.marks.push_back({ids[i], subjects[i], std::move(names[i]),
                             CalendarDate::parse(dates[i]).value_or(CalendarDate{}),
                             cancelled[i] != 0, weights[i], entry, std::move(comments[i])});
    }
    return out;
}

std::vector<UnmarkedAssignment> DiaryRepository::unmarkedDue(std::int64_t studentId,
                                                             std::int64_t classId,
                                                             const CalendarDate& from,
                                                             const CalendarDate& to) {
    std::string a = from.iso(), b = to.iso();
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT a.id, a.lesson_id, a.type_id, a.text, a.due_date, a.weight, s.name,"
        " l.lesson_date, COALESCE(m.duty, 0), COALESCE(m.comment, '')"
        " FROM assignments a JOIN lessons l ON l.id = a.lesson_id"
        " JOIN subjects s ON s.id = l.subject_id"
        " LEFT JOIN marks m ON m.assignment_id = a.id AND m.student_user_id = ?"
        " WHERE l.class_id = ? AND l.cancelled = 0 AND a.due_date BETWEEN ? AND ?"
        " AND m.mark IS NULL ORDER BY a.due_date, l.lesson_date, l.number, a.id"),
        bind(studentId), bind(classId), bind(a), bind(b);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<UnmarkedAssignment> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        UnmarkedAssignment u;
        u.assignment.id = rs[0].convert<std::int64_t>();
        u.assignment.lessonId = rs[1].convert<std::int64_t>();
        u.assignment.typeId = rs[2].convert<std::int64_t>();
        u.assignment.text = rs[3].convert<std::string>();
        u.assignment.dueDate = dateOf(rs[4]);
        u.assignment.weight = rs[5].convert<int>();
        u.subjectName = rs[6].convert<std::string>();
        u.lessonDate = dateOf(rs[7]);
        u.duty = rs[8].convert<int>() != 0;
        u.comment = rs[9].convert<std::string>();
        out.push_back(std::move(u));
    }
    return out;
}

}  // namespace netcity::store::journal
