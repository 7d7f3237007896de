#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "flows/Clock.h"
#include "flows/TtlCache.h"
#include "store/AccountRepository.h"
#include "store/Database.h"
#include "store/PersonRepository.h"

namespace netcity::flows {

// What the signed-in pages show about an account: the profile and, for a parent, the
// children. Read on every page, so kept briefly in a TtlCache.
struct AccountOverview {
    store::AccountProfile profile;
    std::vector<store::ChildView> children;
};

class AccountOverviews {
  public:
    AccountOverviews(store::Database& db, const store::SnilsVault& vault, const Clock& clock,
                     std::int64_t cacheSeconds)
        : db_(db), vault_(vault), clock_(clock), cache_(cacheSeconds) {}

    std::shared_ptr<const AccountOverview> get(std::int64_t accountId);
    // After a change made on this node, the next read sees it.
    void forget(std::int64_t accountId) { cache_.erase(accountId); }

  private:
    store::Database& db_;
    const store::SnilsVault& vault_;
    const Clock& clock_;
    TtlCache<std::int64_t, std::shared_ptr<const AccountOverview>> cache_;
};

}  // namespace netcity::flows
