#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/CalendarDate.h"

namespace netcity::domain {

// The region's clock: a deployment serves one region, whose schools read times on slips and
// logs in their own time («+07:00» in Томск, «+05:00» in Салехард). Russia has kept no daylight
// saving since 2014, so a fixed offset is the whole story.
class UtcOffset {
  public:
    // "+07:00", "-03:30", "+7", "UTC" / "" (zero).
    static std::optional<UtcOffset> parse(std::string_view text);
    int minutes() const { return minutes_; }
    std::string label() const;  // "UTC+7", "UTC+5:30", "UTC"
    // "25.11.2026 00:16 (UTC+7)"
    std::string format(std::int64_t unixSeconds) const;
    // The region's calendar date at this instant: what «до 17.03.2025» and an appeal's month
    // are read against.
    CalendarDate dateAt(std::int64_t unixSeconds) const;

  private:
    explicit UtcOffset(int minutes) : minutes_(minutes) {}
    int minutes_ = 0;
};

}  // namespace netcity::domain
