#include "sim/EsiaTimestamp.h"

#include <charconv>
#include <cstdio>
#include <ctime>

#include "domain/CalendarDate.h"

namespace netcity::sim {
namespace {

bool number(std::string_view s, int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

}  // namespace

std::optional<std::int64_t> parseEsiaTimestamp(std::string_view t) {
    // 0123456789012345678901234
    // 2025.12.29 17:47:23 +0300
    if (t.size() != 25 || t[4] != '.' || t[7] != '.' || t[10] != ' ' || t[13] != ':' ||
        t[16] != ':' || t[19] != ' ' || (t[20] != '+' && t[20] != '-'))
        return std::nullopt;
    int y, mo, d, h, mi, s, oh, om;
    if (!number(t.substr(0, 4), y) || !number(t.substr(5, 2), mo) || !number(t.substr(8, 2), d) ||
        !number(t.substr(11, 2), h) || !number(t.substr(14, 2), mi) ||
        !number(t.substr(17, 2), s) || !number(t.substr(21, 2), oh) || !number(t.substr(23, 2), om))
        return std::nullopt;
    if (!domain::CalendarDate::make(y, mo, d) || h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59)
        return std::nullopt;
    // days from civil (Howard Hinnant)
    int yy = mo <= 2 ? y - 1 : y;
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    int yoe = yy - era * 400;
    int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
    std::int64_t offset = (oh * 60 + om) * 60 * (t[20] == '+' ? 1 : -1);
    return days * 86400 + h * 3600 + mi * 60 + s - offset;
}

std::string formatEsiaTimestamp(std::int64_t unixSeconds) {
    std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y.%m.%d %H:%M:%S +0000", &tm);
    return buf;
}

}  // namespace netcity::sim
