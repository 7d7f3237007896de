#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "flows/TtlCache.h"
#include "flows/journal/DiaryModel.h"
#include "store/Database.h"

namespace netcity::flows::journal {

// What the diary's week shows alike to every student of a class: the week's lessons with
// times, rooms and assignments (nobody's marks or absences), the organization's year as of
// today (for the term's averages) and the subjects taught in the class.
struct ClassDiary {
    DiaryWeek week;
    std::optional<domain::journal::Term> term;  // today's; none outside the terms or the year
    domain::journal::TermKind termKind = domain::journal::TermKind::Quarter;
    std::vector<std::pair<std::int64_t, std::string>> subjects;  // each once, by name
};

// The class's part of the diary, kept per class, organization, week and day for
// `cacheSeconds`: some thirty students read the same lessons and homework, and reading them
// was most of the diary's request. Like the main page's glance, a journal change made on this
// node clears every entry at once (callers forgetAll); one made on another node (or by an
// import) shows at most `cacheSeconds` later. A TTL of 0 turns the cache off.
class ClassDiaries {
  public:
    ClassDiaries(store::Database& db, std::int64_t cacheSeconds) : db_(db), cache_(cacheSeconds) {}

    // `s` is the request's connection: a miss reads through it.
    std::shared_ptr<const ClassDiary> get(Poco::Data::Session& s, std::int64_t classId,
                                          std::int64_t organizationId,
                                          const domain::CalendarDate& monday,
                                          const domain::CalendarDate& today, std::int64_t now);
    void forgetAll() { cache_.clear(); }

  private:
    ClassDiary read(Poco::Data::Session& s, std::int64_t classId, std::int64_t organizationId,
                    const domain::CalendarDate& monday, const domain::CalendarDate& today);
    store::Database& db_;
    TtlCache<std::string, std::shared_ptr<const ClassDiary>> cache_;
};

}  // namespace netcity::flows::journal
