#pragma once

#include <optional>

#include "crypto/Bytes.h"

namespace netcity::crypto {

// AES-256-GCM with a random 96-bit nonce: sealed = nonce ‖ ciphertext ‖ tag.
// `context` is authenticated but not stored (e.g. "snils"), so a value sealed for one field
// cannot be moved into another.
class SecretBox {
  public:
    explicit SecretBox(Bytes key32);

    Bytes seal(std::string_view plaintext, std::string_view context) const;
    std::optional<std::string> open(std::string_view sealed, std::string_view context) const;

  private:
    Bytes key_;
};

}  // namespace netcity::crypto
