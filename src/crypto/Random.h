#pragma once

#include "crypto/Bytes.h"

namespace netcity::crypto {

Bytes randomBytes(std::size_t count);
// An unguessable identifier: `bytes` random bytes (≥16 for 128 bits), base64url.
std::string randomToken(std::size_t bytes = 32);

}  // namespace netcity::crypto
