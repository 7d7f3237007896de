#pragma once

#include <cstdint>
#include <string>

namespace netcity::domain {

// Seed 003: «Временный пароль, выданный в образовательной организации, действует 3 дня» and
// must be changed at first sign-in. Issued passwords use letters and digits that cannot be
// misread on a printed slip (no 0/O, 1/l/I).
inline constexpr std::int64_t kTemporaryPasswordLifetimeSeconds = 3 * 24 * 3600;
inline constexpr std::size_t kTemporaryPasswordLength = 10;
inline constexpr const char* kTemporaryPasswordAlphabet =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

}  // namespace netcity::domain
