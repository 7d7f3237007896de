#include "store/journal/StudentRepository.h"

#include <Poco/Data/RecordSet.h>

using namespace Poco::Data::Keywords;

namespace netcity::store::journal {

std::vector<StudentPlace> StudentRepository::select(const std::string& join,
                                                    const std::string& where, std::int64_t value) {
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT u.id, u.organization_id, COALESCE(u.class_id, 0), p.last_name,"
        " p.first_name, p.middle_name, o.name, COALESCE(c.name, '') FROM users u" +
        join +
        " JOIN persons p ON p.id = u.person_id"
        " JOIN organizations o ON o.id = u.organization_id"
        " LEFT JOIN classes c ON c.id = u.class_id"
        " WHERE u.state = 'active' AND ';' || u.roles || ';' LIKE '%;student;%' AND " +
        where + " ORDER BY p.last_name, p.first_name, p.middle_name, o.name, u.id"),
        bind(value);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<StudentPlace> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        StudentPlace p;
        p.accountId = rs[0].convert<std::int64_t>();
        p.organizationId = rs[1].convert<std::int64_t>();
        p.classId = rs[2].convert<std::int64_t>();
        p.name = {rs[3].convert<std::string>(), rs[4].convert<std::string>(),
                  rs[5].convert<std::string>()};
        p.organizationName = rs[6].convert<std::string>();
        p.className = rs[7].convert<std::string>();
        out.push_back(std::move(p));
    }
    return out;
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
