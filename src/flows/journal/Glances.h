#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "flows/TtlCache.h"
#include "flows/journal/Diary.h"

namespace netcity::flows::journal {

// The main page's glance at a viewer's students (Diary::glance), kept briefly per viewer like
// the account overview: the main page is what every student and parent opens, and the glance
// costs its few SQL statements more than everything else of the page. A journal change made on
// this node clears every glance at once (callers forgetAll); one made on another node shows at
// most `cacheSeconds` later. A TTL of 0 turns the cache off.
class Glances {
  public:
    using List = std::vector<Diary::Glance>;

    Glances(store::Database& db, const Clock& clock, domain::UtcOffset zone,
            std::int64_t cacheSeconds)
        : db_(db), clock_(clock), zone_(zone), cache_(cacheSeconds) {}

    std::shared_ptr<const List> get(std::int64_t viewerId);
    void forgetAll() { cache_.clear(); }

  private:
    store::Database& db_;
    const Clock& clock_;
    domain::UtcOffset zone_;
    TtlCache<std::int64_t, std::shared_ptr<const List>> cache_;
};

}  // namespace netcity::flows::journal
