#include "store/PersonRepository.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace netcity::store {
namespace {

Poco::Nullable<std::string> optionalText(const std::string& s) {
    if (s.empty()) return {};
    return s;
}

// The card's columns as bound values, SNILS sealed and indexed.
struct CardColumns {
    Poco::Nullable<std::string> birth, gender, email, phone, index;
    Poco::Nullable<Poco::Data::BLOB> sealed;

    CardColumns(const Person& p, const SnilsVault& vault)
        : gender(optionalText(p.gender)),
          email(optionalText(p.email)),
          phone(optionalText(p.phone)) {
        if (p.birthDate) birth = p.birthDate->iso();
        if (p.snils) {
            auto bytes = vault.seal(*p.snils);
            sealed = Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(bytes.data()),
                                      bytes.size());
            index = vault.blindIndex(*p.snils);
        }
    }
};

}  // namespace

std::int64_t PersonRepository::upsertByKey(const Person& p, std::int64_t at) {
    Poco::Nullable<std::string> birth, gender = optionalText(p.gender),
                                       email = optionalText(p.email), phone = optionalText(p.phone),
                                       index;
    Poco::Nullable<Poco::Data::BLOB> sealed;
    if (p.birthDate) birth = p.birthDate->iso();
    if (p.snils) {
        auto bytes = vault_.seal(*p.snils);
        sealed =
            Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
        index = vault_.blindIndex(*p.snils);
    }
    std::int64_t id = 0;
    s_ << db_.sql(
        "INSERT INTO persons (key, last_name, first_name, middle_name, birth_date, gender,"
        " snils_sealed, snils_index, email, phone, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
        " last_name = excluded.last_name, first_name = excluded.first_name,"
        " middle_name = excluded.middle_name, birth_date = excluded.birth_date,"
        " gender = excluded.gender, snils_sealed = excluded.snils_sealed,"
        " snils_index = excluded.snils_index, email = excluded.email,"
        " phone = excluded.phone, updated_at = excluded.updated_at RETURNING id"),
        bind(p.key), bind(p.name.last), bind(p.name.first), bind(p.name.middle), bind(birth),
        bind(gender), bind(sealed), bind(index), bind(email), bind(phone), bind(at), into(id), now;
    return id;
}

std::int64_t PersonRepository::create(const Person& p, std::int64_t at) {
    CardColumns c(p, vault_);
    std::int64_t id = 0;
    s_ << db_.sql(
        "INSERT INTO persons (last_name, first_name, middle_name, birth_date, gender,"
        " snils_sealed, snils_index, email, phone, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        bind(p.name.last), bind(p.name.first), bind(p.name.middle), bind(c.birth), bind(c.gender),
        bind(c.sealed), bind(c.index), bind(c.email), bind(c.phone), bind(at), into(id), now;
    return id;
}

void PersonRepository::updateCard(const Person& p, std::int64_t at) {
    CardColumns c(p, vault_);
    s_ << db_.sql(
        "UPDATE persons SET last_name = ?, first_name = ?, middle_name = ?, birth_date = ?,"
        " gender = ?, snils_sealed = ?, snils_index = ?, email = ?, phone = ?, updated_at = ?"
        " WHERE id = ?"),
        bind(p.name.last), bind(p.name.first), bind(p.name.middle), bind(c.birth), bind(c.gender),
        bind(c.sealed), bind(c.index), bind(c.email), bind(c.phone), bind(at), bind(p.id), now;
}

std::optional<Person> PersonRepository::byId(std::int64_t id) {
    Statement st(s_);
    st << db_.sql(
        "SELECT id, COALESCE(key, ''), last_name, first_name, middle_name,"
        " COALESCE(birth_date, ''), COALESCE(gender, ''), snils_sealed,"
        " COALESCE(email, ''), COALESCE(phone, '') FROM persons WHERE id = ?"),
        bind(id);
    st.execute();
    RecordSet rs(st);
    if (rs.rowCount() == 0) return std::nullopt;
    Person p;
    p.id = rs.value(0, 0).convert<std::int64_t>();
    p.key = rs.value(1, 0).convert<std::string>();
    p.name = {rs.value(2, 0).convert<std::string>(), rs.value(3, 0).convert<std::string>(),
              rs.value(4, 0).convert<std::string>()};
    p.birthDate = domain::CalendarDate::parse(rs.value(5, 0).convert<std::string>());
    p.gender = rs.value(6, 0).convert<std::string>();
    if (!rs.value(7, 0).isEmpty()) {
        const auto& blob = rs.value(7, 0).extract<Poco::Data::BLOB>();
        p.snils = vault_.open(
            crypto::Bytes(reinterpret_cast<const char*>(blob.rawContent()), blob.size()));
    }
    p.email = rs.value(8, 0).convert<std::string>();
    p.phone = rs.value(9, 0).convert<std::string>();
    return p;
}

void PersonRepository::addRelation(std::int64_t parentPersonId, std::int64_t childPersonId) {
    s_ << db_.sql(
        "INSERT INTO person_relations (parent_person_id, child_person_id) VALUES (?, ?)"
        " ON CONFLICT DO NOTHING"),
        bind(parentPersonId), bind(childPersonId), now;
}

void PersonRepository::removeRelation(std::int64_t parentPersonId, std::int64_t childPersonId) {
    s_ << db_.sql(
        "DELETE FROM person_relations WHERE parent_person_id = ? AND child_person_id = ?"),
        bind(parentPersonId), bind(childPersonId), now;
}

std::vector<std::int64_t> PersonRepository::parentsOf(std::int64_t childPersonId) {
    std::vector<std::int64_t> ids;
    s_ << db_.sql("SELECT parent_person_id FROM person_relations WHERE child_person_id = ?"),
        bind(childPersonId), into(ids), now;
    return ids;
}

std::vector<ChildView> PersonRepository::children(std::int64_t parentPersonId) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> last, first, middle, org, cls;
    s_ << db_.sql(
        "SELECT p.id, p.last_name, p.first_name, p.middle_name,"
        " COALESCE(MIN(o.name), ''), COALESCE(MIN(c.name), '')"
        " FROM person_relations r JOIN persons p ON p.id = r.child_person_id"
        " LEFT JOIN users u ON u.person_id = p.id"
        " LEFT JOIN organizations o ON o.id = u.organization_id"
        " LEFT JOIN classes c ON c.id = u.class_id"
        " WHERE r.parent_person_id = ?"
        " GROUP BY p.id, p.last_name, p.first_name, p.middle_name"
        " ORDER BY p.last_name, p.first_name"),
        into(ids), into(last), into(first), into(middle), into(org), into(cls),
        bind(parentPersonId), now;
    std::vector<ChildView> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], {last[i], first[i], middle[i]}, org[i], cls[i]});
    return out;
}

std::int64_t PersonRepository::count() {
    std::int64_t n = 0;
    s_ << "SELECT COUNT(*) FROM persons", into(n), now;
    return n;
}

std::vector<AccountOfPerson> PersonRepository::accountsBySnils(const domain::SnilsNumber& snils) {
    std::string index = vault_.blindIndex(snils);
    std::vector<std::int64_t> accountIds, personIds;
    std::vector<std::string> roles;
    s_ << db_.sql(
        "SELECT u.id, u.roles, p.id FROM persons p JOIN users u ON u.person_id = p.id"
        " WHERE p.snils_index = ? AND u.state = 'active' ORDER BY u.id"),
        into(accountIds), into(roles), into(personIds), bind(index), now;
    std::vector<AccountOfPerson> out;
    for (std::size_t i = 0; i < accountIds.size(); ++i) {
        auto person = byId(personIds[i]);
        if (!person) continue;
        out.push_back(
            {accountIds[i], domain::parseRoleList(roles[i]).value_or(domain::RoleSet{}), *person});
    }
    return out;
}

}  // namespace netcity::store
