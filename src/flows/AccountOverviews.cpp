#include "flows/AccountOverviews.h"

namespace netcity::flows {

std::shared_ptr<const AccountOverview> AccountOverviews::get(std::int64_t accountId) {
    std::int64_t now = clock_.unixSeconds();
    if (auto cached = cache_.get(accountId, now)) return *cached;
    auto s = db_.session();
    auto profile = store::AccountRepository(db_, s).profile(accountId);
    if (!profile) return nullptr;
    auto overview = std::make_shared<AccountOverview>();
    overview->profile = *profile;
    if (profile->roles.count(domain::Role::Parent))
        overview->children = store::PersonRepository(db_, s, vault_).children(profile->personId);
    cache_.put(accountId, overview, now);
    return overview;
}

}  // namespace netcity::flows
