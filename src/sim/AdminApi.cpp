// /sim/api/…: lets tests add and change persons and clients. Off unless --sim-admin-api.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "sim/EsiaSimulator.h"

namespace netcity::sim {
namespace {

using http::HttpError;

Poco::JSON::Object::Ptr parseObject(const std::string& body) {
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(body);
        if (value.type() != typeid(Poco::JSON::Object::Ptr))
            throw HttpError{400, "Ожидался JSON-объект."};
        return value.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw HttpError{400, "Неверный JSON: " + e.message()};
    }
}

std::string text(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(v, out);
    return out.str();
}

}  // namespace

void EsiaSimulator::adminApi(Ex& ex) {
    if (!settings_.adminApi)
        throw HttpError{404, "Административный API выключен (--sim-admin-api)."};
    const std::string& p = ex.path();
    if (p == "/sim/api/persons" && ex.method() == "GET") {
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& person : data_.persons()) list->add(SimData::toJson(person));
        return ex.sendJson(text(list));
    }
    if (p == "/sim/api/persons" && ex.method() == "POST") {
        auto json = parseObject(ex.readBody("application/json", 64 * 1024));
        try {
            auto person = SimData::parsePerson(json);
            data_.upsertPerson(person);
            return ex.sendJson("{\"oid\":" + std::to_string(person.oid) + "}");
        } catch (const std::invalid_argument& e) {
            throw HttpError{400, e.what()};
        }
    }
    if (p.rfind("/sim/api/persons/", 0) == 0 && ex.method() == "DELETE") {
        std::int64_t oid = 0;
        try {
            oid = std::stoll(p.substr(17));
        } catch (const std::exception&) {
            throw HttpError{400, "Неверный oid."};
        }
        if (!data_.removePerson(oid)) throw HttpError{404, "Нет такого пользователя."};
        return ex.sendJson("{}");
    }
    if (p == "/sim/api/clients" && ex.method() == "POST") {
        auto json = parseObject(ex.readBody("application/json", 64 * 1024));
        try {
            data_.upsertClient(SimData::parseClient(json, "."));
            return ex.sendJson("{}");
        } catch (const std::exception& e) {
            throw HttpError{400, e.what()};
        }
    }
    if (p == "/sim/api/sms" && ex.method() == "GET") {
        std::string out = "[";
        for (const auto& m : state_.recentSms()) {
            if (out.size() > 1) out += ",";
            out += "{\"oid\":" + std::to_string(m.oid) + ",\"code\":\"" + m.code + "\"}";
        }
        return ex.sendJson(out + "]");
    }
    throw HttpError{404, "Нет такого метода административного API."};
}

}  // namespace netcity::sim
