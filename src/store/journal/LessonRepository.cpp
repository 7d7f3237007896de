#include "store/journal/LessonRepository.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/RecordSet.h>

using namespace Poco::Data::Keywords;
using netcity::domain::CalendarDate;

namespace netcity::store::journal {
namespace {

const char* kLessonColumns =
    "SELECT l.id, l.school_year_id, c.organization_id, l.class_id, c.name, l.subject_id, s.name,"
    " l.teacher_user_id, l.lesson_date, l.number, l.room, l.topic, l.cancelled FROM lessons l"
    " JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id WHERE ";

}  // namespace

void LessonRepository::saveSlot(std::int64_t yearId, const TimetableSlot& t) {
    std::string room = t.room;
    s_ << db_.sql(
        "INSERT INTO timetable_slots (school_year_id, class_id, weekday, number,"
        " subject_id, teacher_user_id, room) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (school_year_id, class_id, weekday, number) DO UPDATE"
        " SET subject_id = excluded.subject_id,"
        " teacher_user_id = excluded.teacher_user_id, room = excluded.room"),
        bind(yearId), bind(t.classId), bind(t.weekday), bind(t.number), bind(t.subjectId),
        bind(t.teacherId), bind(room), now;
}

std::vector<TimetableSlot> LessonRepository::slots(std::int64_t yearId, std::int64_t classId) {
    std::vector<int> weekdays, numbers;
    std::vector<std::int64_t> subjects, teachers;
    std::vector<std::string> rooms;
    s_ << db_.sql(
        "SELECT weekday, number, subject_id, teacher_user_id, room FROM timetable_slots"
        " WHERE school_year_id = ? AND class_id = ? ORDER BY weekday, number"),
        bind(yearId), bind(classId), into(weekdays), into(numbers), into(subjects), into(teachers),
        into(rooms), now;
    std::vector<TimetableSlot> out;
    for (std::size_t i = 0; i < weekdays.size(); ++i)
        out.push_back({classId, weekdays[i], numbers[i], subjects[i], teachers[i], rooms[i]});
    return out;
}

std::optional<std::int64_t> LessonRepository::addLesson(std::int64_t yearId, const TimetableSlot& t,
                                                        const CalendarDate& date) {
    std::string day = date.iso(), room = t.room;
    std::vector<std::int64_t> id;
    s_ << db_.sql(
        "INSERT INTO lessons (school_year_id, class_id, subject_id, teacher_user_id,"
        " lesson_date, number, room) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (class_id, lesson_date, number) WHERE cancelled = 0 DO NOTHING"
        " RETURNING id"),
        bind(yearId), bind(t.classId), bind(t.subjectId), bind(t.teacherId), bind(day),
        bind(t.number), bind(room), into(id), now;
    if (id.empty()) return std::nullopt;
    return id[0];
}

int LessonRepository::makeLessons(const domain::journal::SchoolYear& year, std::int64_t classId) {
    int added = 0;
    for (const auto& slot : slots(year.id, classId))
        for (const auto& day : domain::journal::schoolDays(year, slot.weekday))
            if (addLesson(year.id, slot, day)) ++added;
    return added;
}

std::vector<Lesson> LessonRepository::select(const std::string& where, std::int64_t id,
                                             std::int64_t subjectId, const std::string& from,
                                             const std::string& to) {
    Poco::Data::Statement st(s_);
    st << db_.sql(kLessonColumns + where + " ORDER BY l.lesson_date, l.number, l.cancelled, l.id"),
        bind(id);
    if (subjectId) st, bind(subjectId);
    if (!from.empty()) st, bind(from), bind(to);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<Lesson> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        Lesson l;
        l.id = rs[0].convert<std::int64_t>();
        l.yearId = rs[1].convert<std::int64_t>();
        l.organizationId = rs[2].convert<std::int64_t>();
        l.classId = rs[3].convert<std::int64_t>();
        l.className = rs[4].convert<std::string>();
        l.subjectId = rs[5].convert<std::int64_t>();
        l.subjectName = rs[6].convert<std::string>();
        l.teacherId = rs[7].convert<std::int64_t>();
        l.date = CalendarDate::parse(rs[8].convert<std::string>()).value_or(CalendarDate{});
        l.number = rs[9].convert<int>();
        l.room = rs[10].convert<std::string>();
        l.topic = rs[11].convert<std::string>();
        l.cancelled = rs[12].convert<int>() != 0;
        out.push_back(std::move(l));
    }
    return out;
}

std::optional<Lesson> LessonRepository::lesson(std::int64_t lessonId) {
    auto found = select("l.id = ?", lessonId, 0, "", "");
    if (found.empty()) return std::nullopt;
    return found[0];
}

std::vector<CalendarDate> LessonRepository::datesOfYear(std::int64_t yearId) {
    std::vector<std::string> days;
    s_ << db_.sql(
        "SELECT lesson_date FROM lessons WHERE school_year_id = ? AND cancelled = 0"
        " ORDER BY lesson_date"),
        bind(yearId), into(days), now;
    std::vector<CalendarDate> out;
    for (const auto& day : days)
        if (auto date = CalendarDate::parse(day)) out.push_back(*date);
    return out;
}

std::optional<Lesson> LessonRepository::lessonAt(std::int64_t classId, const CalendarDate& date,
                                                 int number) {
    for (auto& l : ofClass(classId, date, date))
        if (l.number == number && !l.cancelled) return l;
    return std::nullopt;
}

std::vector<Lesson> LessonRepository::ofClass(std::int64_t classId, const CalendarDate& from,
                                              const CalendarDate& to) {
    return select("l.class_id = ? AND l.lesson_date BETWEEN ? AND ?", classId, 0, from.iso(),
                  to.iso());
}

std::vector<Lesson> LessonRepository::ofSubject(std::int64_t classId, std::int64_t subjectId,
                                                const CalendarDate& from, const CalendarDate& to) {
    return select(
        "l.class_id = ? AND l.subject_id = ? AND l.cancelled = 0"
        " AND l.lesson_date BETWEEN ? AND ?",
        classId, subjectId, from.iso(), to.iso());
}

LessonMove LessonRepository::move(std::int64_t lessonId, const CalendarDate& date, int number) {
    auto current = lesson(lessonId);
    if (!current) return LessonMove::NotFound;
    if (auto there = lessonAt(current->classId, date, number); there && there->id != lessonId)
        return LessonMove::PlaceTaken;
    // Two moves to one place can both find it free; lessons_place lets the first through and
    // fails the other's UPDATE. In a savepoint the failure leaves the transaction usable, and the
    // place, taken by then, says why.
    std::string day = date.iso();
    s_ << "SAVEPOINT lesson_move", now;
    try {
        s_ << db_.sql("UPDATE lessons SET lesson_date = ?, number = ? WHERE id = ?"), bind(day),
            bind(number), bind(lessonId), now;
    } catch (const Poco::Data::DataException&) {
        s_ << "ROLLBACK TO SAVEPOINT lesson_move", now;
        s_ << "RELEASE SAVEPOINT lesson_move", now;
        if (auto there = lessonAt(current->classId, date, number); there && there->id != lessonId)
            return LessonMove::PlaceTaken;
        throw;
    }
    s_ << "RELEASE SAVEPOINT lesson_move", now;
    return LessonMove::Moved;
}

bool LessonRepository::cancel(std::int64_t lessonId) {
    Poco::Data::Statement st(s_);
    st << db_.sql("UPDATE lessons SET cancelled = 1 WHERE id = ? AND cancelled = 0"),
        bind(lessonId);
    return st.execute() > 0;
}

}  // namespace netcity::store::journal
