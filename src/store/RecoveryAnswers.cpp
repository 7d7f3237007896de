#include "store/RecoveryAnswers.h"

#include <vector>

using namespace Poco::Data::Keywords;

namespace netcity::store {

bool RecoveryAnswers::record(const std::string& requestKey, std::int64_t at) {
    std::string key = requestKey;
    std::vector<std::string> recorded;
    s_ << db_.sql(
        "INSERT INTO recovery_answers (request_key, answered_at) VALUES (?, ?)"
        " ON CONFLICT (request_key) DO NOTHING RETURNING request_key"),
        bind(key), bind(at), into(recorded), now;
    return !recorded.empty();
}

long RecoveryAnswers::removeOlderThan(std::int64_t before) {
    Poco::Data::Statement st(s_);
    st << db_.sql("DELETE FROM recovery_answers WHERE answered_at < ?"), bind(before);
    return static_cast<long>(st.execute());
}

}  // namespace netcity::store
