#include "store/journal/AnnouncementRepository.h"

#include <Poco/Data/RecordSet.h>

#include <map>

using namespace Poco::Data::Keywords;

namespace netcity::store::journal {

std::int64_t AnnouncementRepository::post(const Announcement& a) {
    std::int64_t id = 0;
    std::string title = a.title, body = a.body;
    int whole = a.wholeOrganization ? 1 : 0;
    s_ << db_.sql(
        "INSERT INTO announcements (organization_id, author_user_id, title, body,"
        " posted_at, whole_organization) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
        bind(a.organizationId), bind(a.authorId), bind(title), bind(body), bind(a.postedAt),
        bind(whole), into(id), now;
    if (!a.wholeOrganization) addClasses(id, a.classIds);
    return id;
}

void AnnouncementRepository::addClasses(std::int64_t id,
                                        const std::vector<std::int64_t>& classIds) {
    for (auto classId : classIds)
        s_ << db_.sql(
            "INSERT INTO announcement_classes (announcement_id, class_id) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING"),
            bind(id), bind(classId), now;
}

std::int64_t AnnouncementRepository::put(const Announcement& a) {
    std::vector<std::int64_t> found;
    std::string title = a.title;
    s_ << db_.sql(
        "SELECT id FROM announcements WHERE organization_id = ? AND title = ?"
        " AND posted_at = ? ORDER BY id LIMIT 1"),
        bind(a.organizationId), bind(title), bind(a.postedAt), into(found), now;
    if (found.empty()) return post(a);
    std::int64_t id = found[0];
    std::string body = a.body;
    int whole = a.wholeOrganization ? 1 : 0;
    s_ << db_.sql(
        "UPDATE announcements SET author_user_id = ?, body = ?, whole_organization = ?"
        " WHERE id = ?"),
        bind(a.authorId), bind(body), bind(whole), bind(id), now;
    s_ << db_.sql("DELETE FROM announcement_classes WHERE announcement_id = ?"), bind(id), now;
    if (!a.wholeOrganization) addClasses(id, a.classIds);
    return id;
}

std::vector<Announcement> AnnouncementRepository::select(const std::string& where,
                                                         std::int64_t organizationId,
                                                         std::optional<std::int64_t> classId,
                                                         int limit) {
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT a.id, a.organization_id, a.author_user_id, p.last_name, p.first_name,"
        " p.middle_name, a.title, a.body, a.posted_at, a.whole_organization"
        " FROM announcements a JOIN users u ON u.id = a.author_user_id"
        " JOIN persons p ON p.id = u.person_id WHERE a.organization_id = ?" +
        where + " ORDER BY a.posted_at DESC, a.id DESC LIMIT ?"),
        bind(organizationId);
    if (classId) st, bind(*classId);
    st, bind(limit);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<Announcement> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        Announcement a;
        a.id = rs[0].convert<std::int64_t>();
        a.organizationId = rs[1].convert<std::int64_t>();
        a.authorId = rs[2].convert<std::int64_t>();
        a.authorName = {rs[3].convert<std::string>(), rs[4].convert<std::string>(),
                        rs[5].convert<std::string>()};
        a.title = rs[6].convert<std::string>();
        a.body = rs[7].convert<std::string>();
        a.postedAt = rs[8].convert<std::int64_t>();
        a.wholeOrganization = rs[9].convert<int>() != 0;
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<Announcement> AnnouncementRepository::forClass(std::int64_t organizationId,
                                                           std::int64_t classId, int limit) {
    return select(
        " AND (a.whole_organization = 1 OR EXISTS (SELECT 1 FROM announcement_classes"
        " ac WHERE ac.announcement_id = a.id AND ac.class_id = ?))",
        organizationId, classId, limit);
}

std::vector<Announcement> AnnouncementRepository::ofOrganization(std::int64_t organizationId,
                                                                 int limit) {
    auto list = select("", organizationId, std::nullopt, limit);
    addClassNames(list);
    return list;
}

void AnnouncementRepository::addClassNames(std::vector<Announcement>& list) {
    std::map<std::int64_t, Announcement*> byId;
    for (auto& a : list)
        if (!a.wholeOrganization) byId[a.id] = &a;
    if (byId.empty()) return;
    std::string in;
    for (std::size_t i = 0; i < byId.size(); ++i) in += i ? ", ?" : "?";
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT ac.announcement_id, c.id, c.name FROM announcement_classes ac"
        " JOIN classes c ON c.id = ac.class_id WHERE ac.announcement_id IN (" +
        in + ") ORDER BY c.name");
    for (const auto& entry : byId) st, bind(entry.first);
    st.execute();
    Poco::Data::RecordSet rs(st);
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        auto* a = byId[rs[0].convert<std::int64_t>()];
        a->classIds.push_back(rs[1].convert<std::int64_t>());
        a->classNames.push_back(rs[2].convert<std::string>());
    }
}

}  // namespace netcity::store::journal
