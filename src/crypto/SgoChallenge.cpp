#include "crypto/SgoChallenge.h"

#include <openssl/evp.h>

#include <stdexcept>

#include "crypto/Bytes.h"

namespace netcity::crypto {

std::string md5Hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_md5(), nullptr) != 1)
        throw std::runtime_error("MD5 is not available");
    return toHex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string challengeAnswer(std::string_view salt, std::string_view verifierHex) {
    return md5Hex(std::string(salt) + std::string(verifierHex));
}

std::string saltOf(std::uint64_t lt, std::uint64_t ver) {
    return std::to_string(ver % 61) + std::to_string((lt + ver) % 594161239);
}

}  // namespace netcity::crypto
