#include "store/StaffRepository.h"

#include <Poco/Nullable.h>

#include <map>

using namespace Poco::Data::Keywords;

namespace netcity::store {

std::optional<domain::StaffMember> StaffRepository::staffMember(std::int64_t accountId) {
    std::vector<std::int64_t> org, municipality;
    std::vector<std::string> roles;
    std::vector<Poco::Nullable<std::int64_t>> classId;
    s_ << db_.sql(
        "SELECT u.organization_id, o.municipality_id, u.roles, u.class_id FROM users u"
        " JOIN organizations o ON o.id = u.organization_id WHERE u.id = ? AND u.state = 'active'"),
        bind(accountId), into(org), into(municipality), into(roles), into(classId), now;
    if (org.empty()) return std::nullopt;
    domain::StaffMember m;
    m.accountId = accountId;
    m.organizationId = org[0];
    m.municipalityId = municipality[0];
    m.roles = domain::parseRoleList(roles[0]).value_or(domain::RoleSet{});
    if (!m.roles.count(domain::Role::Teacher)) return m;
    std::vector<std::int64_t> classes;
    s_ << db_.sql("SELECT id FROM classes WHERE teacher_user_id = ?"), bind(accountId),
        into(classes), now;
    m.classTeacherOf.insert(classes.begin(), classes.end());
    m.teaches = m.classTeacherOf;
    if (!classId[0].isNull()) m.teaches.insert(classId[0].value());
    std::vector<std::int64_t> taught;
    s_ << db_.sql("SELECT DISTINCT class_id FROM teaching_assignments WHERE teacher_user_id = ?"),
        bind(accountId), into(taught), now;
    m.teaches.insert(taught.begin(), taught.end());
    return m;
}

std::int64_t StaffRepository::municipalityOf(std::int64_t organizationId) {
    std::int64_t id = 0;
    s_ << db_.sql("SELECT municipality_id FROM organizations WHERE id = ?"), bind(organizationId),
        into(id), now;
    return id;
}

std::vector<PersonInOrganization> StaffRepository::people(std::int64_t organizationId,
                                                          const std::string& snilsIndex) {
    return select(organizationId, 0, snilsIndex);
}

std::optional<PersonInOrganization> StaffRepository::account(std::int64_t accountId) {
    std::vector<std::int64_t> org;
    s_ << db_.sql("SELECT organization_id FROM users WHERE id = ?"), bind(accountId), into(org),
        now;
    if (org.empty()) return std::nullopt;
    auto found = select(org[0], accountId, "");
    if (found.empty()) return std::nullopt;
    return found[0];
}

std::vector<PersonInOrganization> StaffRepository::accountsOfPerson(std::int64_t personId) {
    std::vector<std::int64_t> ids;
    s_ << db_.sql("SELECT id FROM users WHERE person_id = ? ORDER BY id"), bind(personId),
        into(ids), now;
    std::vector<PersonInOrganization> out;
    for (auto id : ids)
        if (auto a = account(id)) out.push_back(std::move(*a));
    return out;
}

std::vector<PersonInOrganization> StaffRepository::select(std::int64_t organizationId,
                                                          std::int64_t onlyAccount,
                                                          const std::string& snilsIndex) {
    std::int64_t municipality = municipalityOf(organizationId);
    std::vector<std::int64_t> accountId, personId;
    std::vector<std::string> last, first, middle, birth, roles, login, className, index, state;
    std::vector<Poco::Nullable<std::int64_t>> classId, oid;
    s_ << db_.sql(
        "SELECT u.id, p.id, p.last_name, p.first_name, p.middle_name,"
        " COALESCE(p.birth_date, ''), u.roles, u.login, COALESCE(c.name, ''),"
        " COALESCE(p.snils_index, ''), u.class_id, l.esia_oid, u.state"
        " FROM users u JOIN persons p ON p.id = u.person_id"
        " LEFT JOIN classes c ON c.id = u.class_id"
        " LEFT JOIN esia_links l ON l.user_id = u.id"
        " WHERE u.organization_id = ? AND (CAST(? AS BIGINT) = 0 OR u.id = ?)"
        " ORDER BY p.last_name, p.first_name, u.id"),
        bind(organizationId), bind(onlyAccount), bind(onlyAccount), into(accountId), into(personId),
        into(last), into(first), into(middle), into(birth), into(roles), into(login),
        into(className), into(index), into(classId), into(oid), into(state), now;
    // A parent belongs to the classes of their children in this organization.
    std::vector<std::int64_t> parentIds, childClasses;
    s_ << db_.sql(
        "SELECT r.parent_person_id, u.class_id FROM person_relations r"
        " JOIN users u ON u.person_id = r.child_person_id"
        " WHERE u.organization_id = ? AND u.class_id IS NOT NULL"),
        bind(organizationId), into(parentIds), into(childClasses), now;
    std::multimap<std::int64_t, std::int64_t> classesOfParent;
    for (std::size_t i = 0; i < parentIds.size(); ++i)
        classesOfParent.emplace(parentIds[i], childClasses[i]);
    std::vector<PersonInOrganization> out;
    for (std::size_t i = 0; i < accountId.size(); ++i) {
        PersonInOrganization p;
        p.accountId = accountId[i];
        p.personId = personId[i];
        p.name = {last[i], first[i], middle[i]};
        p.birthDate = domain::CalendarDate::parse(birth[i]);
        p.roles = domain::parseRoleList(roles[i]).value_or(domain::RoleSet{});
        p.login = login[i];
        p.className = className[i];
        p.sameSnils = !snilsIndex.empty() && index[i] == snilsIndex;
        if (!oid[i].isNull()) p.linkedOid = oid[i].value();
        p.blocked = state[i] != "active";
        p.place.organizationId = organizationId;
        p.place.municipalityId = municipality;
        p.place.staffAccount = domain::isStaff(p.roles);
        if (!classId[i].isNull()) p.place.classes.insert(classId[i].value());
        // A person may hold several accounts: only the parent account belongs to the
        // children's classes.
        if (p.roles.count(domain::Role::Parent)) {
            auto [from, to] = classesOfParent.equal_range(personId[i]);
            for (auto it = from; it != to; ++it) p.place.classes.insert(it->second);
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace netcity::store
