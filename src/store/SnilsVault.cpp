#include "store/SnilsVault.h"

#include "crypto/Hmac.h"

namespace netcity::store {

crypto::Bytes SnilsVault::seal(const domain::SnilsNumber& snils) const {
    return box_.seal(snils.digits(), "snils");
}

std::optional<domain::SnilsNumber> SnilsVault::open(const crypto::Bytes& sealed) const {
    auto digits = box_.open(sealed, "snils");
    if (!digits) return std::nullopt;
    return domain::SnilsNumber::parse(*digits);
}

std::string SnilsVault::blindIndex(const domain::SnilsNumber& snils) const {
    return crypto::toHex(crypto::hmacSha256(indexKey_, snils.digits()));
}

std::string SnilsVault::sealText(const std::string& text, const std::string& context) const {
    return crypto::base64UrlEncode(box_.seal(text, context));
}

std::optional<std::string> SnilsVault::openText(const std::string& sealed,
                                                const std::string& context) const {
    crypto::Bytes bytes;
    if (!crypto::base64UrlDecode(sealed, bytes)) return std::nullopt;
    return box_.open(bytes, context);
}

}  // namespace netcity::store
