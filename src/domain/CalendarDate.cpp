#include "domain/CalendarDate.h"

#include <charconv>
#include <cstdio>

namespace netcity::domain {
namespace {

bool toInt(std::string_view s, int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysIn(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

}  // namespace

std::optional<CalendarDate> CalendarDate::make(int year, int month, int day) {
    if (year < 1900 || year > 2999 || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > daysIn(year, month)) return std::nullopt;
    return CalendarDate(year, month, day);
}

std::optional<CalendarDate> CalendarDate::parse(std::string_view t) {
    int y, m, d;
    if (t.size() == 10 && t[2] == '.' && t[5] == '.') {
        if (toInt(t.substr(0, 2), d) && toInt(t.substr(3, 2), m) && toInt(t.substr(6, 4), y))
            return make(y, m, d);
    } else if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
        if (toInt(t.substr(0, 4), y) && toInt(t.substr(5, 2), m) && toInt(t.substr(8, 2), d))
            return make(y, m, d);
    }
    return std::nullopt;
}

CalendarDate CalendarDate::fromUnixSeconds(long long seconds) {
    // Howard Hinnant's civil_from_days; the day is floored, so an instant before 1970 is on
    // its own day, not the next one.
    long long days = seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return CalendarDate(static_cast<int>(y + (m <= 2)), m, d);
}

long long CalendarDate::unixSeconds() const {
    // Howard Hinnant's days_from_civil.
    long long y = year_ - (month_ <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (month_ + (month_ > 2 ? -3 : 9)) + 2) / 5 + day_ - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400;
}

CalendarDate CalendarDate::plusDays(int days) const {
    return fromUnixSeconds(unixSeconds() + static_cast<long long>(days) * 86400);
}

int CalendarDate::weekday() const {
    long long days = unixSeconds() / 86400;  // 1970-01-01 was a Thursday
    long long fromMonday = ((days + 3) % 7 + 7) % 7;
    return static_cast<int>(fromMonday) + 1;
}

CalendarDate CalendarDate::monday() const {
    return plusDays(1 - weekday());
}

std::string CalendarDate::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
    return buf;
}

std::string CalendarDate::russian() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", day_, month_, year_);
    return buf;
}

int CalendarDate::ageOn(const CalendarDate& on) const {
    int age = on.year_ - year_;
    if (on.month_ < month_ || (on.month_ == month_ && on.day_ < day_)) --age;
    return age;
}

}  // namespace netcity::domain
