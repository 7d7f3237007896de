#include "store/journal/StudentRepository.h"

#include <Poco/Data/RecordSet.h>

using namespace Poco::Data::Keywords;

namespace netcity::store::journal {

namespace {

constexpr const char* kColumns =
    "u.id, u.organization_id, COALESCE(u.class_id, 0), p.last_name, p.first_name,"
    " p.middle_name, o.name, COALESCE(c.name, '')";
// What joins a student account `u` to its person and its place.
constexpr const char* kPlace =
    " JOIN persons p ON p.id = u.person_id JOIN organizations o ON o.id = u.organization_id"
    " LEFT JOIN classes c ON c.id = u.class_id";
constexpr const char* kActiveStudent =
    "u.state = 'active' AND ';' || u.roles || ';' LIKE '%;student;%'";

std::vector<StudentPlace> places(Poco::Data::RecordSet rs, std::size_t first) {
    std::vector<StudentPlace> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        StudentPlace p;
        p.accountId = rs[first].convert<std::int64_t>();
        p.organizationId = rs[first + 1].convert<std::int64_t>();
        p.classId = rs[first + 2].convert<std::int64_t>();
        p.name = {rs[first + 3].convert<std::string>(), rs[first + 4].convert<std::string>(),
                  rs[first + 5].convert<std::string>()};
        p.organizationName = rs[first + 6].convert<std::string>();
        p.className = rs[first + 7].convert<std::string>();
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

std::vector<StudentPlace> StudentRepository::select(const std::string& join,
                                                    const std::string& where, std::int64_t value) {
    Poco::Data::Statement st(s_);
    st << db_.sql(std::string("SELECT ") + kColumns + " FROM users u" + join + kPlace + " WHERE " +
                  kActiveStudent + " AND " + where +
                  " ORDER BY p.last_name, p.first_name, p.middle_name, o.name, u.id"),
        bind(value);
    st.execute();
    return places(Poco::Data::RecordSet(st), 0);
}

std::vector<StudentPlace> StudentRepository::readableBy(std::int64_t viewerId) {
    Poco::Data::Statement st(s_);
    st << db_.sql(std::string("SELECT 0, ") + kColumns + " FROM users u" + kPlace +
                  " WHERE u.id = ? AND " + kActiveStudent + " UNION ALL SELECT 1, " + kColumns +
                  " FROM users v JOIN person_relations r ON r.parent_person_id = v.person_id"
                  " JOIN users u ON u.person_id = r.child_person_id" +
                  kPlace +
                  " WHERE v.id = ? AND v.state = 'active'"
                  " AND ';' || v.roles || ';' LIKE '%;parent;%' AND u.id <> v.id AND " +
                  kActiveStudent + " ORDER BY 1, 5, 6, 7, 8, 2"),
        bind(viewerId), bind(viewerId);
    st.execute();
    return places(Poco::Data::RecordSet(st), 1);
}

std::optional<StudentPlace> StudentRepository::student(std::int64_t accountId) {
    auto found = select("", "u.id = ?", accountId);
    if (found.empty()) return std::nullopt;
    return found[0];
}

std::vector<StudentPlace> StudentRepository::childrenOf(std::int64_t parentPersonId) {
    return select(" JOIN person_relations r ON r.child_person_id = u.person_id",
                  "r.parent_person_id = ?", parentPersonId);
}

}  // namespace netcity::store::journal
