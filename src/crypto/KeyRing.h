#pragma once

#include <string>

#include "crypto/Bytes.h"

namespace netcity::crypto {

// One master secret per deployment (a file in the data directory); every purpose gets its
// own subkey, so a leak of, say, the CSRF key says nothing about the SNILS key.
class KeyRing {
  public:
    explicit KeyRing(Bytes master);
    // Reads the 32-byte key file, creating it (mode 0600) when absent.
    static KeyRing loadOrCreate(const std::string& path);

    Bytes subkey(std::string_view purpose) const;

  private:
    Bytes master_;
};

}  // namespace netcity::crypto
