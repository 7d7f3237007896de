#include "store/webapi/PasswordVerifiers.h"

#include <vector>

using namespace Poco::Data::Keywords;

namespace netcity::store::webapi {

void PasswordVerifiers::put(std::int64_t accountId, const std::string& sealed) {
    s_ << db_.sql(
        "INSERT INTO webapi_verifiers (user_id, sealed) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET sealed = excluded.sealed"),
        bind(accountId), bind(sealed), now;
}

std::optional<std::string> PasswordVerifiers::find(std::int64_t accountId) {
    std::vector<std::string> sealed;
    s_ << db_.sql("SELECT sealed FROM webapi_verifiers WHERE user_id = ?"), into(sealed),
        bind(accountId), now;
    if (sealed.empty()) return std::nullopt;
    return sealed[0];
}

void PasswordVerifiers::remove(std::int64_t accountId) {
    s_ << db_.sql("DELETE FROM webapi_verifiers WHERE user_id = ?"), bind(accountId), now;
}

long PasswordVerifiers::removeAll() {
    Poco::Data::Statement st(s_);
    st << db_.sql("DELETE FROM webapi_verifiers");
    return static_cast<long>(st.execute());
}

}  // namespace netcity::store::webapi
