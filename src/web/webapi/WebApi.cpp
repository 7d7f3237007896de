#include "web/webapi/WebApi.h"

#include <cctype>

#include "crypto/Bytes.h"
#include "crypto/Random.h"
#include "domain/LoginThrottle.h"
#include "domain/PasswordLoginPolicy.h"
#include "domain/Utf8Text.h"
#include "flows/journal/Diary.h"
#include "flows/webapi/SchoolSearch.h"

namespace netcity::web::webapi {

using flows::webapi::WebApiSignIn;
using http::HttpError;
using http::HttpExchange;

namespace {

constexpr const char* kCookie = "NSSESSIONID";
constexpr const char* kWrongPassword = "Неправильный пароль или логин";

bool isLowerHex(const std::string& text, std::size_t length) {
    if (text.size() != length) return false;
    for (char c : text)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

void failLogin(HttpExchange& ex, const std::string& message) {
    ex.sendJson("{\"message\":" + quoted(message) + "}", 409);
}

std::string refusal(WebApiSignIn::Outcome outcome, std::chrono::seconds wait) {
    using Outcome = WebApiSignIn::Outcome;
    switch (outcome) {
        case Outcome::Throttled:
            return "Слишком много неудачных попыток входа. Попробуйте через " +
                   domain::minutesPhrase(wait) + ".";
        case Outcome::PolicyClosed:
            return domain::kEsiaOnlyNotice;
        case Outcome::Closed:
            return "Вход по паролю из приложений в этой системе отключён. Войдите на сайте.";
        case Outcome::StaffOnly:
            return "Вход по логину и паролю доступен только сотрудникам. Войдите через госуслуги.";
        case Outcome::TemporaryExpired:
            return "Срок действия временного пароля истёк. Обратитесь в образовательную "
                   "организацию за новым паролем.";
        case Outcome::MustChangePassword:
            return "Пароль, выданный организацией, нужно сменить. Войдите на сайте, смените "
                   "пароль и повторите вход в приложении.";
        case Outcome::SignedIn:
        case Outcome::Rejected:
            break;
    }
    return kWrongPassword;
}

}  // namespace

bool WebApi::isWebApiPath(const std::string& path) {
    return asciiLower(path.substr(0, 8)) == "/webapi/";
}

std::string WebApi::routeKey(const std::string& path) {
    return asciiLower(path);
}

std::vector<Endpoint> WebApi::endpoints() {
    auto bind = [this](void (WebApi::*h)(HttpExchange&)) {
        return [this, h](HttpExchange& ex) { (this->*h)(ex); };
    };
    return {
        {"GET", "/webapi/logindata", bind(&WebApi::loginData)},
        {"POST", "/webapi/auth/getdata", bind(&WebApi::authGetData)},
        {"GET", "/webapi/prepareloginform", bind(&WebApi::prepareLoginForm)},
        {"GET", "/webapi/schools/search", bind(&WebApi::schoolsSearch)},
        {"POST", "/webapi/login", bind(&WebApi::login)},
        {"POST", "/webapi/auth/logout", bind(&WebApi::authLogout)},
        {"GET", "/webapi/context/expired", bind(&WebApi::contextExpired)},
        {"GET", "/webapi/sysinfo", bind(&WebApi::sysInfo)},
        {"GET", "/webapi/grade/assignment/types", bind(&WebApi::assignmentTypes)},
    };
}

std::string WebApi::sessionCookie(HttpExchange& ex) {
    std::string cookie = ex.cookie(kCookie);
    if (isLowerHex(cookie, 32)) return cookie;
    cookie = crypto::toHex(crypto::randomBytes(16));
    // Not Secure on plain HTTP: Python's cookie jar would not send it back (§2).
    ex.setCookie(kCookie, cookie, -1, settings_.secureCookies);
    return cookie;
}

void WebApi::loginData(HttpExchange& ex) {
    sessionCookie(ex);
    std::string yes = settings_.passwordLogin ? "true" : "false";
    ex.sendJson("{\"schoolLogin\":" + yes +
                ",\"esiaLogin\":false,\"esiaMainAuth\":false,\"esiaButton\":false,"
                "\"signatureLogin\":false,\"windowsAuth\":false,\"enableSms\":false,"
                "\"esaLogin\":false,\"version\":" +
                quoted(kWebApiVersion) +
                ",\"productName\":" + quoted("Сетевой Город. Образование") + "}");
}

void WebApi::authGetData(HttpExchange& ex) {
    discardBody(ex);
    auto c = signIn_.issue(sessionCookie(ex));
    ex.sendJson("{\"lt\":" + quoted(c.lt) + ",\"ver\":" + quoted(c.ver) +
                ",\"salt\":" + quoted(c.salt) + "}");
}

void WebApi::prepareLoginForm(HttpExchange& ex) {
    // Only cid and sid are read (LJS), and sent back as they are; the school is scid alone.
    ex.sendJson(
        "{\"cid\":1,\"sid\":1,\"pid\":-1,\"cn\":-1,\"sft\":2,\"scid\":-1,\"countries\":[],"
        "\"states\":[],\"provinces\":[],\"cities\":[],\"funcs\":[],\"schools\":[],"
        "\"hlevels\":[]}");
}

void WebApi::schoolsSearch(HttpExchange& ex) {
    auto query = lowerCaseNames(ex.queryFields());
    std::string name = query.count("name") ? query["name"] : "";
    // As real servers since 2023: no list of every school (LJS then asks for name=У).
    if (domain::collapseSpaces(name).empty())
        throw HttpError{403, "Укажите часть названия организации (параметр name)."};
    std::string json = "[";
    for (const auto& f : flows::webapi::SchoolSearch(db_).run(name)) {
        if (json.size() > 1) json += ",";
        json += "{\"id\":" + std::to_string(f.listing.id) + ",\"name\":" + quoted(f.fullName) +
                ",\"shortName\":" + quoted(f.shortName) +
                ",\"provinceId\":" + std::to_string(f.listing.municipalityId) +
                ",\"cityId\":" + std::to_string(f.listing.localityId.value_or(0)) +
                ",\"addressString\":" + quoted(f.listing.place) +
                ",\"inn\":null,\"ogrn\":null,\"address\":null}";
    }
    ex.sendJson(json + "]");
}

void WebApi::login(HttpExchange& ex) {
    ex.readForm(8 * 1024, 32);
    auto form = lowerCaseNames(ex.formFields());
    auto field = [&](const char* name) { return form.count(name) ? form[name] : std::string{}; };
    WebApiSignIn::Attempt a;
    a.cookie = ex.cookie(kCookie);
    a.lt = field("lt");
    a.ver = field("ver");
    a.login = field("un");
    a.answer = asciiLower(field("pw2"));
    a.clientAddress = ex.clientAddress();
    auto school = http::parsePositiveId(field("scid"));
    // What no client of the contract sends is refused before the challenge is spent.
    if (field("logintype") != "1" || !school || a.login.empty() || a.login.size() > 64 ||
        !isLowerHex(a.answer, 32))
        return failLogin(ex, kWrongPassword);
    a.organizationId = *school;
    auto result = signIn_.signIn(a);
    if (result.outcome != WebApiSignIn::Outcome::SignedIn)
        return failLogin(ex, refusal(result.outcome, result.wait));
    ex.sendJson("{\"at\":" + quoted(result.at) +
                ",\"timeOut\":" + std::to_string(settings_.sessionIdleSeconds * 1000) +
                ",\"errorMessage\":null,\"entryPoint\":\"/angular/school/studentdiary/\","
                "\"requestData\":{},\"accountInfo\":" +
                accountInfo(result.accountId) + "}");
}

std::string WebApi::accountInfo(std::int64_t accountId) {
    auto overview = overviews_.get(accountId);
    if (!overview) return "null";
    const auto& p = overview->profile;
    std::string roles = "[";
    for (auto role : p.roles) {
        if (roles.size() > 1) roles += ",";
        roles += quoted(domain::code(role));
    }
    return "{\"user\":{\"id\":" + std::to_string(p.accountId) +
           ",\"name\":" + quoted(p.name.full()) + ",\"login\":" + quoted(p.login) +
           "},\"currentOrganization\":{\"id\":" + std::to_string(p.organizationId) +
           ",\"name\":" + quoted(p.organizationName) + "},\"userRoles\":" + roles +
           "],\"activeToken\":null,\"secureActiveToken\":null}";
}

void WebApi::authLogout(HttpExchange& ex) {
    discardBody(ex);
    requireAt(signIn_, ex);
    signIn_.logout(ex.header("at"));
    ex.sendJson("{}");
}

void WebApi::contextExpired(HttpExchange& ex) {
    auto query = lowerCaseNames(ex.queryFields());
    std::string token = query.count("token") ? query["token"] : "";
    ex.sendJson(signIn_.resolve(token) ? "false" : "true");
}

// LJS reads `Id:` and `Версия системы:`, and compares the version with 5.29 to choose how it
// signs out (§4.8): the same version as logindata's.
void WebApi::sysInfo(HttpExchange& ex) {
    ex.sendText(std::string("Id: netcity-1\r\nВерсия системы: ") + kWebApiVersion + "\r\n",
                "text/plain; charset=utf-8");
}

// `all` (true or false) asks for types no longer in use as well: netcity retires none.
void WebApi::assignmentTypes(HttpExchange& ex) {
    requireAt(signIn_, ex);
    std::vector<store::journal::AssignmentType> types;
    {
        auto s = db_.session();
        types = flows::journal::Diary::assignmentTypes(db_, s);
    }
    std::string json = "[";
    for (const auto& t : types) {
        if (json.size() > 1) json += ",";
        json += "{\"id\":" + std::to_string(t.id) + ",\"name\":" + quoted(t.name) +
                ",\"abbr\":" + quoted(t.abbr) + ",\"order\":" + std::to_string(t.order) + "}";
    }
    ex.sendJson(json + "]");
}

}  // namespace netcity::web::webapi
