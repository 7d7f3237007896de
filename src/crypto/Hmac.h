#pragma once

#include "crypto/Bytes.h"

namespace netcity::crypto {

Bytes sha256(std::string_view data);
Bytes hmacSha256(std::string_view key, std::string_view data);
// Length is not secret; the contents are compared in constant time.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace netcity::crypto
