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

}  // namespace netcity::crypto
