#pragma once

#include <Poco/JSON/Object.h>

#include <chrono>
#include <mutex>
#include <string>

#include "esia/EsiaClient.h"
#include "esia/IdentityProvider.h"

namespace netcity::esia {

struct OidcClientSettings {
    std::string issuer;                  // discovery at ISSUER/.well-known/openid-configuration
    std::string clientId, clientSecret;  // client_secret_basic
    std::string scope = "openid profile email";
    std::chrono::seconds leeway{60};
    std::chrono::seconds timeout{10};
};

// A standard OpenID Connect provider in place of ESIA: discovery, authorization code with
// PKCE (S256), client_secret_basic, RS256 id_token checked against the provider's JWKS, the
// RFC 9207 `iss` of the callback, userinfo. Such providers know no SNILS, so their people never
// link automatically: they link once with their school login and password.
class OidcClient : public IdentityProvider {
  public:
    explicit OidcClient(OidcClientSettings settings);

    std::string authorizationUrl(const std::string& scope, const std::string& redirectUri,
                                 const std::string& state, const std::string& nonce,
                                 const std::string& pkceVerifier, std::int64_t now) const override;
    EsiaIdentity signIn(const std::string& code, const std::string& scope,
                        const std::string& redirectUri, const std::string& nonce,
                        const std::string& pkceVerifier, const std::string& issuer,
                        bool withChildren, std::int64_t now) const override;
    std::string logoutUrl(const std::string& redirectUrl) const override;
    std::string origin() const override;

    // The subject as the link table keeps it: a stable 63-bit number from issuer and `sub`.
    static std::int64_t subjectId(const std::string& issuer, const std::string& sub);

  private:
    const Poco::JSON::Object::Ptr& discovery() const;
    std::string fetch(const std::string& url, const std::string& authorization,
                      const std::string& form = {}) const;

    OidcClientSettings settings_;
    mutable std::mutex mutex_;
    mutable Poco::JSON::Object::Ptr discovery_;
};

}  // namespace netcity::esia
