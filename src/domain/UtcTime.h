#pragma once

#include <cstdint>
#include <string>

namespace netcity::domain {

// A moment as UTC text with a strftime pattern ("%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M:%SZ").
std::string utcTime(std::int64_t unixSeconds, const char* pattern);

}  // namespace netcity::domain
