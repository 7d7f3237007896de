#include "store/DirectoryRepository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <set>
#include <stdexcept>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace netcity::store {

std::vector<DirectoryEntry> DirectoryRepository::list(const std::string& sql,
                                                      std::int64_t parentId) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    if (parentId >= 0) {
        s_ << db_.sql(sql), into(ids), into(names), bind(parentId), now;
    } else {
        s_ << db_.sql(sql), into(ids), into(names), now;
    }
    std::vector<DirectoryEntry> out;
    out.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], names[i]});
    return out;
}

std::vector<DirectoryEntry> DirectoryRepository::regions() {
    return list("SELECT id, name FROM regions ORDER BY name", -1);
}

std::vector<DirectoryEntry> DirectoryRepository::municipalities(std::int64_t regionId) {
    return list("SELECT id, name FROM municipalities WHERE region_id = ? ORDER BY name", regionId);
}

std::vector<DirectoryEntry> DirectoryRepository::localities(std::int64_t municipalityId) {
    return list("SELECT id, name FROM localities WHERE municipality_id = ? ORDER BY name",
                municipalityId);
}

std::vector<domain::OrganizationType> DirectoryRepository::organizationTypes(
    std::int64_t localityId) {
    std::vector<std::string> codes;
    s_ << db_.sql("SELECT DISTINCT type FROM organizations WHERE locality_id = ?"), into(codes),
        bind(localityId), now;
    std::set<domain::OrganizationType> present;
    for (const auto& c : codes)
        if (auto t = domain::parseOrganizationTypeCode(c)) present.insert(*t);
    std::vector<domain::OrganizationType> out;
    for (auto t : domain::schoolOrganizationTypes())
        if (present.count(t)) out.push_back(t);
    return out;
}

std::vector<DirectoryEntry> DirectoryRepository::organizations(std::int64_t localityId,
                                                               domain::OrganizationType type) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    std::string typeCode = domain::code(type);
    s_ << db_.sql(
        "SELECT id, name FROM organizations WHERE locality_id = ? AND type = ?"
        " ORDER BY name"),
        into(ids), into(names), bind(localityId), bind(typeCode), now;
    std::vector<DirectoryEntry> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], names[i]});
    return out;
}

std::vector<DirectoryEntry> DirectoryRepository::organizationsOfType(
    domain::OrganizationType type) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names, places;
    std::string typeCode = domain::code(type);
    s_ << db_.sql(
        "SELECT o.id, o.name, COALESCE(l.name, m.name) FROM organizations o"
        " JOIN municipalities m ON m.id = o.municipality_id"
        " LEFT JOIN localities l ON l.id = o.locality_id WHERE o.type = ?"
        " ORDER BY COALESCE(l.name, m.name), o.name"),
        into(ids), into(names), into(places), bind(typeCode), now;
    std::vector<DirectoryEntry> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], names[i] + " (" + places[i] + ")"});
    return out;
}

std::vector<DirectoryEntry> DirectoryRepository::organizationsOfMunicipality(
    std::int64_t municipalityId) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    s_ << db_.sql(
        "SELECT id, name FROM organizations WHERE municipality_id = ? AND type <> 'authority'"
        " ORDER BY name"),
        into(ids), into(names), bind(municipalityId), now;
    std::vector<DirectoryEntry> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], names[i]});
    return out;
}

std::vector<DirectoryEntry> DirectoryRepository::authorities(std::int64_t municipalityId) {
    return list(
        "SELECT id, name FROM organizations WHERE municipality_id = ? AND type = 'authority'"
        " ORDER BY name",
        municipalityId);
}

std::optional<Organization> DirectoryRepository::organization(std::int64_t id) {
    Statement st(s_);
    st << db_.sql(
        "SELECT o.id, o.name, o.type, r.id, m.id, o.locality_id, r.name, m.name,"
        " COALESCE(l.name, '') FROM organizations o"
        " JOIN municipalities m ON m.id = o.municipality_id"
        " JOIN regions r ON r.id = m.region_id"
        " LEFT JOIN localities l ON l.id = o.locality_id WHERE o.id = ?"),
        bind(id);
    st.execute();
    RecordSet rs(st);
    if (rs.rowCount() == 0) return std::nullopt;
    Organization o;
    o.id = rs.value(0, 0).convert<std::int64_t>();
    o.name = rs.value(1, 0).convert<std::string>();
    o.type = domain::parseOrganizationTypeCode(rs.value(2, 0).convert<std::string>())
                 .value_or(domain::OrganizationType::General);
    o.regionId = rs.value(3, 0).convert<std::int64_t>();
    o.municipalityId = rs.value(4, 0).convert<std::int64_t>();
    if (!rs.value(5, 0).isEmpty()) o.localityId = rs.value(5, 0).convert<std::int64_t>();
    o.regionName = rs.value(6, 0).convert<std::string>();
    o.municipalityName = rs.value(7, 0).convert<std::string>();
    o.localityName = rs.value(8, 0).convert<std::string>();
    return o;
}

std::vector<DirectoryEntry> DirectoryRepository::classes(std::int64_t organizationId) {
    return list("SELECT id, name FROM classes WHERE organization_id = ? ORDER BY name",
                organizationId);
}

std::optional<std::int64_t> DirectoryRepository::municipalityOfLocality(std::int64_t localityId) {
    std::vector<std::int64_t> ids;
    s_ << db_.sql("SELECT municipality_id FROM localities WHERE id = ?"), into(ids),
        bind(localityId), now;
    if (ids.empty()) return std::nullopt;
    return ids.front();
}

std::int64_t DirectoryRepository::upsertRegion(const std::string& key, const std::string& name) {
    std::int64_t id = 0;
    s_ << db_.sql(
        "INSERT INTO regions (key, name) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id"),
        bind(key), bind(name), into(id), now;
    return id;
}

// Municipalities, localities and classes: a key, a parent and a name.
std::int64_t DirectoryRepository::upsertNamedChild(const std::string& table,
                                                   const std::string& parentColumn,
                                                   const std::string& key, std::int64_t parentId,
                                                   const std::string& name) {
    std::int64_t id = 0;
    s_ << db_.sql("INSERT INTO " + table + " (key, " + parentColumn + ", name) VALUES (?, ?, ?)" +
                  " ON CONFLICT (key) DO UPDATE SET " + parentColumn + " = excluded." +
                  parentColumn + ", name = excluded.name RETURNING id"),
        bind(key), bind(parentId), bind(name), into(id), now;
    return id;
}

std::int64_t DirectoryRepository::upsertMunicipality(const std::string& key, std::int64_t regionId,
                                                     const std::string& name) {
    return upsertNamedChild("municipalities", "region_id", key, regionId, name);
}

std::int64_t DirectoryRepository::upsertLocality(const std::string& key,
                                                 std::int64_t municipalityId,
                                                 const std::string& name) {
    return upsertNamedChild("localities", "municipality_id", key, municipalityId, name);
}

std::int64_t DirectoryRepository::upsertOrganization(const std::string& key,
                                                     std::int64_t municipalityId,
                                                     std::optional<std::int64_t> localityId,
                                                     domain::OrganizationType type,
                                                     const std::string& name) {
    std::int64_t id = 0;
    Poco::Nullable<std::int64_t> locality;
    if (localityId) locality = *localityId;
    std::string typeCode = domain::code(type);
    s_ << db_.sql(
        "INSERT INTO organizations (key, municipality_id, locality_id, type, name)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
        " municipality_id = excluded.municipality_id,"
        " locality_id = excluded.locality_id, type = excluded.type,"
        " name = excluded.name RETURNING id"),
        bind(key), bind(municipalityId), bind(locality), bind(typeCode), bind(name), into(id), now;
    return id;
}

std::int64_t DirectoryRepository::upsertClass(const std::string& key, std::int64_t organizationId,
                                              const std::string& name) {
    return upsertNamedChild("classes", "organization_id", key, organizationId, name);
}

void DirectoryRepository::setClassTeacher(std::int64_t classId, std::int64_t userId) {
    s_ << db_.sql("UPDATE classes SET teacher_user_id = ? WHERE id = ?"), bind(userId),
        bind(classId), now;
}

std::optional<std::int64_t> DirectoryRepository::idByKey(const std::string& table,
                                                         const std::string& key) {
    static const std::set<std::string> kTables{"regions",       "municipalities", "localities",
                                               "organizations", "classes",        "persons"};
    if (!kTables.count(table)) throw std::invalid_argument("no keyed table " + table);
    std::vector<std::int64_t> ids;
    s_ << db_.sql("SELECT id FROM " + table + " WHERE key = ?"), into(ids), bind(key), now;
    if (ids.empty()) return std::nullopt;
    return ids.front();
}

std::optional<domain::OrganizationType> DirectoryRepository::organizationTypeByKey(
    const std::string& key) {
    std::vector<std::string> types;
    s_ << db_.sql("SELECT type FROM organizations WHERE key = ?"), into(types), bind(key), now;
    if (types.empty()) return std::nullopt;
    return domain::parseOrganizationTypeCode(types.front());
}

std::optional<std::string> DirectoryRepository::organizationKeyOfClass(
    const std::string& classKey) {
    std::vector<std::string> keys;
    s_ << db_.sql(
        "SELECT o.key FROM classes c JOIN organizations o ON o.id = c.organization_id"
        " WHERE c.key = ?"),
        into(keys), bind(classKey), now;
    if (keys.empty()) return std::nullopt;
    return keys.front();
}

std::optional<std::string> DirectoryRepository::personKeyOfLogin(const std::string& organizationKey,
                                                                 const std::string& loginKey) {
    std::vector<std::string> keys;
    s_ << db_.sql(
        "SELECT COALESCE(p.key, '') FROM users u JOIN organizations o ON o.id = u.organization_id"
        " JOIN persons p ON p.id = u.person_id WHERE o.key = ? AND u.login_key = ?"),
        into(keys), bind(organizationKey), bind(loginKey), now;
    if (keys.empty()) return std::nullopt;
    return keys.front();
}

}  // namespace netcity::store
