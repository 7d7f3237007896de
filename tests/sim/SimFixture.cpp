#include "sim/SimFixture.h"

#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <sodium.h>

#include <chrono>
#include <ctime>

#include "crypto/Random.h"
#include "sim/Scopes.h"

namespace netcity::testing {
namespace {

std::string enc(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
    return out;
}

const char* kData = R"JSON({
  "persons": [
    {"oid": 1000000001, "password": "Parol-1", "lastName": "Орлова", "firstName": "Наталья",
     "middleName": "Игоревна", "birthDate": "02.03.1985", "gender": "F", "snils": "112-233-445 95",
     "inn": "500100732259", "email": "orlova@example.org", "mobile": "+79005558157",
     "level": "confirmed", "kids": [1000000002],
     "passport": {"series": "6910", "number": "123456", "issueDate": "10.04.2005",
                  "issueId": "700001", "issuedBy": "ОВД Кировского района г. Томска"}},
    {"oid": 1000000002, "password": "Parol-2", "lastName": "Орлов", "firstName": "Иван",
     "middleName": "Андреевич", "birthDate": "15.06.2015", "gender": "M", "snils": "000-000-600 06",
     "level": "child",
     "birthCertificate": {"series": "I-ОМ", "number": "654321", "issueDate": "20.06.2015",
                          "issuedBy": "Отдел ЗАГС г. Томска"}},
    {"oid": 1000000003, "password": "Parol-3", "lastName": "Петрова", "firstName": "Анна",
     "birthDate": "01.01.1990", "gender": "F", "email": "petrova@example.org", "level": "standard"},
    {"oid": 1000000004, "password": "Parol-4", "lastName": "Сидоров", "firstName": "Пётр",
     "middleName": "Ильич", "birthDate": "05.05.1980", "gender": "M", "mobile": "+79001112233",
     "level": "confirmed", "twoFactor": true}
  ],
  "clients": []
})JSON";

}  // namespace

std::string newUuid() {
    auto b = crypto::randomBytes(16);
    b[6] = static_cast<char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<char>((b[8] & 0x3F) | 0x80);
    std::string h = crypto::toHex(b);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string timestampAt(std::int64_t unixSeconds, int offsetMinutes) {
    std::time_t t = static_cast<std::time_t>(unixSeconds + offsetMinutes * 60);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y.%m.%d %H:%M:%S", &tm);
    char zone[32];
    int m = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    std::snprintf(zone, sizeof zone, " %c%02d%02d", offsetMinutes < 0 ? '-' : '+', m / 60, m % 60);
    return std::string(buf) + zone;
}

SimFixture::SimFixture(bool adminApi, bool gostTokens)
    : now_(std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count()) {
    data_.load(kData, ".");
    client_.key = std::make_unique<crypto::PrivateKey>(crypto::PrivateKey::generateGost());
    client_.certificate = std::make_unique<crypto::Certificate>(
        crypto::Certificate::selfSigned(*client_.key, client_.mnemonic));
    sim::SimClient c;
    c.mnemonic = client_.mnemonic;
    c.name = "Ведомственная система Томской области";
    c.redirectUris = {client_.redirectUri};
    for (const auto& s : sim::knownScopes()) c.scopes.insert(s.name);
    c.certificatePem = client_.certificate->pem();
    data_.upsertClient(c);

    auto signingKey =
        gostTokens ? crypto::PrivateKey::generateGost() : crypto::PrivateKey::generateRsa();
    signingCertificate_ = std::make_unique<crypto::Certificate>(
        crypto::Certificate::selfSigned(signingKey, "ESIA emulator"));
    minter_ = std::make_unique<sim::TokenMinter>(std::move(signingKey), "http://esia-sim.test/");
    sim::SimSettings settings;
    settings.adminApi = adminApi;
    simulator_ = new sim::EsiaSimulator(data_, *minter_,
                                        crypto::Certificate::fromPem(signingCertificate_->pem()),
                                        settings, [this] { return now_; });
    server_ = std::make_unique<http::HttpServer>(
        Poco::Net::HTTPRequestHandlerFactory::Ptr(simulator_), http::HttpServerSettings{});
}

SimFixture::~SimFixture() {
    server_->stop();
}

std::string SimFixture::authorizeUrl(AuthorizeParams p) {
    if (p.state.empty()) p.state = newUuid();
    if (p.timestamp.empty()) p.timestamp = timestampAt(now_);
    if (p.redirectUri.empty()) p.redirectUri = client_.redirectUri;
    bool v2 = p.generation == sim::Generation::V2;
    std::string message = v2 ? client_.mnemonic + p.scope + p.timestamp + p.state + p.redirectUri
                             : p.scope + p.timestamp + client_.mnemonic + p.state;
    message += p.tamper;
    std::string secret = v2 ? crypto::base64UrlEncode(crypto::signRaw(*client_.key, message))
                            : crypto::base64UrlEncode(crypto::cmsSignDetached(
                                  *client_.certificate, *client_.key, message));
    std::map<std::string, std::string> q{{"client_id", client_.mnemonic},
                                         {"scope", p.scope},
                                         {"response_type", p.responseType},
                                         {"redirect_uri", p.redirectUri},
                                         {"state", p.state},
                                         {"timestamp", p.timestamp},
                                         {"access_type", "offline"},
                                         {"client_secret", secret}};
    if (v2) q["client_certificate_hash"] = client_.certificate->streebogHashHex();
    if (!p.nonce.empty()) q["nonce"] = p.nonce;
    for (const auto& [k, v] : p.overrides) {
        if (v == "-")
            q.erase(k);
        else
            q[k] = v;
    }
    std::string url = v2 ? "/aas/oauth2/v2/ac?" : "/aas/oauth2/ac?";
    for (const auto& [k, v] : q) url += k + "=" + enc(v) + "&";
    url.pop_back();
    return url;
}

std::string SimFixture::signIn(HttpClient& browser, const std::string& login,
                               const std::string& password, AuthorizeParams params, bool allow) {
    auto start = browser.get(authorizeUrl(params));
    if (start.status != 303 || start.location.rfind("/idp/login", 0) != 0) return start.location;
    std::string flow = queryParam(start.location, "flow");
    auto page = browser.get(start.location);
    HttpClient::Response res = page;
    if (page.body.find("id=\"login-form\"") != std::string::npos)
        res = browser.post("/idp/login",
                           "flow=" + flow + "&login=" + enc(login) + "&password=" + enc(password));
    if (res.body.find("id=\"sms-form\"") != std::string::npos) {
        auto sms = simulator_->state().recentSms();
        res = browser.post("/idp/sms", "flow=" + flow + "&code=" + sms.front().code);
    }
    if (res.body.find("id=\"consent-form\"") != std::string::npos)
        res = browser.post("/idp/consent",
                           "flow=" + flow + "&decision=" + (allow ? "allow" : "deny"));
    return res.location;
}

std::string SimFixture::tokenBody(sim::Generation generation, const std::string& codeOrRefresh,
                                  const std::string& scope, bool refresh,
                                  std::map<std::string, std::string> overrides) {
    std::string state = newUuid(), timestamp = timestampAt(now_);
    bool v2 = generation == sim::Generation::V2;
    std::string redirectUri =
        overrides.count("redirect_uri") ? overrides["redirect_uri"] : client_.redirectUri;
    std::string message = v2 ? client_.mnemonic + scope + timestamp + state + redirectUri +
                                   (refresh ? "" : codeOrRefresh)
                             : scope + timestamp + client_.mnemonic + state;
    std::string secret = v2 ? crypto::base64UrlEncode(crypto::signRaw(*client_.key, message))
                            : crypto::base64UrlEncode(crypto::cmsSignDetached(
                                  *client_.certificate, *client_.key, message));
    std::map<std::string, std::string> f{
        {"client_id", client_.mnemonic},
        {"grant_type", refresh ? "refresh_token" : "authorization_code"},
        {"client_secret", secret},
        {"state", state},
        {"redirect_uri", redirectUri},
        {"scope", scope},
        {"timestamp", timestamp},
        {"token_type", "Bearer"}};
    f[refresh ? "refresh_token" : "code"] = codeOrRefresh;
    if (v2) f["client_certificate_hash"] = client_.certificate->streebogHashHex();
    for (const auto& [k, v] : overrides) {
        if (v == "-")
            f.erase(k);
        else
            f[k] = v;
    }
    std::string body;
    for (const auto& [k, v] : f) body += k + "=" + enc(v) + "&";
    body.pop_back();
    return body;
}

std::string SimFixture::queryParam(const std::string& url, const std::string& name) {
    Poco::URI uri(url);
    for (const auto& [k, v] : uri.getQueryParameters())
        if (k == name) return v;
    return {};
}

Poco::JSON::Object::Ptr SimFixture::parseJson(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr SimFixture::verifiedClaims(const std::string& jwt,
                                                   const crypto::Certificate& certificate,
                                                   std::string* header) {
    auto first = jwt.find('.'), second = jwt.rfind('.');
    if (first == std::string::npos || first == second) return nullptr;
    crypto::Bytes h, c, sig;
    if (!crypto::base64UrlDecode(jwt.substr(0, first), h) ||
        !crypto::base64UrlDecode(jwt.substr(first + 1, second - first - 1), c) ||
        !crypto::base64UrlDecode(jwt.substr(second + 1), sig))
        return nullptr;
    if (!crypto::verifyRaw(certificate.publicKey(), jwt.substr(0, second), sig)) return nullptr;
    if (header) *header = h;
    return parseJson(c);
}

}  // namespace netcity::testing
