#pragma once

#include <cstdint>
#include <string>

#include "esia/EsiaIdentity.h"

namespace netcity::esia {

// Where people sign in: ESIA itself, or any standard OpenID Connect provider a region
// federates. The sign-in flow sees only this.
class IdentityProvider {
  public:
    virtual ~IdentityProvider() = default;

    // `pkceVerifier` is kept by the caller's flow and given back to signIn (providers that do
    // not use PKCE ignore it).
    virtual std::string authorizationUrl(const std::string& scope, const std::string& redirectUri,
                                         const std::string& state, const std::string& nonce,
                                         const std::string& pkceVerifier,
                                         std::int64_t now) const = 0;
    // Exchanges the code, checks the tokens and reads the person. `issuer` is the callback's
    // `iss` parameter (RFC 9207), empty when the provider sent none. Throws EsiaFailure.
    virtual EsiaIdentity signIn(const std::string& code, const std::string& scope,
                                const std::string& redirectUri, const std::string& nonce,
                                const std::string& pkceVerifier, const std::string& issuer,
                                bool withChildren, std::int64_t now) const = 0;
    virtual std::string logoutUrl(const std::string& redirectUrl) const = 0;
    // "scheme://host:port" of the pages people are sent to.
    virtual std::string origin() const = 0;
};

}  // namespace netcity::esia
