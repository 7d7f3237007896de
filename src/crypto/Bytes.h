#pragma once

#include <string>
#include <string_view>

namespace netcity::crypto {

// Binary data travels as std::string: it owns bytes, and POCO, SQLite and libpq take it as is.
using Bytes = std::string;

std::string toHex(std::string_view bytes);
std::string base64UrlEncode(std::string_view bytes);  // no padding
bool base64UrlDecode(std::string_view text, Bytes& out);
// Accepts base64url with or without '=' padding (ESIA clients differ).
bool base64UrlDecodeLenient(std::string_view text, Bytes& out);

}  // namespace netcity::crypto
