#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netcity::sim {

// ESIA's request time: "yyyy.MM.dd HH:mm:ss ±hhmm" (e.g. "2025.12.29 17:47:23 +0300").
std::optional<std::int64_t> parseEsiaTimestamp(std::string_view text);  // unix seconds
std::string formatEsiaTimestamp(std::int64_t unixSeconds);              // in UTC, "+0000"

}  // namespace netcity::sim
