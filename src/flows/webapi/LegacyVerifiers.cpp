#include "flows/webapi/LegacyVerifiers.h"

#include "crypto/SgoChallenge.h"
#include "domain/webapi/Cp1251.h"
#include "store/webapi/PasswordVerifiers.h"

namespace netcity::flows::webapi {

std::string LegacyVerifiers::context(std::int64_t accountId) {
    return "webapi-verifier:" + std::to_string(accountId);
}

void LegacyVerifiers::remember(Poco::Data::Session& s, std::int64_t accountId,
                               const std::string& password) {
    if (!enabled_) return;
    auto bytes = domain::webapi::toCp1251(password);
    store::webapi::PasswordVerifiers repo(db_, s);
    if (!bytes) return repo.remove(accountId);
    repo.put(accountId, vault_.sealText(crypto::md5Hex(*bytes), context(accountId)));
}

std::optional<std::string> LegacyVerifiers::verifierOf(std::int64_t accountId) {
    if (!enabled_) return std::nullopt;
    std::optional<std::string> sealed;
    {
        auto s = db_.session();
        sealed = store::webapi::PasswordVerifiers(db_, s).find(accountId);
    }
    if (!sealed) return std::nullopt;
    return vault_.openText(*sealed, context(accountId));
}

long LegacyVerifiers::applySwitch() {
    if (enabled_) return 0;
    auto s = db_.session();
    return store::webapi::PasswordVerifiers(db_, s).removeAll();
}

}  // namespace netcity::flows::webapi
