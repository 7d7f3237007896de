#include "esia/EsiaClient.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <ctime>

#include "crypto/Random.h"

namespace netcity::esia {
namespace {

using Poco::JSON::Object;

}  // namespace

std::string newStateUuid() {
    auto b = crypto::randomBytes(16);
    b[6] = static_cast<char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<char>((b[8] & 0x3F) | 0x80);
    auto h = crypto::toHex(b);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string esiaTimestamp(std::int64_t unixSeconds) {
    std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y.%m.%d %H:%M:%S +0000", &tm);
    return buf;
}

EsiaClient::EsiaClient(EsiaClientSettings settings, crypto::PrivateKey key,
                       crypto::Certificate certificate, crypto::Certificate esiaCertificate)
    : settings_(std::move(settings)),
      key_(std::move(key)),
      certificate_(std::move(certificate)),
      esiaCertificate_(std::move(esiaCertificate)),
      certificateHash_(certificate_.streebogHashHex()) {
    while (!settings_.baseUrl.empty() && settings_.baseUrl.back() == '/')
        settings_.baseUrl.pop_back();
}

std::string EsiaClient::sign(const std::string& message) const {
    if (settings_.generation == 1)
        return crypto::base64UrlEncode(crypto::cmsSignDetached(certificate_, key_, message));
    return crypto::base64UrlEncode(crypto::signRaw(key_, message));
}

std::string EsiaClient::authorizationUrl(const std::string& scope, const std::string& redirectUri,
                                         const std::string& state, const std::string& nonce,
                                         std::int64_t now) const {
    std::string timestamp = esiaTimestamp(now);
    bool v2 = settings_.generation == 2;
    std::string message = v2 ? settings_.clientId + scope + timestamp + state + redirectUri
                             : scope + timestamp + settings_.clientId + state;
    std::string url = settings_.baseUrl + (v2 ? "/aas/oauth2/v2/ac" : "/aas/oauth2/ac") +
                      "?client_id=" + urlEncode(settings_.clientId) + "&scope=" + urlEncode(scope) +
                      "&response_type=code&redirect_uri=" + urlEncode(redirectUri) +
                      "&state=" + urlEncode(state) + "&timestamp=" + urlEncode(timestamp) +
                      "&access_type=online&client_secret=" + sign(message);
    if (v2) url += "&client_certificate_hash=" + certificateHash_;
    if (!nonce.empty()) url += "&nonce=" + urlEncode(nonce);
    return url;
}

std::string EsiaClient::post(const std::string& path, const std::string& form) const {
    return providerRequest(settings_.baseUrl + path, "", form, settings_.timeout, "ESIA");
}

std::string EsiaClient::get(const std::string& path, const std::string& accessToken) const {
    return providerRequest(settings_.baseUrl + path, "Bearer " + accessToken, "", settings_.timeout,
                           "ESIA");
}

Object::Ptr EsiaClient::verifyJwt(const std::string& jwt, const std::string& expectedSbt,
                                  std::int64_t now) const {
    auto bad = [](const std::string& why) {
        return EsiaFailure(EsiaFailure::Kind::InvalidToken, "ESIA token rejected: " + why);
    };
    auto first = jwt.find('.'), second = jwt.rfind('.');
    if (first == std::string::npos || first == second) throw bad("not a JWT");
    crypto::Bytes headerText, claimsText, signature;
    if (!crypto::base64UrlDecodeLenient(jwt.substr(0, first), headerText) ||
        !crypto::base64UrlDecodeLenient(jwt.substr(first + 1, second - first - 1), claimsText) ||
        !crypto::base64UrlDecodeLenient(jwt.substr(second + 1), signature))
        throw bad("not base64url");
    Object::Ptr header, claims;
    try {
        header = parseJsonObject(headerText);
        claims = parseJsonObject(claimsText);
    } catch (const Poco::Exception&) {
        throw bad("not JSON");
    }
    std::string alg = jsonString(header, "alg");
    auto esiaKey = esiaCertificate_.publicKey();
    // The algorithm must be the one of ESIA's certificate: never "none", never a switch.
    bool algFits = esiaKey.isGost() ? alg.rfind("GOST3410_2012", 0) == 0 : alg == "RS256";
    if (!algFits) throw bad("unexpected algorithm " + alg);
    if (!crypto::verifyRaw(esiaKey, jwt.substr(0, second), signature)) throw bad("bad signature");
    if (jsonString(header, "sbt") != expectedSbt) throw bad("wrong token type");
    if (jsonString(claims, "iss") != settings_.expectedIssuer) throw bad("wrong issuer");
    std::int64_t leeway = settings_.leeway.count();
    if (!claims->has("exp") || claims->getValue<std::int64_t>("exp") + leeway < now)
        throw bad("expired");
    if (claims->has("nbf") && claims->getValue<std::int64_t>("nbf") - leeway > now)
        throw bad("not yet valid");
    if (claims->has("iat") && claims->getValue<std::int64_t>("iat") - leeway > now)
        throw bad("issued in the future");
    std::string audience =
        expectedSbt == "id" ? jsonString(claims, "aud") : jsonString(claims, "client_id");
    if (audience != settings_.clientId) throw bad("issued to another client");
    return claims;
}

TokenSet EsiaClient::exchangeCode(const std::string& code, const std::string& scope,
                                  const std::string& redirectUri, const std::string& nonce,
                                  std::int64_t now) const {
    std::string state = newStateUuid(), timestamp = esiaTimestamp(now);
    bool v2 = settings_.generation == 2;
    std::string message = v2 ? settings_.clientId + scope + timestamp + state + redirectUri + code
                             : scope + timestamp + settings_.clientId + state;
    std::string form = "client_id=" + urlEncode(settings_.clientId) + "&code=" + urlEncode(code) +
                       "&grant_type=authorization_code&client_secret=" + sign(message) +
                       "&state=" + state + "&redirect_uri=" + urlEncode(redirectUri) +
                       "&scope=" + urlEncode(scope) + "&timestamp=" + urlEncode(timestamp) +
                       "&token_type=Bearer";
    if (v2) form += "&client_certificate_hash=" + certificateHash_;
    Object::Ptr json;
    try {
        json = parseJsonObject(post(v2 ? "/aas/oauth2/v3/te" : "/aas/oauth2/te", form));
    } catch (const Poco::Exception&) {
        throw EsiaFailure(EsiaFailure::Kind::Rejected, "ESIA token answer is not JSON");
    }
    if (jsonString(json, "state") != state)
        throw EsiaFailure(EsiaFailure::Kind::InvalidToken, "ESIA token answer for another state");
    TokenSet tokens;
    tokens.accessToken = jsonString(json, "access_token");
    tokens.idToken = jsonString(json, "id_token");
    tokens.refreshToken = jsonString(json, "refresh_token");
    auto access = verifyJwt(tokens.accessToken, "access", now);
    if (!access->has("urn:esia:sbj_id"))
        throw EsiaFailure(EsiaFailure::Kind::InvalidToken, "ESIA token without subject");
    tokens.oid = access->get("urn:esia:sbj_id").convert<std::int64_t>();
    tokens.sessionId = jsonString(access, "urn:esia:sid");
    // The id_token carries the nonce that binds this code to the browser that asked for it.
    if (tokens.idToken.empty())
        throw EsiaFailure(EsiaFailure::Kind::InvalidToken, "ESIA answer without id_token");
    auto id = verifyJwt(tokens.idToken, "id", now);
    if (nonce.empty() || jsonString(id, "nonce") != nonce)
        throw EsiaFailure(EsiaFailure::Kind::InvalidToken, "ESIA id_token for another nonce");
    if (id->get("sub").convert<std::int64_t>() != tokens.oid)
        throw EsiaFailure(EsiaFailure::Kind::InvalidToken, "ESIA tokens for different people");
    if (auto sbj = id->getObject("urn:esia:sbj")) {
        tokens.trusted =
            sbj->has("urn:esia:sbj:is_tru") && sbj->getValue<bool>("urn:esia:sbj:is_tru");
        tokens.level = jsonString(sbj, "urn:esia:sbj:lvl");
    }
    return tokens;
}

EsiaIdentity EsiaClient::person(const TokenSet& tokens, bool withChildren) const {
    EsiaIdentity who;
    who.oid = tokens.oid;
    who.sessionId = tokens.sessionId;
    who.level = tokens.level;
    std::string base = "/rs/prns/" + std::to_string(tokens.oid);
    try {
        auto p = parseJsonObject(get(base + "?embed=(contacts.elements)", tokens.accessToken));
        who.lastName = jsonString(p, "lastName");
        who.firstName = jsonString(p, "firstName");
        who.middleName = jsonString(p, "middleName");
        who.birthDate = jsonString(p, "birthDate");
        who.gender = jsonString(p, "gender");
        who.snils = jsonString(p, "snils");
        // "trusted" from the person API agrees with is_tru; either one proves confirmation.
        who.trusted = tokens.trusted || (p->has("trusted") && p->getValue<bool>("trusted"));
        if (auto contacts = p->getObject("contacts"))
            if (auto elements = contacts->getArray("elements"))
                for (std::size_t i = 0; i < elements->size(); ++i) {
                    auto c = elements->getObject(static_cast<unsigned>(i));
                    if (!c) continue;
                    if (jsonString(c, "type") == "EML") who.email = jsonString(c, "value");
                    if (jsonString(c, "type") == "MBT") who.mobile = jsonString(c, "value");
                }
        if (withChildren) {
            auto kids = parseJsonObject(get(base + "/kids?embed=(elements)", tokens.accessToken));
            if (auto elements = kids->getArray("elements"))
                for (std::size_t i = 0; i < elements->size(); ++i) {
                    auto k = elements->getObject(static_cast<unsigned>(i));
                    if (!k) continue;
                    who.children.push_back({jsonString(k, "lastName"), jsonString(k, "firstName"),
                                            jsonString(k, "middleName"), jsonString(k, "birthDate"),
                                            jsonString(k, "snils")});
                }
        }
    } catch (const Poco::Exception&) {
        throw EsiaFailure(EsiaFailure::Kind::Rejected, "ESIA person answer is not JSON");
    }
    return who;
}

std::string EsiaClient::logoutUrl(const std::string& redirectUrl) const {
    return settings_.baseUrl + "/idp/ext/Logout?client_id=" + urlEncode(settings_.clientId) +
           (redirectUrl.empty() ? "" : "&redirect_url=" + urlEncode(redirectUrl));
}

std::string EsiaClient::authorizationUrl(const std::string& scope, const std::string& redirectUri,
                                         const std::string& state, const std::string& nonce,
                                         const std::string&, std::int64_t now) const {
    return authorizationUrl(scope, redirectUri, state, nonce, now);
}

EsiaIdentity EsiaClient::signIn(const std::string& code, const std::string& scope,
                                const std::string& redirectUri, const std::string& nonce,
                                const std::string&, const std::string&, bool withChildren,
                                std::int64_t now) const {
    return person(exchangeCode(code, scope, redirectUri, nonce, now), withChildren);
}

std::string EsiaClient::origin() const {
    Poco::URI uri(settings_.baseUrl);
    return uri.getScheme() + "://" + uri.getAuthority();
}

}  // namespace netcity::esia
