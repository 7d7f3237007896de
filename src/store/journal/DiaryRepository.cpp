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

// The columns in DiaryColumns' order, from lessons l, subjects s, bell_schedule bs,
// absences ab, attendance_kinds k, assignments a, assignment_types t and marks m (all but the
// lesson and subject left-joined: what is missing comes back empty).
constexpr const char* kDiaryColumns =
    "SELECT l.id, l.subject_id, COALESCE(a.id, 0), COALESCE(a.type_id, 0), l.lesson_date,"
    " s.name, l.room, l.topic, COALESCE(bs.starts_at, ''), COALESCE(bs.ends_at, ''),"
    " COALESCE(ab.code, ''), COALESCE(k.name, ''), COALESCE(t.name, ''), COALESCE(t.abbr, ''),"
    " COALESCE(a.text, ''), COALESCE(a.due_date, ''), COALESCE(m.comment, ''), l.number,"
    " l.cancelled, COALESCE(a.weight, 1), CASE WHEN m.assignment_id IS NULL THEN 0 ELSE 1 END,"
    " COALESCE(m.mark, 0), COALESCE(m.duty, 0)";

// The same without bells and absences, for assignments that are there.
constexpr const char* kGlanceColumns =
    "SELECT l.id, l.subject_id, a.id, a.type_id, l.lesson_date, s.name, l.room, l.topic,"
    " '', '', '', '', t.name, t.abbr, a.text, a.due_date, COALESCE(m.comment, ''), l.number,"
    " l.cancelled, a.weight, CASE WHEN m.assignment_id IS NULL THEN 0 ELSE 1 END,"
    " COALESCE(m.mark, 0), COALESCE(m.duty, 0)";

void extractInto(Poco::Data::Statement& st, DiaryColumns& c) {
    st, into(c.lessonIds), into(c.subjectIds), into(c.assignmentIds), into(c.typeIds),
        into(c.dates), into(c.subjects), into(c.rooms), into(c.topics), into(c.bellStarts),
        into(c.bellEnds), into(c.absenceCodes), into(c.absenceNames), into(c.typeNames),
        into(c.typeAbbrs), into(c.texts), into(c.dues), into(c.comments), into(c.numbers),
        into(c.cancelled), into(c.weights), into(c.marked), into(c.marks), into(c.duties);
}

}  // namespace

std::vector<DiaryRow> DiaryRepository::lessons(std::int64_t studentId, std::int64_t classId,
                                               std::int64_t organizationId,
                                               const CalendarDate& from, const CalendarDate& to) {
    std::string a = from.iso(), b = to.iso();
    DiaryColumns c;
    Poco::Data::Statement st(s_);
    st << db_.sql(std::string(kDiaryColumns) +
                  " FROM lessons l JOIN subjects s ON s.id = l.subject_id"
                  " LEFT JOIN bell_schedule bs ON bs.organization_id = ? AND bs.number = l.number"
                  " LEFT JOIN absences ab ON ab.lesson_id = l.id AND ab.student_user_id = ?"
                  " LEFT JOIN attendance_kinds k ON k.code = ab.code"
                  " LEFT JOIN assignments a ON a.lesson_id = l.id"
                  " LEFT JOIN assignment_types t ON t.id = a.type_id"
                  " LEFT JOIN marks m ON m.assignment_id = a.id AND m.student_user_id = ?"
                  " WHERE l.class_id = ? AND l.lesson_date BETWEEN ? AND ?"
                  " ORDER BY l.lesson_date, l.number, l.cancelled, l.id, a.id"),
        bind(organizationId), bind(studentId), bind(studentId), bind(classId), bind(a), bind(b);
    extractInto(st, c);
    st.execute();
    return rowsOf(c);
}

std::vector<DiaryRow> DiaryRepository::glance(std::int64_t studentId, std::int64_t classId,
                                              const CalendarDate& from, const CalendarDate& today,
                                              const std::string& homeworkType) {
    std::string a = from.iso(), b = today.iso(), type = homeworkType;
    DiaryColumns c;
    Poco::Data::Statement st(s_);
    st << db_.sql(std::string(kGlanceColumns) +
                  " FROM lessons l JOIN subjects s ON s.id = l.subject_id"
                  " JOIN assignments a ON a.lesson_id = l.id"
                  " JOIN assignment_types t ON t.id = a.type_id"
                  " LEFT JOIN marks m ON m.assignment_id = a.id AND m.student_user_id = ?"
                  " WHERE l.class_id = ? AND l.lesson_date BETWEEN ? AND ?"
                  " AND (m.assignment_id IS NOT NULL OR (l.lesson_date = ? AND t.name = ?))"
                  " ORDER BY l.lesson_date, l.number, l.cancelled, l.id, a.id"),
        bind(studentId), bind(classId), bind(a), bind(b), bind(b), bind(type);
    extractInto(st, c);
    st.execute();
    return rowsOf(c);
}

// Kind 0: the class's subjects (by name, then teacher); kind 1: the student's marks (by
// subject name, lesson date, assignment).
DiaryRepository::TermMarks DiaryRepository::termMarks(std::int64_t studentId, std::int64_t classId,
                                                      const CalendarDate& from,
                                                      const CalendarDate& to) {
    std::string a = from.iso(), b = to.iso();
    std::vector<int> kinds, values, duties, weights;
    std::vector<std::int64_t> subjects, order;
    std::vector<std::string> names, dates;
    s_ << db_.sql(
        "SELECT 0, t.subject_id, s.name, '', t.teacher_user_id, 0, 0, 1"
        " FROM teaching_assignments t JOIN subjects s ON s.id = t.subject_id"
        " WHERE t.class_id = ?"
        " UNION ALL SELECT 1, l.subject_id, s.name, l.lesson_date, a.id,"
        " COALESCE(m.mark, 0), m.duty, a.weight"
        " FROM marks m JOIN assignments a ON a.id = m.assignment_id"
        " JOIN lessons l ON l.id = a.lesson_id JOIN subjects s ON s.id = l.subject_id"
        " WHERE m.student_user_id = ? AND l.cancelled = 0"
        " AND l.lesson_date BETWEEN ? AND ? ORDER BY 1, 3, 4, 5"),
        bind(classId), bind(studentId), bind(a), bind(b), into(kinds), into(subjects), into(names),
        into(dates), into(order), into(values), into(duties), into(weights), now;
    TermMarks out;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (kinds[i] == 0) {
            out.classSubjects.emplace_back(subjects[i], std::move(names[i]));
            continue;
        }
        MarkEntry entry = duties[i] ? MarkEntry{MarkEntry::Kind::Duty, 0}
                                    : MarkEntry{MarkEntry::Kind::Mark, values[i]};
        out.marks.push_back({subjects[i], std::move(names[i]), entry, weights[i]});
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
