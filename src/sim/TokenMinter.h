#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

#include "crypto/Gost.h"
#include "sim/SimData.h"

namespace netcity::sim {

// What a token is issued for: one sign-in of one person at one client.
struct Grant {
    std::string clientId, redirectUri, scope, scopeOrg, nonce;
    std::int64_t oid = 0;
    std::int64_t authTime = 0;
    std::string sessionId;  // urn:esia:sid, 64 hex
    std::string amr = "PWD";
};

// Issues and checks the emulator's JWTs (spec §6): GOST3410_2012_256 with its own key, or
// RS256 for old clients.
class TokenMinter {
  public:
    TokenMinter(crypto::PrivateKey key, std::string issuer);

    const std::string& algorithm() const { return algorithm_; }
    const std::string& issuer() const { return issuer_; }

    std::string accessToken(const Grant& grant, std::int64_t now, std::int64_t lifetime) const;
    std::string idToken(const Grant& grant, const SimPerson& person, std::int64_t now,
                        std::int64_t lifetime) const;
    // The claims of a valid, unexpired access token signed by this emulator.
    std::optional<Poco::JSON::Object::Ptr> verifyAccessToken(const std::string& jwt,
                                                             std::int64_t now) const;

  private:
    std::string sign(const Poco::JSON::Object::Ptr& header,
                     const Poco::JSON::Object::Ptr& claims) const;

    crypto::PrivateKey key_;
    crypto::PublicKey publicKey_;
    std::string algorithm_, issuer_;
};

std::string scopeClaim(const std::string& scope, std::int64_t oid);  // "fullname?oid=1 openid"

}  // namespace netcity::sim
