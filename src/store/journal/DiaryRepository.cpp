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

std::vector<Absence> DiaryRepository::absencesOf(std::int64_t studentId,
                                                 const std::vector<std::int64_t>& lessonIds) {
    if (lessonIds.empty()) return {};
    std::string in;
    for (std::size_t i = 0; i < lessonIds.size(); ++i) in += i ? ", ?" : "?";
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT lesson_id, code FROM absences WHERE student_user_id = ?"
        " AND lesson_id IN (" +
        in + ") ORDER BY lesson_id"),
        bind(studentId);
    for (auto id : lessonIds) st, bind(id);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<Absence> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        out.push_back({studentId, rs[0].convert<std::int64_t>(), rs[1].convert<std::string>()});
    return out;
}

std::vector<SubjectMark> DiaryRepository::marksBetween(std::int64_t studentId,
                                                       const CalendarDate& from,
                                                       const CalendarDate& to) {
    std::string a = from.iso(), b = to.iso();
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT l.subject_id, s.name, COALESCE(m.mark, 0), m.duty, a.weight"
        " FROM marks m JOIN assignments a ON a.id = m.assignment_id"
        " JOIN lessons l ON l.id = a.lesson_id JOIN subjects s ON s.id = l.subject_id"
        " WHERE m.student_user_id = ? AND l.cancelled = 0"
        " AND l.lesson_date BETWEEN ? AND ? ORDER BY s.name, l.lesson_date, a.id"),
        bind(studentId), bind(a), bind(b);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<SubjectMark> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        SubjectMark m;
        m.subjectId = rs[0].convert<std::int64_t>();
        m.subjectName = rs[1].convert<std::string>();
        bool duty = rs[3].convert<int>() != 0;
        m.entry = duty ? MarkEntry{MarkEntry::Kind::Duty, 0}
                       : MarkEntry{MarkEntry::Kind::Mark, rs[2].convert<int>()};
        m.weight = rs[4].convert<int>();
        out.push_back(std::move(m));
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
