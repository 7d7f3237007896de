#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace netcity::crypto {

// The legacy SGO password challenge (sgo-real-api.md §2.2, §2.4). Its MD5 is no protection for
// the password itself; what it gives is that the wire carries only a one-time answer.

// MD5 of the bytes as 32 lowercase hex digits.
std::string md5Hex(std::string_view bytes);
// What a client sends as pw2: md5hex(salt + md5hex(password in windows-1251)), given the
// verifier md5hex(password in windows-1251).
std::string challengeAnswer(std::string_view salt, std::string_view verifierHex);
// The salt real servers derive from lt and ver: str(ver mod 61) + str((lt + ver) mod 594161239).
std::string saltOf(std::uint64_t lt, std::uint64_t ver);

}  // namespace netcity::crypto
