#include "store/journal/GradebookRepository.h"

#include <Poco/Data/RecordSet.h>

using namespace Poco::Data::Keywords;
using netcity::domain::CalendarDate;
using netcity::domain::journal::MarkEntry;

namespace netcity::store::journal {

namespace {

// "?, ?, ?" for a list's IN (…); never empty (callers return early on no ids).
std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

// Runs `sql` with the leading values then each id bound, as a record set.
Poco::Data::RecordSet run(Database& db, Poco::Data::Session& s, const std::string& sql,
                          std::vector<std::int64_t> leading, const std::vector<std::int64_t>& ids) {
    Poco::Data::Statement st(s);
    st << db.sql(sql);
    for (auto v : leading) st, bind(v);
    for (auto id : ids) st, bind(id);
    st.execute();
    return Poco::Data::RecordSet(st);
}

std::vector<StudentMark> marks(Poco::Data::RecordSet rs) {
    std::vector<StudentMark> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        StudentMark m;
        m.studentId = rs[0].convert<std::int64_t>();
        m.assignmentId = rs[1].convert<std::int64_t>();
        bool duty = rs[3].convert<int>() != 0;
        m.entry = duty ? MarkEntry{MarkEntry::Kind::Duty, 0}
                       : MarkEntry{MarkEntry::Kind::Mark, rs[2].convert<int>()};
        m.comment = rs[4].convert<std::string>();
        out.push_back(std::move(m));
    }
    return out;
}

constexpr const char* kMarkColumns =
    "SELECT student_user_id, assignment_id, mark, duty, comment FROM marks WHERE ";

// "FROM lessons l <joins> WHERE" the lessons of one class and subject, not cancelled, from a
// date to a date (lessons_subject finds them): what the *OfSubject reads join their rows to.
std::string fromSubjectLessons(const std::string& joins) {
    return " FROM lessons l " + joins +
           " WHERE l.class_id = ? AND l.subject_id = ? AND l.cancelled = 0"
           " AND l.lesson_date BETWEEN ? AND ?";
}

// 0: no user (an import) — the column is NULL, not a dangling reference.
Poco::Nullable<std::int64_t> author(std::int64_t by) {
    if (by == 0) return {};
    return by;
}

// A mark entry as its columns hold it: a number, or a duty with no number.
struct MarkColumns {
    Poco::Nullable<int> mark;
    int duty = 0;
};

MarkColumns columnsOf(const MarkEntry& e) {
    MarkColumns c;
    if (e.kind == MarkEntry::Kind::Duty)
        c.duty = 1;
    else
        c.mark = e.mark;
    return c;
}

constexpr const char* kMarkUpsert =
    " ON CONFLICT (student_user_id, assignment_id) DO UPDATE SET mark = excluded.mark,"
    " duty = excluded.duty, comment = excluded.comment,"
    " updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr const char* kAbsenceUpsert =
    " ON CONFLICT (lesson_id, student_user_id) DO UPDATE SET code = excluded.code,"
    " updated_by = excluded.updated_by, updated_at = excluded.updated_at";

// The stored mark being `e`, as a WHERE condition (its value bound by the caller).
std::string markIs(const MarkEntry& e) {
    return e.kind == MarkEntry::Kind::Duty ? " AND duty = 1" : " AND duty = 0 AND mark = ?";
}

// Runs a write that returns the key of each row it wrote; true when it wrote one.
bool wroteRow(Poco::Data::Statement& st) {
    std::vector<std::int64_t> written;
    st, into(written);
    st.execute();
    return !written.empty();
}

}  // namespace

std::vector<AssignmentType> GradebookRepository::assignmentTypes() {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names, abbrs;
    std::vector<int> orders;
    s_ << db_.sql(
        "SELECT id, name, abbr, sort_order FROM assignment_types ORDER BY sort_order, id"),
        into(ids), into(names), into(abbrs), into(orders), now;
    std::vector<AssignmentType> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], names[i], abbrs[i], orders[i]});
    return out;
}

std::optional<AssignmentType> GradebookRepository::assignmentType(const std::string& name) {
    for (auto& t : assignmentTypes())
        if (t.name == name) return t;
    return std::nullopt;
}

std::vector<AttendanceKind> GradebookRepository::attendanceKinds() {
    std::vector<std::string> codes, names;
    s_ << db_.sql("SELECT code, name FROM attendance_kinds ORDER BY sort_order, code"), into(codes),
        into(names), now;
    std::vector<AttendanceKind> out;
    for (std::size_t i = 0; i < codes.size(); ++i) out.push_back({codes[i], names[i]});
    return out;
}

GradebookRepository::Lists GradebookRepository::lists() {
    std::vector<int> kinds, orders;
    std::vector<std::int64_t> ids;
    std::vector<std::string> first, second;
    s_ << db_.sql(
        "SELECT 0, id, name, abbr, sort_order FROM assignment_types UNION ALL"
        " SELECT 1, 0, code, name, sort_order FROM attendance_kinds ORDER BY 1, 5, 2, 3"),
        into(kinds), into(ids), into(first), into(second), into(orders), now;
    Lists out;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (kinds[i] == 0)
            out.types.push_back({ids[i], std::move(first[i]), std::move(second[i]), orders[i]});
        else
            out.kinds.push_back({std::move(first[i]), std::move(second[i])});
    }
    return out;
}

void GradebookRepository::holdLessons(const std::vector<std::int64_t>& lessonIds) {
    if (lessonIds.empty() || db_.dialect() != Dialect::PostgreSQL) return;
    run(db_, s_,
        "SELECT id FROM lessons WHERE id IN (" + placeholders(lessonIds.size()) +
            ") ORDER BY id FOR UPDATE",
        {}, lessonIds);
}

std::int64_t GradebookRepository::addAssignment(const Assignment& a, std::int64_t by,
                                                std::int64_t at) {
    std::int64_t id = 0;
    std::string text = a.text, due = a.dueDate.iso();
    auto who = author(by);
    s_ << db_.sql(
        "INSERT INTO assignments (lesson_id, type_id, text, due_date, weight,"
        " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        bind(a.lessonId), bind(a.typeId), bind(text), bind(due), bind(a.weight), bind(who),
        bind(at), into(id), now;
    return id;
}

void GradebookRepository::updateAssignment(const Assignment& a, std::int64_t by, std::int64_t at) {
    std::string text = a.text, due = a.dueDate.iso();
    auto who = author(by);
    s_ << db_.sql(
        "UPDATE assignments SET type_id = ?, text = ?, due_date = ?, weight = ?,"
        " updated_by = ?, updated_at = ? WHERE id = ?"),
        bind(a.typeId), bind(text), bind(due), bind(a.weight), bind(who), bind(at), bind(a.id), now;
}

bool GradebookRepository::replaceAssignment(const Assignment& a, const Assignment& expected,
                                            std::int64_t by, std::int64_t at) {
    std::string text = a.text, due = a.dueDate.iso(), wasDue = expected.dueDate.iso();
    auto who = author(by);
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "UPDATE assignments SET type_id = ?, text = ?, due_date = ?, weight = ?,"
        " updated_by = ?, updated_at = ? WHERE id = ? AND type_id = ? AND text = ?"
        " AND due_date = ? AND weight = ? RETURNING id"),
        bind(a.typeId), bind(text), bind(due), bind(a.weight), bind(who), bind(at), bind(a.id),
        bind(expected.typeId), bind(expected.text), bind(wasDue), bind(expected.weight);
    return wroteRow(st);
}

void GradebookRepository::removeAssignment(std::int64_t assignmentId) {
    s_ << db_.sql("DELETE FROM assignments WHERE id = ?"), bind(assignmentId), now;
}

std::optional<Assignment> GradebookRepository::assignment(std::int64_t assignmentId) {
    std::vector<std::int64_t> lesson;
    s_ << db_.sql("SELECT lesson_id FROM assignments WHERE id = ?"), bind(assignmentId),
        into(lesson), now;
    if (lesson.empty()) return std::nullopt;
    for (auto& a : assignmentsOf({lesson[0]}))
        if (a.id == assignmentId) return a;
    return std::nullopt;
}

std::vector<Assignment> GradebookRepository::assignmentsOf(
    const std::vector<std::int64_t>& lessons) {
    if (lessons.empty()) return {};
    auto rs = run(db_, s_,
                  "SELECT id, lesson_id, type_id, text, due_date, weight FROM assignments"
                  " WHERE lesson_id IN (" +
                      placeholders(lessons.size()) + ") ORDER BY lesson_id, id",
                  {}, lessons);
    std::vector<Assignment> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        Assignment a;
        a.id = rs[0].convert<std::int64_t>();
        a.lessonId = rs[1].convert<std::int64_t>();
        a.typeId = rs[2].convert<std::int64_t>();
        a.text = rs[3].convert<std::string>();
        a.dueDate = CalendarDate::parse(rs[4].convert<std::string>()).value_or(CalendarDate{});
        a.weight = rs[5].convert<int>();
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<StudentMark> GradebookRepository::marksOn(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    return marks(run(db_, s_,
                     std::string(kMarkColumns) + "assignment_id IN (" + placeholders(ids.size()) +
                         ") ORDER BY assignment_id, student_user_id",
                     {}, ids));
}

std::vector<StudentMark> GradebookRepository::marksOf(std::int64_t studentId,
                                                      const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    return marks(run(db_, s_,
                     std::string(kMarkColumns) + "student_user_id = ? AND assignment_id IN (" +
                         placeholders(ids.size()) + ") ORDER BY assignment_id",
                     {studentId}, ids));
}

std::optional<StudentMark> GradebookRepository::mark(std::int64_t studentId,
                                                     std::int64_t assignmentId) {
    auto found = marksOf(studentId, {assignmentId});
    if (found.empty()) return std::nullopt;
    return found[0];
}

// INSERT of the mark, then `conflict` (an ON CONFLICT clause, maybe a RETURNING).
bool GradebookRepository::insertMark(const StudentMark& m, std::int64_t by, std::int64_t at,
                                     const std::string& conflict) {
    auto value = columnsOf(m.entry);
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "INSERT INTO marks (student_user_id, assignment_id, mark, duty, comment,"
        " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)" +
        conflict + " RETURNING student_user_id"),
        bind(m.studentId), bind(m.assignmentId), bind(value.mark), bind(value.duty),
        bind(m.comment), bind(author(by)), bind(at);
    return wroteRow(st);
}

void GradebookRepository::removeRow(const char* table, const char* keyColumn, std::int64_t key,
                                    std::int64_t studentId) {
    s_ << db_.sql(std::string("DELETE FROM ") + table + " WHERE student_user_id = ? AND " +
                  keyColumn + " = ?"),
        bind(studentId), bind(key), now;
}

void GradebookRepository::putMark(const StudentMark& m, std::int64_t by, std::int64_t at) {
    if (m.entry.kind == MarkEntry::Kind::Clear)
        return removeRow("marks", "assignment_id", m.assignmentId, m.studentId);
    insertMark(m, by, at, kMarkUpsert);
}

bool GradebookRepository::replaceMark(const StudentMark& m,
                                      const std::optional<MarkEntry>& expected, std::int64_t by,
                                      std::int64_t at) {
    bool clear = m.entry.kind == MarkEntry::Kind::Clear;
    if (!expected)
        return clear ? !mark(m.studentId, m.assignmentId)
                     : insertMark(m, by, at, " ON CONFLICT DO NOTHING");
    Poco::Data::Statement st(s_);
    if (clear) {
        st << db_.sql("DELETE FROM marks WHERE student_user_id = ? AND assignment_id = ?" +
                      markIs(*expected) + " RETURNING student_user_id"),
            bind(m.studentId), bind(m.assignmentId);
    } else {
        auto value = columnsOf(m.entry);
        st << db_.sql(
            "UPDATE marks SET mark = ?, duty = ?, comment = ?, updated_by = ?,"
            " updated_at = ? WHERE student_user_id = ? AND assignment_id = ?" +
            markIs(*expected) + " RETURNING student_user_id"),
            bind(value.mark), bind(value.duty), bind(m.comment), bind(author(by)), bind(at),
            bind(m.studentId), bind(m.assignmentId);
    }
    if (expected->kind == MarkEntry::Kind::Mark) st, bind(expected->mark);
    return wroteRow(st);
}

std::vector<Absence> GradebookRepository::absencesOn(const std::vector<std::int64_t>& lessons) {
    if (lessons.empty()) return {};
    auto rs = run(db_, s_,
                  "SELECT student_user_id, lesson_id, code FROM absences WHERE lesson_id IN (" +
                      placeholders(lessons.size()) + ") ORDER BY lesson_id, student_user_id",
                  {}, lessons);
    std::vector<Absence> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        out.push_back({rs[0].convert<std::int64_t>(), rs[1].convert<std::int64_t>(),
                       rs[2].convert<std::string>()});
    return out;
}

std::vector<Assignment> GradebookRepository::assignmentsOfSubject(std::int64_t classId,
                                                                  std::int64_t subjectId,
                                                                  const CalendarDate& from,
                                                                  const CalendarDate& to) {
    std::string a = from.iso(), b = to.iso();
    std::vector<std::int64_t> ids, lessons, types;
    std::vector<std::string> texts, dues;
    std::vector<int> weights;
    s_ << db_.sql("SELECT a.id, a.lesson_id, a.type_id, a.text, a.due_date, a.weight" +
                  fromSubjectLessons("JOIN assignments a ON a.lesson_id = l.id") +
                  " ORDER BY a.lesson_id, a.id"),
        bind(classId), bind(subjectId), bind(a), bind(b), into(ids), into(lessons), into(types),
        into(texts), into(dues), into(weights), now;
    std::vector<Assignment> out;
    out.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], lessons[i], types[i], std::move(texts[i]),
                       CalendarDate::parse(dues[i]).value_or(CalendarDate{}), weights[i]});
    return out;
}

std::vector<LessonMark> GradebookRepository::marksOfSubject(std::int64_t classId,
                                                            std::int64_t subjectId,
                                                            const CalendarDate& from,
                                                            const CalendarDate& to) {
    std::string a = from.iso(), b = to.iso();
    std::vector<std::int64_t> students, assignments, lessons;
    std::vector<int> values, duties, weights;
    s_ << db_.sql(
        "SELECT m.student_user_id, m.assignment_id, COALESCE(m.mark, 0), m.duty,"
        " a.lesson_id, a.weight" +
        fromSubjectLessons("JOIN assignments a ON a.lesson_id = l.id"
                           " JOIN marks m ON m.assignment_id = a.id") +
        " ORDER BY m.assignment_id, m.student_user_id"),
        bind(classId), bind(subjectId), bind(a), bind(b), into(students), into(assignments),
        into(values), into(duties), into(lessons), into(weights), now;
    std::vector<LessonMark> out;
    out.reserve(students.size());
    for (std::size_t i = 0; i < students.size(); ++i) {
        MarkEntry entry = duties[i] ? MarkEntry{MarkEntry::Kind::Duty, 0}
                                    : MarkEntry{MarkEntry::Kind::Mark, values[i]};
        out.push_back({{students[i], assignments[i], entry, ""}, lessons[i], weights[i]});
    }
    return out;
}

std::vector<Absence> GradebookRepository::absencesOfSubject(std::int64_t classId,
                                                            std::int64_t subjectId,
                                                            const CalendarDate& from,
                                                            const CalendarDate& to) {
    std::string a = from.iso(), b = to.iso();
    std::vector<std::int64_t> students, lessons;
    std::vector<std::string> codes;
    s_ << db_.sql("SELECT b.student_user_id, b.lesson_id, b.code" +
                  fromSubjectLessons("JOIN absences b ON b.lesson_id = l.id") +
                  " ORDER BY b.lesson_id, b.student_user_id"),
        bind(classId), bind(subjectId), bind(a), bind(b), into(students), into(lessons),
        into(codes), now;
    std::vector<Absence> out;
    out.reserve(students.size());
    for (std::size_t i = 0; i < students.size(); ++i)
        out.push_back({students[i], lessons[i], std::move(codes[i])});
    return out;
}

std::optional<Absence> GradebookRepository::absence(std::int64_t studentId, std::int64_t lessonId) {
    for (auto& a : absencesOn({lessonId}))
        if (a.studentId == studentId) return a;
    return std::nullopt;
}

// INSERT of the absence, then `conflict` (an ON CONFLICT clause).
bool GradebookRepository::insertAbsence(const Absence& a, std::int64_t by, std::int64_t at,
                                        const std::string& conflict) {
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "INSERT INTO absences (lesson_id, student_user_id, code, updated_by, updated_at)"
        " VALUES (?, ?, ?, ?, ?)" +
        conflict + " RETURNING student_user_id"),
        bind(a.lessonId), bind(a.studentId), bind(a.code), bind(author(by)), bind(at);
    return wroteRow(st);
}

void GradebookRepository::putAbsence(const Absence& a, std::int64_t by, std::int64_t at) {
    if (a.code.empty()) return removeRow("absences", "lesson_id", a.lessonId, a.studentId);
    insertAbsence(a, by, at, kAbsenceUpsert);
}

bool GradebookRepository::replaceAbsence(const Absence& a, const std::string& expected,
                                         std::int64_t by, std::int64_t at) {
    if (expected.empty())
        return a.code.empty() ? !absence(a.studentId, a.lessonId)
                              : insertAbsence(a, by, at, " ON CONFLICT DO NOTHING");
    Poco::Data::Statement st(s_);
    if (a.code.empty()) {
        st << db_.sql(
            "DELETE FROM absences WHERE student_user_id = ? AND lesson_id = ?"
            " AND code = ? RETURNING student_user_id"),
            bind(a.studentId), bind(a.lessonId), bind(expected);
    } else {
        auto who = author(by);
        st << db_.sql(
            "UPDATE absences SET code = ?, updated_by = ?, updated_at = ?"
            " WHERE student_user_id = ? AND lesson_id = ? AND code = ?"
            " RETURNING student_user_id"),
            bind(a.code), bind(who), bind(at), bind(a.studentId), bind(a.lessonId), bind(expected);
    }
    return wroteRow(st);
}

}  // namespace netcity::store::journal
