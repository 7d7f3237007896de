#include "store/webapi/LoginChallenges.h"

#include <vector>

using namespace Poco::Data::Keywords;

namespace netcity::store::webapi {

bool LoginChallenges::add(const std::string& cookieHash, const LoginChallenge& c,
                          std::int64_t expiresAt) {
    std::vector<std::string> added;
    s_ << db_.sql(
        "INSERT INTO webapi_challenges (cookie_hash, lt, ver, salt, expires_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING lt"),
        bind(cookieHash), bind(c.lt), bind(c.ver), bind(c.salt), bind(expiresAt), into(added), now;
    return !added.empty();
}

std::optional<LoginChallenge> LoginChallenges::take(const std::string& cookieHash,
                                                    const std::string& lt, std::int64_t at) {
    // One statement: two sign-ins racing with the same lt cannot both get it.
    std::vector<std::string> ver, salt;
    std::vector<std::int64_t> expires;
    s_ << db_.sql(
        "DELETE FROM webapi_challenges WHERE cookie_hash = ? AND lt = ?"
        " RETURNING ver, salt, expires_at"),
        bind(cookieHash), bind(lt), into(ver), into(salt), into(expires), now;
    if (ver.empty() || expires[0] < at) return std::nullopt;
    return LoginChallenge{lt, ver[0], salt[0]};
}

long LoginChallenges::removeExpired(std::int64_t at) {
    Poco::Data::Statement st(s_);
    st << db_.sql("DELETE FROM webapi_challenges WHERE expires_at < ?"), bind(at);
    return static_cast<long>(st.execute());
}

}  // namespace netcity::store::webapi
