#pragma once

#include <string_view>

#include "crypto/Bytes.h"

namespace netcity::crypto {

Bytes randomBytes(std::size_t count);
// An unguessable identifier: `bytes` random bytes (≥16 for 128 bits), base64url.
std::string randomToken(std::size_t bytes = 32);
// `length` characters drawn uniformly from `alphabet` (passwords people type from paper).
std::string randomString(std::string_view alphabet, std::size_t length);

}  // namespace netcity::crypto
