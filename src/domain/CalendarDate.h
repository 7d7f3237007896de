#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace netcity::domain {

// A date without time or zone: birth dates, cut-off dates.
class CalendarDate {
  public:
    CalendarDate() : CalendarDate(1970, 1, 1) {}  // the epoch, until assigned
    // Accepts "DD.MM.YYYY" (Russian documents, ESIA) and "YYYY-MM-DD" (ISO, HTML date inputs).
    static std::optional<CalendarDate> parse(std::string_view text);
    static std::optional<CalendarDate> make(int year, int month, int day);
    static CalendarDate fromUnixSeconds(long long seconds);  // UTC (UtcOffset::dateAt: a region)
    long long unixSeconds() const;                           // midnight UTC of this date

    int year() const { return year_; }
    int month() const { return month_; }
    int day() const { return day_; }

    CalendarDate plusDays(int days) const;
    int weekday() const;  // 1 = Monday … 7 = Sunday
    CalendarDate monday() const;  // the Monday of this date's week

    std::string iso() const;      // 2010-03-07
    std::string russian() const;  // 07.03.2010

    // Completed years at `on`: the age rule for children's ESIA accounts.
    int ageOn(const CalendarDate& on) const;

    auto operator<=>(const CalendarDate&) const = default;

  private:
    CalendarDate(int y, int m, int d) : year_(y), month_(m), day_(d) {}
    int year_, month_, day_;
};

}  // namespace netcity::domain
