// GET /rs/prns/{oid}[/ctts|/addrs|/docs|/kids[/{id}[/docs]]]: spec §7, gated by the scopes the
// access token carries.
#include <Poco/JSON/Array.h>
#include <Poco/StringTokenizer.h>

#include <charconv>
#include <sstream>

#include "crypto/Gost.h"
#include "crypto/Hmac.h"
#include "domain/SnilsNumber.h"
#include "sim/EsiaSimulator.h"
#include "sim/Scopes.h"

namespace netcity::sim {
namespace {

using http::HttpError;
using Poco::JSON::Array;
using Poco::JSON::Object;

std::string text(const Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

std::string etag(const std::string& seed) {
    return crypto::toUpperHex(crypto::sha256(seed)).substr(0, 40);
}

std::optional<std::int64_t> toId(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

// Scope names granted to `oid` by the token: "fullname?oid=1 openid" -> {fullname, openid}.
std::set<std::string> grantedScopes(const Object::Ptr& claims, std::int64_t oid) {
    std::set<std::string> out;
    std::string suffix = "?oid=" + std::to_string(oid);
    for (const auto& entry : splitScopes(claims->optValue<std::string>("scope", ""))) {
        if (entry == "openid")
            out.insert(entry);
        else if (entry.size() > suffix.size() && entry.ends_with(suffix))
            out.insert(entry.substr(0, entry.size() - suffix.size()));
    }
    return out;
}

Object::Ptr collection(const Array::Ptr& elements) {
    Object::Ptr c = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Array::Ptr facts = new Array;
    facts->add("hasSize");
    c->set("stateFacts", facts);
    c->set("size", static_cast<int>(elements->size()));
    c->set("eTag", etag(text(new Object) + std::to_string(elements->size())));
    c->set("elements", elements);
    return c;
}

Object::Ptr documentJson(const SimDocument& d, int id) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Array::Ptr facts = new Array;
    facts->add("EntityRoot");
    o->set("stateFacts", facts);
    o->set("id", id);
    o->set("type", d.type);
    o->set("vrfStu", "VERIFIED");
    if (!d.series.empty()) o->set("series", d.series);
    o->set("number", d.number);
    if (!d.issueDate.empty()) o->set("issueDate", d.issueDate);
    if (!d.issueId.empty()) o->set("issueId", d.issueId);
    if (!d.issuedBy.empty()) o->set("issuedBy", d.issuedBy);
    return o;
}

bool documentAllowed(const SimDocument& d, const std::set<std::string>& scopes, bool kid) {
    if (kid)
        return d.type.find("BRTH_CERT") != std::string::npos && scopes.count("kid_birth_cert_doc");
    if (d.type == "RF_PASSPORT" || d.type == "FRGN_PASS") return scopes.count("id_doc") > 0;
    return d.type.find("BRTH_CERT") != std::string::npos && scopes.count("birth_cert_doc") > 0;
}

// The person's own fields, or a child's under the kid_* scopes.
Object::Ptr personJson(const SimPerson& p, const std::set<std::string>& scopes, bool kid) {
    auto has = [&](const char* own, const char* kidScope) {
        return scopes.count(kid ? kidScope : own) > 0;
    };
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Array::Ptr facts = new Array;
    facts->add("EntityRoot");
    o->set("stateFacts", facts);
    if (kid) o->set("id", p.oid);
    o->set("eTag", etag(std::to_string(p.oid) + p.lastName + p.birthDate));
    if (has("fullname", "kid_fullname")) {
        o->set("firstName", p.firstName);
        o->set("lastName", p.lastName);
        if (!p.middleName.empty()) o->set("middleName", p.middleName);
    }
    if (has("birthdate", "kid_birthdate") && !p.birthDate.empty()) o->set("birthDate", p.birthDate);
    if (has("gender", "kid_gender") && !p.gender.empty()) o->set("gender", p.gender);
    if (has("snils", "kid_snils") && !p.snils.empty())
        o->set("snils", domain::SnilsNumber::parse(p.snils)->formatted());
    if (has("inn", "kid_inn") && !p.inn.empty()) o->set("inn", p.inn);
    if (!kid) {
        if (scopes.count("birthplace") && !p.birthPlace.empty()) o->set("birthPlace", p.birthPlace);
        o->set("trusted", p.trusted());
        o->set("citizenship", "RUS");
        o->set("status", "REGISTERED");
        o->set("verifying", false);
        for (std::size_t i = 0; i < p.documents.size(); ++i)
            if (p.documents[i].type == "RF_PASSPORT" && scopes.count("id_doc"))
                o->set("rIdDoc", static_cast<int>(i) + 1);
    }
    return o;
}

}  // namespace

void EsiaSimulator::personApi(Ex& ex) {
    auto unauthorized = [&] {
        ex.sendJson(
            "{\"code\":\"invalid_token\",\"message\":\"Токен доступа недействителен или "
            "истёк\"}",
            401);
    };
    std::string authorization = ex.header("Authorization");
    if (authorization.rfind("Bearer ", 0) != 0) return unauthorized();
    auto claims = minter_.verifyAccessToken(authorization.substr(7), now_());
    if (!claims) return unauthorized();
    std::int64_t subject = (*claims)->optValue<std::int64_t>("urn:esia:sbj_id", 0);

    Poco::StringTokenizer parts(ex.path().substr(9), "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    std::vector<std::string> seg(parts.begin(), parts.end());
    auto oid = seg.empty() ? std::nullopt : toId(seg[0]);
    if (!oid) throw HttpError{404, "Ресурс не найден"};
    auto forbidden = [&] {
        ex.sendJson("{\"code\":\"forbidden\",\"message\":\"Нет прав на этот ресурс\"}", 403);
    };
    if (*oid != subject) return forbidden();
    auto person = data_.person(*oid);
    if (!person) throw HttpError{404, "Ресурс не найден"};
    auto scopes = grantedScopes(*claims, subject);
    std::string base = "/rs/prns/" + std::to_string(*oid);
    std::string links = origin(ex) + base;  // elements are absolute links (spec §7)
    std::string embed = ex.query("embed");
    bool embedElements = embed.find("elements") != std::string::npos;

    auto contacts = [&](bool objects) {
        Array::Ptr list = new Array;
        auto add = [&](int id, const char* type, const std::string& value) {
            if (objects) {
                Object::Ptr c = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
                Array::Ptr facts = new Array;
                facts->add("Identifiable");
                c->set("stateFacts", facts);
                c->set("eTag", etag(value));
                c->set("id", id);
                c->set("type", type);
                c->set("vrfStu", "VERIFIED");
                c->set("value", value);
                list->add(c);
            } else {
                list->add(links + "/ctts/" + std::to_string(id));
            }
        };
        if (hasAny(scopes, {"email", "contacts"}) && !person->email.empty())
            add(1, "EML", person->email);
        if (hasAny(scopes, {"mobile", "contacts"}) && !person->mobile.empty())
            add(2, "MBT", person->mobile);
        return list;
    };
    auto documents = [&](const SimPerson& who, bool kid, bool objects) {
        Array::Ptr list = new Array;
        for (std::size_t i = 0; i < who.documents.size(); ++i) {
            if (!documentAllowed(who.documents[i], scopes, kid)) continue;
            int id = static_cast<int>(i) + 1;
            if (objects)
                list->add(documentJson(who.documents[i], id));
            else
                list->add(links + (kid ? "/kids/" + std::to_string(who.oid) : "") + "/docs/" +
                          std::to_string(id));
        }
        return list;
    };
    auto kids = [&](bool objects) {
        Array::Ptr list = new Array;
        for (auto kidOid : person->kids) {
            auto kid = data_.person(kidOid);
            if (!kid) continue;
            if (objects)
                list->add(personJson(*kid, scopes, true));
            else
                list->add(links + "/kids/" + std::to_string(kidOid));
        }
        return list;
    };
    bool contactsAllowed = hasAny(scopes, {"contacts", "email", "mobile"});
    bool docsAllowed = hasAny(scopes, {"id_doc", "birth_cert_doc"});
    bool kidsAllowed = hasAny(scopes, {"kid_fullname", "kid_birthdate", "kid_gender", "kid_snils",
                                       "kid_inn", "kid_birth_cert_doc"});

    if (seg.size() == 1) {
        auto json = personJson(*person, scopes, false);
        if (embed.find("contacts.elements") != std::string::npos && contactsAllowed)
            json->set("contacts", collection(contacts(true)));
        if (embed.find("documents.elements") != std::string::npos && docsAllowed)
            json->set("documents", collection(documents(*person, false, true)));
        if (embed.find("addresses.elements") != std::string::npos &&
            hasAny(scopes, {"contacts", "addresses"}))
            json->set("addresses", collection(new Array));
        if (embed.find("kids.elements") != std::string::npos && kidsAllowed)
            json->set("kids", collection(kids(true)));
        return ex.sendJson(text(json));
    }
    const std::string& what = seg[1];
    if (what == "ctts") {
        if (!contactsAllowed) return forbidden();
        auto list = contacts(true);
        if (seg.size() == 2)
            return ex.sendJson(text(collection(embedElements ? list : contacts(false))));
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto c = list->getObject(static_cast<unsigned>(i));
            if (std::to_string(c->getValue<int>("id")) == seg[2] && seg.size() == 3)
                return ex.sendJson(text(c));
        }
        throw HttpError{404, "Ресурс не найден"};
    }
    if (what == "addrs") {
        if (!hasAny(scopes, {"contacts", "addresses"})) return forbidden();
        if (seg.size() == 2) return ex.sendJson(text(collection(new Array)));
        throw HttpError{404, "Ресурс не найден"};
    }
    if (what == "docs") {
        if (!docsAllowed) return forbidden();
        auto list = documents(*person, false, true);
        if (seg.size() == 2)
            return ex.sendJson(
                text(collection(embedElements ? list : documents(*person, false, false))));
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto d = list->getObject(static_cast<unsigned>(i));
            if (std::to_string(d->getValue<int>("id")) == seg[2] && seg.size() == 3)
                return ex.sendJson(text(d));
        }
        throw HttpError{404, "Ресурс не найден"};
    }
    if (what == "kids") {
        if (!kidsAllowed) return forbidden();
        if (seg.size() == 2)
            return ex.sendJson(text(collection(embedElements ? kids(true) : kids(false))));
        auto kidOid = toId(seg[2]);
        bool mine = false;
        for (auto k : person->kids) mine = mine || (kidOid && k == *kidOid);
        if (!mine) return forbidden();
        auto kid = data_.person(*kidOid);
        if (!kid) throw HttpError{404, "Ресурс не найден"};
        if (seg.size() == 3) return ex.sendJson(text(personJson(*kid, scopes, true)));
        if (seg.size() >= 4 && seg[3] == "docs") {
            if (!scopes.count("kid_birth_cert_doc")) return forbidden();
            auto list = documents(*kid, true, true);
            if (seg.size() == 4)
                return ex.sendJson(
                    text(collection(embedElements ? list : documents(*kid, true, false))));
            for (std::size_t i = 0; i < list->size() && seg.size() == 5; ++i) {
                auto d = list->getObject(static_cast<unsigned>(i));
                if (std::to_string(d->getValue<int>("id")) == seg[4]) return ex.sendJson(text(d));
            }
        }
    }
    throw HttpError{404, "Ресурс не найден"};
}

}  // namespace netcity::sim
