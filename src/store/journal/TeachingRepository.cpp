#include "store/journal/TeachingRepository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace netcity::store::journal {

std::optional<Subject> TeachingRepository::findSubject(std::int64_t organizationId,
                                                       const std::string& name) {
    std::vector<std::int64_t> id;
    s_ << db_.sql("SELECT id FROM subjects WHERE organization_id = ? AND name = ?"),
        bind(organizationId), bind(name), into(id), now;
    if (id.empty()) return std::nullopt;
    return Subject{id[0], name};
}

std::int64_t TeachingRepository::subject(std::int64_t organizationId, const std::string& name) {
    if (auto found = findSubject(organizationId, name)) return found->id;
    // Two imports may add the same subject at once: the second finds the first's.
    std::vector<std::int64_t> id;
    s_ << db_.sql(
        "INSERT INTO subjects (organization_id, name) VALUES (?, ?)"
        " ON CONFLICT (organization_id, name) DO NOTHING RETURNING id"),
        bind(organizationId), bind(name), into(id), now;
    if (!id.empty()) return id[0];
    return findSubject(organizationId, name).value().id;
}

std::optional<std::int64_t> TeachingRepository::organizationOfSubject(std::int64_t subjectId) {
    std::vector<std::int64_t> org;
    s_ << db_.sql("SELECT organization_id FROM subjects WHERE id = ?"), bind(subjectId), into(org),
        now;
    if (org.empty()) return std::nullopt;
    return org[0];
}

std::vector<Subject> TeachingRepository::subjects(std::int64_t organizationId) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    s_ << db_.sql("SELECT id, name FROM subjects WHERE organization_id = ? ORDER BY name"),
        bind(organizationId), into(ids), into(names), now;
    std::vector<Subject> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], names[i]});
    return out;
}

void TeachingRepository::assign(std::int64_t teacherId, std::int64_t classId,
                                std::int64_t subjectId) {
    s_ << db_.sql(
        "INSERT INTO teaching_assignments (teacher_user_id, class_id, subject_id)"
        " VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
        bind(teacherId), bind(classId), bind(subjectId), now;
}

// One query for the three things that make a keeper: the account (kind 0: organization, roles),
// what they teach (1: class, subject), the classes they are class teacher of (2: class).
std::optional<domain::journal::JournalKeeper> TeachingRepository::keeper(std::int64_t accountId) {
    std::vector<int> kinds;
    std::vector<std::int64_t> first, second;
    std::vector<std::string> roles;
    s_ << db_.sql(
        "SELECT 0, organization_id, 0, roles FROM users WHERE id = ? AND state = 'active'"
        " UNION ALL SELECT 1, class_id, subject_id, '' FROM teaching_assignments"
        " WHERE teacher_user_id = ?"
        " UNION ALL SELECT 2, id, 0, '' FROM classes WHERE teacher_user_id = ?"),
        bind(accountId), bind(accountId), bind(accountId), into(kinds), into(first), into(second),
        into(roles), now;
    domain::journal::JournalKeeper k;
    k.accountId = accountId;
    bool active = false;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (kinds[i] == 0) {
            active = true;
            k.organizationId = first[i];
            k.roles = domain::parseRoleList(roles[i]).value_or(domain::RoleSet{});
        } else if (kinds[i] == 1) {
            k.teaching.insert({first[i], second[i]});
        } else {
            k.classTeacherOf.insert(first[i]);
        }
    }
    if (!active) return std::nullopt;
    return k;
}

// Rows of (class, class name, subject, subject name, teacher).
std::vector<Teaching> TeachingRepository::teachingRows(Poco::Data::Statement& st) {
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<Teaching> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        out.push_back({rs[0].convert<std::int64_t>(), rs[1].convert<std::string>(),
                       rs[2].convert<std::int64_t>(), rs[3].convert<std::string>(),
                       rs[4].convert<std::int64_t>()});
    return out;
}

std::vector<Teaching> TeachingRepository::select(const std::string& where, std::int64_t value) {
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT t.class_id, c.name, t.subject_id, s.name, t.teacher_user_id"
        " FROM teaching_assignments t JOIN classes c ON c.id = t.class_id"
        " JOIN subjects s ON s.id = t.subject_id WHERE " +
        where + " ORDER BY c.name, s.name, t.teacher_user_id"),
        bind(value);
    return teachingRows(st);
}

std::vector<Teaching> TeachingRepository::lessonsGivenBy(std::int64_t teacherId,
                                                         const domain::CalendarDate& from) {
    std::string day = from.iso();
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT DISTINCT l.class_id, c.name, l.subject_id, s.name, l.teacher_user_id"
        " FROM lessons l JOIN classes c ON c.id = l.class_id"
        " JOIN subjects s ON s.id = l.subject_id WHERE l.teacher_user_id = ?"
        " AND l.lesson_date >= ? AND l.cancelled = 0 ORDER BY c.name, s.name"),
        bind(teacherId), bind(day);
    return teachingRows(st);
}

std::vector<Teaching> TeachingRepository::teachingOf(std::int64_t teacherId) {
    return select("t.teacher_user_id = ?", teacherId);
}

std::vector<Teaching> TeachingRepository::teachingOfClass(std::int64_t classId) {
    return select("t.class_id = ?", classId);
}

std::vector<Teaching> TeachingRepository::teachingOfOrganization(std::int64_t organizationId) {
    return select("c.organization_id = ?", organizationId);
}

std::optional<JournalPlace> TeachingRepository::journalPlace(std::int64_t classId,
                                                             std::int64_t subjectId,
                                                             std::int64_t keeperId) {
    std::vector<std::string> classNames, subjectNames;
    std::vector<std::int64_t> organizations;
    std::vector<int> taught, gives;
    s_ << db_.sql(
        "SELECT c.name, s.name, s.organization_id,"
        " CASE WHEN EXISTS (SELECT 1 FROM teaching_assignments t"
        " WHERE t.class_id = c.id AND t.subject_id = s.id) THEN 1 ELSE 0 END,"
        " CASE WHEN EXISTS (SELECT 1 FROM lessons l WHERE l.class_id = c.id"
        " AND l.subject_id = s.id AND l.teacher_user_id = ? AND l.cancelled = 0) THEN 1 ELSE 0 END"
        " FROM classes c, subjects s WHERE c.id = ? AND s.id = ?"),
        bind(keeperId), bind(classId), bind(subjectId), into(classNames), into(subjectNames),
        into(organizations), into(taught), into(gives), now;
    if (classNames.empty() || (!taught[0] && !gives[0])) return std::nullopt;
    return JournalPlace{classNames[0], subjectNames[0], organizations[0], gives[0] != 0};
}

std::vector<ClassStudent> TeachingRepository::studentsOf(std::int64_t classId) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> last, first, middle;
    std::vector<std::string> roles;
    s_ << db_.sql(
        "SELECT u.id, p.last_name, p.first_name, p.middle_name, u.roles FROM users u"
        " JOIN persons p ON p.id = u.person_id WHERE u.class_id = ?"
        " AND u.state = 'active' ORDER BY p.last_name, p.first_name, u.id"),
        bind(classId), into(ids), into(last), into(first), into(middle), into(roles), now;
    std::vector<ClassStudent> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto r = domain::parseRoleList(roles[i]);
        if (!r || !r->count(domain::Role::Student)) continue;
        out.push_back({ids[i], last[i], first[i], middle[i]});
    }
    return out;
}

}  // namespace netcity::store::journal
