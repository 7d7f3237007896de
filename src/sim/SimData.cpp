#include "sim/SimData.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/CalendarDate.h"
#include "domain/SnilsNumber.h"
#include "domain/Utf8Text.h"

namespace netcity::sim {
namespace {

using Poco::JSON::Object;

std::string text(const Object::Ptr& o, const std::string& key, bool required = false,
                 bool multiline = false) {
    if (!o->has(key) || o->isNull(key)) {
        if (required) throw std::invalid_argument("missing \"" + key + "\"");
        return {};
    }
    auto value = o->get(key);
    if (!value.isString()) throw std::invalid_argument("\"" + key + "\" must be a string");
    auto s = value.convert<std::string>();
    if (!domain::isValidUtf8(s) || domain::hasControlCharacters(s, multiline) ||
        s.size() > (multiline ? 16384u : 1000u))
        throw std::invalid_argument("\"" + key + "\" has invalid characters");
    return s;
}

std::string digitsOf(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

SimPerson::Level parseLevel(const std::string& s) {
    if (s.empty() || s == "confirmed") return SimPerson::Level::Confirmed;
    if (s == "standard") return SimPerson::Level::Standard;
    if (s == "simplified") return SimPerson::Level::Simplified;
    if (s == "child") return SimPerson::Level::Child;
    throw std::invalid_argument("\"level\" must be simplified, standard, confirmed or child");
}

const char* levelName(SimPerson::Level l) {
    switch (l) {
        case SimPerson::Level::Simplified:
            return "simplified";
        case SimPerson::Level::Standard:
            return "standard";
        case SimPerson::Level::Confirmed:
            return "confirmed";
        case SimPerson::Level::Child:
            return "child";
    }
    return "confirmed";
}

SimDocument parseDocument(const Object::Ptr& o, const std::string& defaultType) {
    SimDocument d;
    d.type = text(o, "type");
    if (d.type.empty()) d.type = defaultType;
    d.series = text(o, "series");
    d.number = text(o, "number", true);
    d.issueDate = text(o, "issueDate");
    d.issueId = text(o, "issueId");
    d.issuedBy = text(o, "issuedBy");
    return d;
}

}  // namespace

const char* SimPerson::levelClaim() const {
    switch (level) {
        case Level::Confirmed:
            return "PR";
        case Level::Child:
            return "KD";
        default:
            return "P";
    }
}

std::string normalizeLogin(const std::string& login) {
    std::string text = domain::collapseSpaces(login);
    if (text.find('@') != std::string::npos) return "email:" + domain::lowerCase(text);
    std::string digits = digitsOf(text);
    if (digits.size() != 11) return "unknown:" + text;
    bool snils = static_cast<bool>(domain::SnilsNumber::parse(text));
    if (snils && text.find('-') != std::string::npos) return "snils:" + digits;  // 123-456-789 01
    if (text[0] == '+' || digits[0] == '7' || digits[0] == '8') return "phone:7" + digits.substr(1);
    return snils ? "snils:" + digits : "unknown:" + text;
}

SimPerson SimData::parsePerson(const Object::Ptr& o) {
    SimPerson p;
    if (!o->has("oid") || !o->get("oid").isInteger())
        throw std::invalid_argument("\"oid\" must be a number");
    p.oid = o->get("oid").convert<std::int64_t>();
    if (p.oid <= 0) throw std::invalid_argument("\"oid\" must be positive");
    p.password = text(o, "password");
    p.lastName = text(o, "lastName", true);
    p.firstName = text(o, "firstName", true);
    p.middleName = text(o, "middleName");
    p.birthDate = text(o, "birthDate");
    if (!p.birthDate.empty() && !domain::CalendarDate::parse(p.birthDate))
        throw std::invalid_argument("\"birthDate\" must be DD.MM.YYYY");
    p.gender = text(o, "gender");
    if (!p.gender.empty() && p.gender != "M" && p.gender != "F")
        throw std::invalid_argument("\"gender\" must be M or F");
    std::string snils = text(o, "snils");
    if (!snils.empty()) {
        auto parsed = domain::SnilsNumber::parse(snils);
        if (!parsed) throw std::invalid_argument("\"snils\" is not a valid SNILS");
        p.snils = parsed->digits();
    }
    p.inn = text(o, "inn");
    p.email = text(o, "email");
    p.mobile = text(o, "mobile");
    p.birthPlace = text(o, "birthPlace");
    p.level = parseLevel(text(o, "level"));
    p.twoFactor = o->has("twoFactor") && o->getValue<bool>("twoFactor");
    if (o->has("passport"))
        p.documents.push_back(parseDocument(o->getObject("passport"), "RF_PASSPORT"));
    if (o->has("birthCertificate"))
        p.documents.push_back(parseDocument(o->getObject("birthCertificate"), "RF_BRTH_CERT"));
    if (o->has("kids")) {
        auto kids = o->getArray("kids");
        for (std::size_t i = 0; i < kids->size(); ++i)
            p.kids.push_back(kids->getElement<std::int64_t>(static_cast<unsigned>(i)));
    }
    return p;
}

SimClient SimData::parseClient(const Object::Ptr& o, const std::string& baseDir) {
    SimClient c;
    c.mnemonic = text(o, "mnemonic", true);
    c.name = text(o, "name");
    if (c.name.empty()) c.name = c.mnemonic;
    auto uris = o->getArray("redirectUris");
    if (!uris || uris->size() == 0)
        throw std::invalid_argument("\"redirectUris\" must list at least one URI");
    for (std::size_t i = 0; i < uris->size(); ++i)
        c.redirectUris.push_back(uris->getElement<std::string>(static_cast<unsigned>(i)));
    auto scopes = o->getArray("scopes");
    if (scopes)
        for (std::size_t i = 0; i < scopes->size(); ++i)
            c.scopes.insert(scopes->getElement<std::string>(static_cast<unsigned>(i)));
    c.certificatePem = text(o, "certificate", false, true);  // PEM has line breaks
    std::string file = text(o, "certificateFile");
    if (c.certificatePem.empty() && !file.empty()) {
        std::ifstream in(file.front() == '/' ? file : baseDir + "/" + file);
        if (!in) throw std::invalid_argument("cannot read certificateFile " + file);
        std::stringstream s;
        s << in.rdbuf();
        c.certificatePem = s.str();
    }
    if (c.certificatePem.empty())
        throw std::invalid_argument("client " + c.mnemonic + " has no certificate");
    crypto::Certificate::fromPem(c.certificatePem);  // throws when unreadable
    c.requireTrusted = o->has("requireTrusted") && o->getValue<bool>("requireTrusted");
    return c;
}

Object::Ptr SimData::toJson(const SimPerson& p) {
    Object::Ptr o = new Object;
    o->set("oid", p.oid);
    o->set("lastName", p.lastName);
    o->set("firstName", p.firstName);
    if (!p.middleName.empty()) o->set("middleName", p.middleName);
    if (!p.birthDate.empty()) o->set("birthDate", p.birthDate);
    if (!p.gender.empty()) o->set("gender", p.gender);
    if (!p.snils.empty()) o->set("snils", domain::SnilsNumber::parse(p.snils)->formatted());
    if (!p.email.empty()) o->set("email", p.email);
    if (!p.mobile.empty()) o->set("mobile", p.mobile);
    o->set("level", levelName(p.level));
    o->set("twoFactor", p.twoFactor);
    Poco::JSON::Array::Ptr kids = new Poco::JSON::Array;
    for (auto k : p.kids) kids->add(k);
    o->set("kids", kids);
    return o;
}

void SimData::load(const std::string& json, const std::string& baseDir) {
    Poco::JSON::Parser parser;
    Object::Ptr root;
    try {
        root = parser.parse(json).extract<Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("the data file is not valid JSON: " + e.displayText());
    }
    std::map<std::int64_t, SimPerson> persons;
    std::map<std::string, SimClient> clients;
    if (auto list = root->getArray("persons"))
        for (std::size_t i = 0; i < list->size(); ++i) {
            try {
                auto p = parsePerson(list->getObject(static_cast<unsigned>(i)));
                persons[p.oid] = p;
            } catch (const std::exception& e) {
                throw std::invalid_argument("persons[" + std::to_string(i) + "]: " + e.what());
            }
        }
    if (auto list = root->getArray("clients"))
        for (std::size_t i = 0; i < list->size(); ++i) {
            try {
                auto c = parseClient(list->getObject(static_cast<unsigned>(i)), baseDir);
                clients[c.mnemonic] = c;
            } catch (const std::exception& e) {
                throw std::invalid_argument("clients[" + std::to_string(i) + "]: " + e.what());
            }
        }
    std::lock_guard lock(mutex_);
    persons_ = std::move(persons);
    clients_ = std::move(clients);
}

std::optional<SimPerson> SimData::findByLogin(const std::string& login) const {
    std::string wanted = normalizeLogin(login);
    std::lock_guard lock(mutex_);
    for (const auto& [oid, p] : persons_) {
        if (!p.mobile.empty() && normalizeLogin(p.mobile) == wanted) return p;
        if (!p.email.empty() && normalizeLogin(p.email) == wanted) return p;
        if (!p.snils.empty() && "snils:" + p.snils == wanted) return p;
    }
    return std::nullopt;
}

std::optional<SimPerson> SimData::person(std::int64_t oid) const {
    std::lock_guard lock(mutex_);
    auto it = persons_.find(oid);
    if (it == persons_.end()) return std::nullopt;
    return it->second;
}

std::optional<SimClient> SimData::client(const std::string& mnemonic) const {
    std::lock_guard lock(mutex_);
    auto it = clients_.find(mnemonic);
    if (it == clients_.end()) return std::nullopt;
    return it->second;
}

std::vector<SimPerson> SimData::persons() const {
    std::lock_guard lock(mutex_);
    std::vector<SimPerson> out;
    for (const auto& [oid, p] : persons_) out.push_back(p);
    return out;
}

void SimData::upsertPerson(const SimPerson& person) {
    std::lock_guard lock(mutex_);
    persons_[person.oid] = person;
}

bool SimData::removePerson(std::int64_t oid) {
    std::lock_guard lock(mutex_);
    return persons_.erase(oid) > 0;
}

void SimData::upsertClient(const SimClient& client) {
    std::lock_guard lock(mutex_);
    clients_[client.mnemonic] = client;
}

}  // namespace netcity::sim
