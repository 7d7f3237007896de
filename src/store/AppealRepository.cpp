#include "store/AppealRepository.h"

#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace netcity::store {
namespace {

const char* kColumns =
    "SELECT a.id, a.number, a.organization_id, o.municipality_id, a.class_id, o.name,"
    " COALESCE(c.name, ''), a.role, a.esia_oid, a.applicant_name, a.email, a.data_sealed,"
    " a.comment, a.status, a.reason, a.resolution, a.created_at, a.decided_at, a.decided_by"
    " FROM appeals a JOIN organizations o ON o.id = a.organization_id"
    " LEFT JOIN classes c ON c.id = a.class_id WHERE ";

std::string classList(const std::set<std::int64_t>& classes) {
    std::string out;
    for (auto id : classes) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out.empty() ? "0" : out;  // ids are numbers we hold: safe to inline
}

std::string filterWhere(const AppealFilter& f) {
    std::string where = "a.organization_id = ? AND (CAST(? AS TEXT) = '' OR a.status = ?)";
    if (f.classes) where += " AND a.class_id IN (" + classList(*f.classes) + ")";
    return where;
}

}  // namespace

std::optional<std::int64_t> AppealRepository::insert(const StoredAppeal& a,
                                                     const std::string& openKey) {
    Poco::Nullable<std::int64_t> classId;
    if (a.classId) classId = *a.classId;
    std::string status = domain::code(a.status);
    std::vector<std::int64_t> id;
    s_ << db_.sql(
        "INSERT INTO appeals (number, organization_id, class_id, role, esia_oid,"
        " applicant_name, email, data_sealed, comment, status, open_key, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (open_key) DO NOTHING RETURNING id"),
        bind(a.number), bind(a.organizationId), bind(classId), bind(a.role), bind(a.esiaOid),
        bind(a.applicantName), bind(a.email), bind(a.dataSealed), bind(a.comment), bind(status),
        bind(openKey), bind(a.createdAt), into(id), now;
    if (id.empty()) return std::nullopt;
    return id[0];
}

std::vector<StoredAppeal> AppealRepository::select(const std::string& where, const Binds& binds,
                                                   int limit, int offset) {
    std::vector<std::int64_t> id, org, municipality, oid, created;
    std::vector<Poco::Nullable<std::int64_t>> classId, decidedAt, decidedBy;
    std::vector<std::string> number, orgName, className, role, name, email, data, comment, status,
        reason, resolution;
    Poco::Data::Statement st(s_);
    st << db_.sql(std::string(kColumns) + where + " ORDER BY a.id DESC LIMIT ? OFFSET ?"), into(id),
        into(number), into(org), into(municipality), into(classId), into(orgName), into(className),
        into(role), into(oid), into(name), into(email), into(data), into(comment), into(status),
        into(reason), into(resolution), into(created), into(decidedAt), into(decidedBy);
    binds(st);
    st, bind(limit), bind(offset);
    st.execute();
    std::vector<StoredAppeal> out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        StoredAppeal x;
        x.id = id[i];
        x.number = number[i];
        x.organizationId = org[i];
        x.municipalityId = municipality[i];
        if (!classId[i].isNull()) x.classId = classId[i].value();
        x.organizationName = orgName[i];
        x.className = className[i];
        x.role = role[i];
        x.esiaOid = oid[i];
        x.applicantName = name[i];
        x.email = email[i];
        x.dataSealed = data[i];
        x.comment = comment[i];
        x.status = domain::parseAppealStatus(status[i]).value_or(domain::AppealStatus::New);
        x.reason = reason[i];
        x.resolution = resolution[i];
        x.createdAt = created[i];
        if (!decidedAt[i].isNull()) x.decidedAt = decidedAt[i].value();
        if (!decidedBy[i].isNull()) x.decidedBy = decidedBy[i].value();
        out.push_back(std::move(x));
    }
    return out;
}

std::optional<StoredAppeal> AppealRepository::byId(std::int64_t id) {
    auto found = select(
        "a.id = ?", [&](Poco::Data::Statement& st) { st, bind(id); }, 1, 0);
    if (found.empty()) return std::nullopt;
    return found[0];
}

std::optional<StoredAppeal> AppealRepository::byOpenKey(const std::string& openKey) {
    std::vector<std::int64_t> id;
    s_ << db_.sql("SELECT id FROM appeals WHERE open_key = ?"), bind(openKey), into(id), now;
    if (id.empty()) return std::nullopt;
    return byId(id[0]);
}

std::vector<StoredAppeal> AppealRepository::list(const AppealFilter& f) {
    std::string status = f.status ? domain::code(*f.status) : "";
    return select(
        filterWhere(f),
        [&](Poco::Data::Statement& st) { st, bind(f.organizationId), bind(status), bind(status); },
        f.limit, f.offset);
}

int AppealRepository::count(const AppealFilter& f) {
    std::string status = f.status ? domain::code(*f.status) : "";
    std::int64_t n = 0;
    s_ << db_.sql("SELECT COUNT(*) FROM appeals a WHERE " + filterWhere(f)), bind(f.organizationId),
        bind(status), bind(status), into(n), now;
    return static_cast<int>(n);
}

std::vector<StoredAppeal> AppealRepository::ofEsiaAccount(std::int64_t oid) {
    return select(
        "a.esia_oid = ?", [&](Poco::Data::Statement& st) { st, bind(oid); }, 20, 0);
}

bool AppealRepository::decide(std::int64_t id, domain::AppealStatus status,
                              const std::string& reason, const std::string& resolution,
                              std::int64_t decidedBy, std::int64_t at) {
    std::string code = domain::code(status);
    std::vector<std::int64_t> done;
    s_ << db_.sql(
        "UPDATE appeals SET status = ?, reason = ?, resolution = ?, decided_by = ?,"
        " decided_at = ?, open_key = NULL WHERE id = ? AND status = 'new' RETURNING id"),
        bind(code), bind(reason), bind(resolution), bind(decidedBy), bind(at), bind(id), into(done),
        now;
    return !done.empty();
}

}  // namespace netcity::store
