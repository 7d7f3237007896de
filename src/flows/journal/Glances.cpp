#include "flows/journal/Glances.h"

namespace netcity::flows::journal {

std::shared_ptr<const Glances::List> Glances::get(std::int64_t viewerId) {
    auto now = clock_.unixSeconds();
    if (auto cached = cache_.get(viewerId, now)) return *cached;
    auto readAt = cache_.generation();
    auto s = db_.session();
    auto list = std::make_shared<const List>(Diary(db_, clock_, zone_).glance(s, viewerId));
    cache_.put(viewerId, list, now, readAt);
    return list;
}

}  // namespace netcity::flows::journal
