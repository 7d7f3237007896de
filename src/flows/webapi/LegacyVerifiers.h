#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::flows::webapi {

// The opt-in legacy password verifier of --webapi-password-login (docs/webapi.md): the SGO web
// API's challenge needs MD5(cp1251(password)), which the argon2id hash cannot give. Kept
// sealed like SNILS (AES-GCM, bound to the account), written whenever a password is set or
// used on the web form while the option is on, so switching it on needs no reset; all of them
// deleted at start-up while it is off.
class LegacyVerifiers {
  public:
    LegacyVerifiers(store::Database& db, const store::SnilsVault& vault, bool enabled)
        : db_(db), vault_(vault), enabled_(enabled) {}

    bool enabled() const { return enabled_; }
    // Inside the caller's transaction; nothing when off or when the password has characters
    // windows-1251 lacks (no SGO client could answer for it).
    void remember(Poco::Data::Session& s, std::int64_t accountId, const std::string& password);
    // md5hex(cp1251(password)) of the account's current password, when kept.
    std::optional<std::string> verifierOf(std::int64_t accountId);
    // At start-up: with the option off, none may remain. How many went.
    long applySwitch();

  private:
    static std::string context(std::int64_t accountId);

    store::Database& db_;
    const store::SnilsVault& vault_;
    bool enabled_;
};

}  // namespace netcity::flows::webapi
