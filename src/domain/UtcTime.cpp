#include "domain/UtcTime.h"

#include <ctime>

namespace netcity::domain {

std::string utcTime(std::int64_t unixSeconds, const char* pattern) {
    std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
    return std::string(buf, n);
}

}  // namespace netcity::domain
