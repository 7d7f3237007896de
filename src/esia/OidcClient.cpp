#include "esia/OidcClient.h"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <sstream>

#include "crypto/Gost.h"
#include "crypto/Hmac.h"
#include "domain/CalendarDate.h"

namespace netcity::esia {
namespace {

using Poco::JSON::Object;

EsiaFailure invalid(const std::string& why) {
    return EsiaFailure(EsiaFailure::Kind::InvalidToken, "OpenID Connect token rejected: " + why);
}

}  // namespace

OidcClient::OidcClient(OidcClientSettings settings) : settings_(std::move(settings)) {
    while (!settings_.issuer.empty() && settings_.issuer.back() == '/') settings_.issuer.pop_back();
}

std::int64_t OidcClient::subjectId(const std::string& issuer, const std::string& sub) {
    auto digest = crypto::sha256(issuer + "\n" + sub);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(digest[i]);
    return static_cast<std::int64_t>(v & 0x7FFFFFFFFFFFFFFFULL);
}

std::string OidcClient::fetch(const std::string& url, const std::string& authorization,
                              const std::string& form) const {
    return providerRequest(url, authorization, form, settings_.timeout, "OpenID provider");
}

const Object::Ptr& OidcClient::discovery() const {
    std::lock_guard lock(mutex_);
    if (!discovery_) {
        auto doc =
            parseJsonObject(fetch(settings_.issuer + "/.well-known/openid-configuration", ""));
        std::string issuer = jsonString(doc, "issuer");
        while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
        if (issuer != settings_.issuer) throw invalid("discovery names another issuer");
        discovery_ = doc;
    }
    return discovery_;
}

std::string OidcClient::authorizationUrl(const std::string& scope, const std::string& redirectUri,
                                         const std::string& state, const std::string& nonce,
                                         const std::string& pkceVerifier, std::int64_t) const {
    (void)scope;  // ESIA's scopes mean nothing here; the configured ones are asked for
    std::string challenge = crypto::base64UrlEncode(crypto::sha256(pkceVerifier));
    return jsonString(discovery(), "authorization_endpoint") +
           "?response_type=code&client_id=" + urlEncode(settings_.clientId) +
           "&redirect_uri=" + urlEncode(redirectUri) + "&scope=" + urlEncode(settings_.scope) +
           "&state=" + urlEncode(state) + "&nonce=" + urlEncode(nonce) +
           "&code_challenge=" + challenge + "&code_challenge_method=S256";
}

EsiaIdentity OidcClient::signIn(const std::string& code, const std::string&,
                                const std::string& redirectUri, const std::string& nonce,
                                const std::string& pkceVerifier, const std::string& issuer, bool,
                                std::int64_t now) const {
    const auto& doc = discovery();
    std::string expectedIssuer = jsonString(doc, "issuer");
    // RFC 9207: a callback that names another issuer is a mix-up attack.
    if (!issuer.empty() && issuer != expectedIssuer)
        throw invalid("the callback names another issuer");
    std::ostringstream basic;
    Poco::Base64Encoder encoder(basic);
    encoder.rdbuf()->setLineLength(0);
    encoder << urlEncode(settings_.clientId) << ":" << urlEncode(settings_.clientSecret);
    encoder.close();
    Object::Ptr tokens;
    try {
        tokens = parseJsonObject(fetch(jsonString(doc, "token_endpoint"), "Basic " + basic.str(),
                                       "grant_type=authorization_code&code=" + urlEncode(code) +
                                           "&redirect_uri=" + urlEncode(redirectUri) +
                                           "&code_verifier=" + urlEncode(pkceVerifier)));
    } catch (const Poco::Exception&) {
        throw EsiaFailure(EsiaFailure::Kind::Rejected, "token answer is not JSON");
    }
    std::string idToken = jsonString(tokens, "id_token"),
                accessToken = jsonString(tokens, "access_token");

    // id_token: RS256 by a key of the provider's JWKS.
    auto first = idToken.find('.'), second = idToken.rfind('.');
    if (first == std::string::npos || first == second) throw invalid("no id_token");
    crypto::Bytes headerText, claimsText, signature;
    if (!crypto::base64UrlDecodeLenient(idToken.substr(0, first), headerText) ||
        !crypto::base64UrlDecodeLenient(idToken.substr(first + 1, second - first - 1),
                                        claimsText) ||
        !crypto::base64UrlDecodeLenient(idToken.substr(second + 1), signature))
        throw invalid("id_token is not base64url");
    Object::Ptr header, claims;
    try {
        header = parseJsonObject(headerText);
        claims = parseJsonObject(claimsText);
    } catch (const Poco::Exception&) {
        throw invalid("id_token is not JSON");
    }
    if (jsonString(header, "alg") != "RS256")
        throw invalid("unexpected algorithm " + jsonString(header, "alg"));
    auto jwks = parseJsonObject(fetch(jsonString(doc, "jwks_uri"), ""));
    bool verified = false;
    if (auto keys = jwks->getArray("keys"))
        for (std::size_t i = 0; i < keys->size() && !verified; ++i) {
            auto k = keys->getObject(static_cast<unsigned>(i));
            if (jsonString(k, "kty") != "RSA" ||
                (jsonString(header, "kid") != "" &&
                 jsonString(k, "kid") != jsonString(header, "kid")))
                continue;
            crypto::Bytes n, e;
            if (!crypto::base64UrlDecodeLenient(jsonString(k, "n"), n) ||
                !crypto::base64UrlDecodeLenient(jsonString(k, "e"), e))
                continue;
            verified = crypto::verifyRaw(crypto::PublicKey::rsa(n, e), idToken.substr(0, second),
                                         signature);
        }
    if (!verified) throw invalid("bad signature");
    std::int64_t leeway = settings_.leeway.count();
    if (jsonString(claims, "iss") != expectedIssuer) throw invalid("wrong issuer");
    bool audienceOk = jsonString(claims, "aud") == settings_.clientId;
    if (!audienceOk && claims->isArray("aud")) {
        auto aud = claims->getArray("aud");
        for (std::size_t i = 0; i < aud->size(); ++i)
            audienceOk = audienceOk || aud->getElement<std::string>(static_cast<unsigned>(i)) ==
                                           settings_.clientId;
    }
    if (!audienceOk) throw invalid("issued to another client");
    if (!claims->has("exp") || claims->getValue<std::int64_t>("exp") + leeway < now)
        throw invalid("expired");
    if (claims->has("iat") && claims->getValue<std::int64_t>("iat") - leeway > now)
        throw invalid("issued in the future");
    if (jsonString(claims, "nonce") != nonce) throw invalid("another nonce");

    Object::Ptr info;
    try {
        info =
            parseJsonObject(fetch(jsonString(doc, "userinfo_endpoint"), "Bearer " + accessToken));
    } catch (const Poco::Exception&) {
        throw EsiaFailure(EsiaFailure::Kind::Rejected, "userinfo answer is not JSON");
    }
    if (jsonString(info, "sub") != jsonString(claims, "sub"))
        throw invalid("userinfo for another subject");
    EsiaIdentity who;
    who.oid = subjectId(expectedIssuer, jsonString(claims, "sub"));
    who.trusted = true;  // the region's provider vouches for its people
    who.lastName = jsonString(info, "family_name");
    who.firstName = jsonString(info, "given_name");
    who.middleName = jsonString(info, "middle_name");
    if (auto birth = domain::CalendarDate::parse(jsonString(info, "birthdate")))
        who.birthDate = birth->russian();
    who.email = jsonString(info, "email");
    return who;
}

std::string OidcClient::logoutUrl(const std::string& redirectUrl) const {
    std::string endpoint;
    try {
        endpoint = jsonString(discovery(), "end_session_endpoint");
    } catch (const std::exception&) {
    }
    if (endpoint.empty()) return redirectUrl;
    return endpoint + "?client_id=" + urlEncode(settings_.clientId) +
           "&post_logout_redirect_uri=" + urlEncode(redirectUrl);
}

std::string OidcClient::origin() const {
    Poco::URI uri(settings_.issuer);
    return uri.getScheme() + "://" + uri.getAuthority();
}

}  // namespace netcity::esia
