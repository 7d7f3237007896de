#pragma once

#include <optional>
#include <string>

#include "crypto/Bytes.h"
#include "crypto/SecretBox.h"
#include "domain/SnilsNumber.h"

namespace netcity::store {

// SNILS at rest (152-FZ): the number is sealed with AES-GCM, and a keyed HMAC of its digits
// (the blind index) lets matching find a person without decrypting every row.
class SnilsVault {
  public:
    SnilsVault(crypto::Bytes sealKey, crypto::Bytes indexKey)
        : box_(std::move(sealKey)), indexKey_(std::move(indexKey)) {}

    crypto::Bytes seal(const domain::SnilsNumber& snils) const;
    std::optional<domain::SnilsNumber> open(const crypto::Bytes& sealed) const;
    std::string blindIndex(const domain::SnilsNumber& snils) const;
    // Other personal data kept for a while (a sign-in flow holding a Gosuslugi profile):
    // sealed the same way, base64url text.
    std::string sealText(const std::string& text, const std::string& context) const;
    std::optional<std::string> openText(const std::string& sealed,
                                        const std::string& context) const;

  private:
    crypto::SecretBox box_;
    crypto::Bytes indexKey_;
};

}  // namespace netcity::store
