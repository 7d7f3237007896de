#include "sim/TokenMinter.h"

#include <Poco/JSON/Parser.h>

#include <sstream>

#include "crypto/Bytes.h"
#include "sim/Scopes.h"

namespace netcity::sim {
namespace {

using Poco::JSON::Object;

std::string toText(const Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

}  // namespace

std::string scopeClaim(const std::string& scope, std::int64_t oid) {
    std::string out;
    for (const auto& s : splitScopes(scope)) {
        if (!out.empty()) out += " ";
        out += s == "openid" ? s : s + "?oid=" + std::to_string(oid);
    }
    return out;
}

TokenMinter::TokenMinter(crypto::PrivateKey key, std::string issuer)
    : key_(std::move(key)),
      publicKey_(crypto::PublicKey::of(key_)),
      algorithm_(key_.isGost() ? "GOST3410_2012_256" : "RS256"),
      issuer_(std::move(issuer)) {}

std::string TokenMinter::sign(const Object::Ptr& header, const Object::Ptr& claims) const {
    std::string input =
        crypto::base64UrlEncode(toText(header)) + "." + crypto::base64UrlEncode(toText(claims));
    return input + "." + crypto::base64UrlEncode(crypto::signRaw(key_, input));
}

std::string TokenMinter::accessToken(const Grant& g, std::int64_t now,
                                     std::int64_t lifetime) const {
    Object::Ptr header = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    header->set("ver", 1);
    header->set("typ", "JWT");
    header->set("sbt", "access");
    header->set("alg", algorithm_);
    Object::Ptr c = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    c->set("nbf", now);
    c->set("scope", scopeClaim(g.scope, g.oid));
    c->set("iss", issuer_);
    c->set("urn:esia:sid", g.sessionId);
    c->set("urn:esia:sbj_id", g.oid);
    c->set("exp", now + lifetime);
    c->set("iat", now);
    c->set("client_id", g.clientId);
    return sign(header, c);
}

std::string TokenMinter::idToken(const Grant& g, const SimPerson& person, std::int64_t now,
                                 std::int64_t lifetime) const {
    Object::Ptr header = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    header->set("ver", 0);
    header->set("typ", "JWT");
    header->set("sbt", "id");
    header->set("alg", algorithm_);
    Object::Ptr sbj = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    sbj->set("urn:esia:sbj:typ", "P");
    sbj->set("urn:esia:sbj:oid", g.oid);
    sbj->set("urn:esia:sbj:nam", "OID." + std::to_string(g.oid));
    if (person.trusted()) sbj->set("urn:esia:sbj:is_tru", true);
    sbj->set("urn:esia:sbj:lvl", person.levelClaim());
    Object::Ptr c = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    c->set("iss", issuer_);
    c->set("aud", g.clientId);
    c->set("sub", g.oid);
    c->set("nbf", now);
    c->set("iat", now);
    c->set("exp", now + lifetime);
    c->set("auth_time", g.authTime);
    c->set("amr", g.amr);
    c->set("urn:esia:amd", g.amr);
    c->set("urn:esia:sid", g.sessionId);
    if (!g.nonce.empty()) c->set("nonce", g.nonce);
    c->set("urn:esia:sbj", sbj);
    return sign(header, c);
}

std::optional<Object::Ptr> TokenMinter::verifyAccessToken(const std::string& jwt,
                                                          std::int64_t now) const {
    if (jwt.size() > 16384) return std::nullopt;
    auto first = jwt.find('.'), second = jwt.rfind('.');
    if (first == std::string::npos || first == second) return std::nullopt;
    crypto::Bytes headerText, claimsText, signature;
    if (!crypto::base64UrlDecodeLenient(jwt.substr(0, first), headerText) ||
        !crypto::base64UrlDecodeLenient(jwt.substr(first + 1, second - first - 1), claimsText) ||
        !crypto::base64UrlDecodeLenient(jwt.substr(second + 1), signature))
        return std::nullopt;
    if (!crypto::verifyRaw(publicKey_, jwt.substr(0, second), signature)) return std::nullopt;
    try {
        Poco::JSON::Parser parser;
        auto header = parser.parse(headerText).extract<Object::Ptr>();
        parser.reset();
        auto claims = parser.parse(claimsText).extract<Object::Ptr>();
        if (header->optValue<std::string>("alg", "") != algorithm_ ||
            header->optValue<std::string>("sbt", "") != "access")
            return std::nullopt;
        if (claims->optValue<std::int64_t>("exp", 0) <= now ||
            claims->optValue<std::int64_t>("nbf", now + 1) > now + 60)
            return std::nullopt;
        return claims;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

}  // namespace netcity::sim
