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

}  // namespace netcity::store
