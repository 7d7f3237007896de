#include "flows/EsiaIdentityJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace netcity::flows {

using Poco::JSON::Object;

std::string jsonText(const Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

Object::Ptr parseJsonText(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Object::Ptr>();
}

std::string jsonField(const Object::Ptr& o, const std::string& key) {
    return o && o->has(key) ? o->getValue<std::string>(key) : std::string{};
}

Object::Ptr childToJson(const esia::EsiaChild& c) {
    Object::Ptr k = new Object;
    k->set("lastName", c.lastName);
    k->set("firstName", c.firstName);
    k->set("middleName", c.middleName);
    k->set("birthDate", c.birthDate);
    k->set("snils", c.snils);
    return k;
}

esia::EsiaChild childFromJson(const Object::Ptr& k) {
    return {jsonField(k, "lastName"), jsonField(k, "firstName"), jsonField(k, "middleName"),
            jsonField(k, "birthDate"), jsonField(k, "snils")};
}

Object::Ptr identityToJson(const esia::EsiaIdentity& who) {
    Object::Ptr o = new Object;
    o->set("oid", who.oid);
    o->set("trusted", who.trusted);
    o->set("lastName", who.lastName);
    o->set("firstName", who.firstName);
    o->set("middleName", who.middleName);
    o->set("birthDate", who.birthDate);
    o->set("gender", who.gender);
    o->set("snils", who.snils);
    o->set("email", who.email);
    o->set("mobile", who.mobile);
    o->set("sid", who.sessionId);
    Poco::JSON::Array::Ptr kids = new Poco::JSON::Array;
    for (const auto& c : who.children) kids->add(childToJson(c));
    o->set("children", kids);
    return o;
}

esia::EsiaIdentity identityFromJson(const Object::Ptr& o) {
    esia::EsiaIdentity who;
    who.oid = o->getValue<std::int64_t>("oid");
    who.trusted = o->getValue<bool>("trusted");
    who.lastName = jsonField(o, "lastName");
    who.firstName = jsonField(o, "firstName");
    who.middleName = jsonField(o, "middleName");
    who.birthDate = jsonField(o, "birthDate");
    who.gender = jsonField(o, "gender");
    who.snils = jsonField(o, "snils");
    who.email = jsonField(o, "email");
    who.mobile = jsonField(o, "mobile");
    who.sessionId = jsonField(o, "sid");
    if (auto kids = o->getArray("children"))
        for (std::size_t i = 0; i < kids->size(); ++i)
            who.children.push_back(childFromJson(kids->getObject(static_cast<unsigned>(i))));
    return who;
}

domain::MatchableData matchableOf(const esia::EsiaIdentity& who) {
    return {{who.lastName, who.firstName, who.middleName},
            domain::CalendarDate::parse(who.birthDate),
            domain::SnilsNumber::parse(who.snils)};
}

domain::MatchableData matchableOf(const esia::EsiaChild& c) {
    return {{c.lastName, c.firstName, c.middleName},
            domain::CalendarDate::parse(c.birthDate),
            domain::SnilsNumber::parse(c.snils)};
}

}  // namespace netcity::flows
