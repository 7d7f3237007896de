#include "store/AccountRepository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include "domain/Utf8Text.h"

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace netcity::store {

std::string loginKey(const std::string& login) {
    return domain::lowerCase(login);
}

std::optional<Account> AccountRepository::one(const std::string& where, std::int64_t a,
                                              const std::string* b) {
    Statement st(s_);
    st << db_.sql(
        "SELECT id, organization_id, person_id, login, COALESCE(password_hash, ''), roles,"
        " class_id, state, must_change_password, temp_password_expires_at,"
        " CASE WHEN control_question IS NULL THEN 0 ELSE 1 END"
        " FROM users WHERE " +
        where),
        bind(a);
    if (b) st, bind(*b);
    st.execute();
    RecordSet rs(st);
    if (rs.rowCount() == 0) return std::nullopt;
    Account acc;
    acc.id = rs.value(0, 0).convert<std::int64_t>();
    acc.organizationId = rs.value(1, 0).convert<std::int64_t>();
    acc.personId = rs.value(2, 0).convert<std::int64_t>();
    acc.login = rs.value(3, 0).convert<std::string>();
    acc.passwordHash = rs.value(4, 0).convert<std::string>();
    acc.roles =
        domain::parseRoleList(rs.value(5, 0).convert<std::string>()).value_or(domain::RoleSet{});
    if (!rs.value(6, 0).isEmpty()) acc.classId = rs.value(6, 0).convert<std::int64_t>();
    acc.blocked = rs.value(7, 0).convert<std::string>() != "active";
    acc.mustChangePassword = rs.value(8, 0).convert<int>() != 0;
    if (!rs.value(9, 0).isEmpty())
        acc.temporaryPasswordExpiresAt = rs.value(9, 0).convert<std::int64_t>();
    acc.hasControlQuestion = rs.value(10, 0).convert<int>() != 0;
    return acc;
}

std::optional<Account> AccountRepository::byLogin(std::int64_t organizationId,
                                                  const std::string& login) {
    std::string key = loginKey(login);
    return one("organization_id = ? AND login_key = ?", organizationId, &key);
}

std::optional<Account> AccountRepository::byId(std::int64_t id) {
    return one("id = ?", id, nullptr);
}

std::optional<AccountProfile> AccountRepository::profile(std::int64_t accountId) {
    std::vector<std::int64_t> personId, orgId;
    std::vector<std::string> last, first, middle, roles, login, orgName, className;
    std::vector<int> mustChange;
    s_ << db_.sql(
        "SELECT u.person_id, u.organization_id, p.last_name, p.first_name,"
        " p.middle_name, u.roles, u.login, o.name, COALESCE(c.name, ''),"
        " u.must_change_password FROM users u"
        " JOIN persons p ON p.id = u.person_id"
        " JOIN organizations o ON o.id = u.organization_id"
        " LEFT JOIN classes c ON c.id = u.class_id WHERE u.id = ?"),
        into(personId), into(orgId), into(last), into(first), into(middle), into(roles),
        into(login), into(orgName), into(className), into(mustChange), bind(accountId), now;
    if (personId.empty()) return std::nullopt;
    AccountProfile p;
    p.accountId = accountId;
    p.personId = personId[0];
    p.organizationId = orgId[0];
    p.name = {last[0], first[0], middle[0]};
    p.roles = domain::parseRoleList(roles[0]).value_or(domain::RoleSet{});
    p.login = login[0];
    p.organizationName = orgName[0];
    p.className = className[0];
    p.mustChangePassword = mustChange[0] != 0;
    return p;
}

std::int64_t AccountRepository::upsert(const Account& a, std::int64_t at) {
    Poco::Nullable<std::string> hash;
    if (!a.passwordHash.empty()) hash = a.passwordHash;
    Poco::Nullable<std::int64_t> classId;
    if (a.classId) classId = *a.classId;
    std::string key = loginKey(a.login), roles = domain::joinCodes(a.roles);
    int mustChange = a.mustChangePassword ? 1 : 0;
    std::int64_t id = 0;
    s_ << db_.sql(
        "INSERT INTO users (organization_id, person_id, login, login_key, password_hash,"
        " roles, class_id, must_change_password, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (organization_id, login_key) DO UPDATE SET"
        " person_id = excluded.person_id, login = excluded.login,"
        " password_hash = COALESCE(excluded.password_hash, users.password_hash),"
        " roles = excluded.roles, class_id = excluded.class_id RETURNING id"),
        bind(a.organizationId), bind(a.personId), bind(a.login), bind(key), bind(hash), bind(roles),
        bind(classId), bind(mustChange), bind(at), into(id), now;
    if (!a.passwordHash.empty()) forgetWebApiVerifier(id);
    return id;
}

std::optional<std::int64_t> AccountRepository::insert(const Account& a, std::int64_t at) {
    Poco::Nullable<std::int64_t> classId;
    if (a.classId) classId = *a.classId;
    std::string key = loginKey(a.login), roles = domain::joinCodes(a.roles);
    std::vector<std::int64_t> id;
    s_ << db_.sql(
        "INSERT INTO users (organization_id, person_id, login, login_key, roles, class_id,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (organization_id, login_key) DO NOTHING RETURNING id"),
        bind(a.organizationId), bind(a.personId), bind(a.login), bind(key), bind(roles),
        bind(classId), bind(at), into(id), now;
    if (id.empty()) return std::nullopt;
    return id[0];
}

// The legacy verifier (web/webapi) belongs to the password it was made of: a new password
// leaves none until it is used or set with the option on.
void AccountRepository::forgetWebApiVerifier(std::int64_t accountId) {
    s_ << db_.sql("DELETE FROM webapi_verifiers WHERE user_id = ?"), bind(accountId), now;
}

void AccountRepository::setPasswordHash(std::int64_t accountId, const std::string& hash,
                                        bool mustChange) {
    int flag = mustChange ? 1 : 0;
    s_ << db_.sql(
        "UPDATE users SET password_hash = ?, must_change_password = ?,"
        " temp_password_expires_at = NULL WHERE id = ?"),
        bind(hash), bind(flag), bind(accountId), now;
    forgetWebApiVerifier(accountId);
}

void AccountRepository::issueTemporaryPassword(std::int64_t accountId, const std::string& hash,
                                               std::int64_t expiresAt) {
    s_ << db_.sql(
        "UPDATE users SET password_hash = ?, must_change_password = 1,"
        " temp_password_expires_at = ? WHERE id = ?"),
        bind(hash), bind(expiresAt), bind(accountId), now;
    forgetWebApiVerifier(accountId);
}

void AccountRepository::setBlocked(std::int64_t accountId, bool blocked) {
    std::string state = blocked ? "blocked" : "active";
    s_ << db_.sql("UPDATE users SET state = ? WHERE id = ?"), bind(state), bind(accountId), now;
}

std::vector<std::int64_t> AccountRepository::activeByEmail(const std::string& email, int limit) {
    std::vector<std::int64_t> ids;
    s_ << db_.sql(
        "SELECT u.id FROM users u JOIN persons p ON p.id = u.person_id"
        " WHERE LOWER(p.email) = LOWER(?) AND u.state = 'active' ORDER BY u.id LIMIT ?"),
        bind(email), bind(limit), into(ids), now;
    return ids;
}

std::optional<std::pair<std::string, std::string>> AccountRepository::controlQuestion(
    std::int64_t accountId) {
    std::vector<Poco::Nullable<std::string>> question, hash;
    s_ << db_.sql("SELECT control_question, control_answer_hash FROM users WHERE id = ?"),
        bind(accountId), into(question), into(hash), now;
    if (question.empty() || question[0].isNull() || hash[0].isNull()) return std::nullopt;
    return std::pair{question[0].value(), hash[0].value()};
}

std::int64_t AccountRepository::count() {
    std::int64_t n = 0;
    s_ << "SELECT COUNT(*) FROM users", into(n), now;
    return n;
}

void AccountRepository::setControlQuestion(std::int64_t accountId, const std::string& question,
                                           const std::string& answerHash) {
    s_ << db_.sql("UPDATE users SET control_question = ?, control_answer_hash = ? WHERE id = ?"),
        bind(question), bind(answerHash), bind(accountId), now;
}

}  // namespace netcity::store
