#include "crypto/Random.h"

#include <sodium.h>

namespace netcity::crypto {

Bytes randomBytes(std::size_t count) {
    Bytes out(count, '\0');
    randombytes_buf(out.data(), count);
    return out;
}

std::string randomToken(std::size_t bytes) {
    return base64UrlEncode(randomBytes(bytes));
}

std::string randomString(std::string_view alphabet, std::size_t length) {
    std::string out;
    out.reserve(length);
    while (out.size() < length) {
        auto index = randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()));
        out += alphabet[index];
    }
    return out;
}

}  // namespace netcity::crypto
