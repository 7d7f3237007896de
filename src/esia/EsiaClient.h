#pragma once

#include <Poco/JSON/Object.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "crypto/Gost.h"
#include "esia/EsiaIdentity.h"
#include "esia/IdentityProvider.h"
#include "esia/ProviderHttp.h"

namespace netcity::esia {

// Settings of one registration at ESIA (the technology portal): the host, the mnemonic, the
// system's key and certificate, ESIA's signing certificate.
struct EsiaClientSettings {
    std::string baseUrl;  // https://esia.gosuslugi.ru, or the emulator's URL
    std::string clientId;
    int generation = 2;          // 2: v2/ac + v3/te, raw GOST; 1: ac + te, CMS
    std::string expectedIssuer;  // iss of ESIA's tokens, e.g. http://esia.gosuslugi.ru/
    std::chrono::seconds leeway{60};
    std::chrono::seconds timeout{10};
};

struct TokenSet {
    std::string accessToken, idToken, refreshToken;
    std::int64_t oid = 0;
    std::string sessionId;
    bool trusted = false;
    std::string level;
};

// The portal's side of the ESIA protocol (../shared/spec/esia-protocol.md), written apart from
// the emulator: authorization URL with a signed client_secret, code exchange, token checks,
// the person REST API.
class EsiaClient : public IdentityProvider {
  public:
    EsiaClient(EsiaClientSettings settings, crypto::PrivateKey key, crypto::Certificate certificate,
               crypto::Certificate esiaCertificate);

    std::string authorizationUrl(const std::string& scope, const std::string& redirectUri,
                                 const std::string& state, const std::string& nonce,
                                 std::int64_t now) const;
    // Exchanges the code; checks the answer's state, both tokens' signatures and claims
    // (iss, client_id / aud, exp / nbf / iat with leeway, nonce).
    TokenSet exchangeCode(const std::string& code, const std::string& scope,
                          const std::string& redirectUri, const std::string& nonce,
                          std::int64_t now) const;
    // The person and, when `withChildren`, the children (kid_* scopes).
    EsiaIdentity person(const TokenSet& tokens, bool withChildren) const;
    std::string logoutUrl(const std::string& redirectUrl) const override;

    // IdentityProvider
    std::string authorizationUrl(const std::string& scope, const std::string& redirectUri,
                                 const std::string& state, const std::string& nonce,
                                 const std::string& pkceVerifier, std::int64_t now) const override;
    EsiaIdentity signIn(const std::string& code, const std::string& scope,
                        const std::string& redirectUri, const std::string& nonce,
                        const std::string& pkceVerifier, const std::string& issuer,
                        bool withChildren, std::int64_t now) const override;
    std::string origin() const override;

    const EsiaClientSettings& settings() const { return settings_; }

  private:
    std::string sign(const std::string& message) const;
    Poco::JSON::Object::Ptr verifyJwt(const std::string& jwt, const std::string& expectedSbt,
                                      std::int64_t now) const;
    std::string get(const std::string& path, const std::string& accessToken) const;
    std::string post(const std::string& path, const std::string& form) const;

    EsiaClientSettings settings_;
    crypto::PrivateKey key_;
    crypto::Certificate certificate_;
    crypto::Certificate esiaCertificate_;
    std::string certificateHash_;
};

std::string newStateUuid();
std::string esiaTimestamp(std::int64_t unixSeconds);  // "yyyy.MM.dd HH:mm:ss +0000"

}  // namespace netcity::esia
