#include "sim/EsiaSimulator.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/URI.h>
#include <sodium.h>

#include <chrono>
#include <regex>

#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "log/JsonEscape.h"
#include "log/JsonLog.h"
#include "sim/CertificateArchive.h"
#include "sim/EsiaTimestamp.h"
#include "sim/Scopes.h"

namespace netcity::embedded {
const std::map<std::string, std::string>& simFiles();
}

namespace netcity::sim {
namespace {

using http::HttpError;
using http::TemplateData;

constexpr const char* kFlowCookie = "esia_flow";
constexpr const char* kSsoCookie = "esia_sso";

class Dispatch : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Dispatch(EsiaSimulator& sim) : sim_(sim) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        sim_.handle(req, res);
    }

  private:
    EsiaSimulator& sim_;
};

std::string encode(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
    return out;
}

bool isUuid(const std::string& s) {
    static const std::regex kUuid(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    return std::regex_match(s, kUuid);
}

std::string maskPhone(const std::string& phone) {
    if (phone.size() < 4) return "***";
    return phone.substr(0, phone.size() > 6 ? 5 : 1) + "***" + phone.substr(phone.size() - 2);
}

// Generation 1 signs scope+timestamp+client_id+state; generation 2
// client_id+scope+scope_org+timestamp+state+redirect_uri (spec §3.1).
std::string authorizationMessage(Generation g, const std::string& clientId,
                                 const std::string& scope, const std::string& scopeOrg,
                                 const std::string& timestamp, const std::string& state,
                                 const std::string& redirectUri) {
    if (g == Generation::V1) return scope + timestamp + clientId + state;
    return clientId + scope + scopeOrg + timestamp + state + redirectUri;
}

}  // namespace

const std::map<std::string, std::string>& simFiles() {
    return embedded::simFiles();
}

EsiaSimulator::EsiaSimulator(SimData& data, TokenMinter& minter,
                             crypto::Certificate signingCertificate, SimSettings settings, Now now)
    : data_(data),
      minter_(minter),
      signingCertificate_(std::move(signingCertificate)),
      certificateArchive_(certificateArchive(signingCertificate_.der(), "esia-sim.cer")),
      settings_(std::move(settings)),
      now_(std::move(now)),
      templates_(simFiles()) {}

Poco::Net::HTTPRequestHandler* EsiaSimulator::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
    return new Dispatch(*this);
}

void EsiaSimulator::handle(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
    auto started = std::chrono::steady_clock::now();
    int status = 500;
    try {
        Ex ex(request, response);
        try {
            dispatch(ex);
        } catch (const HttpError& e) {
            if (!ex.sent()) {
                if (ex.path().rfind("/rs/", 0) == 0 || ex.path().rfind("/sim/api/", 0) == 0 ||
                    (ex.path().rfind("/aas/oauth2/", 0) == 0 && ex.method() == "POST"))
                    ex.sendJson("{\"error\":\"invalid_request\",\"error_description\":\"" +
                                    log::jsonEscape(e.message) + "\"}",
                                e.status);
                else
                    errorPage(ex, e.status, e.message);
            }
        } catch (const std::exception& e) {
            log::logJson("esia-sim.error", {{"what", e.what()}});
            if (!ex.sent()) errorPage(ex, 500, "Внутренняя ошибка эмулятора.");
        }
        status = ex.status();
    } catch (const HttpError& e) {
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(e.status));
        response.setContentType("text/plain; charset=utf-8");
        response.send() << e.message;
        status = e.status;
    } catch (const std::exception& e) {
        log::logJson("esia-sim.error", {{"what", e.what()}});
    }
    if (settings_.accessLog) {
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        log::logJson("esia-sim.http", {{"method", request.getMethod()},
                                       {"status", std::to_string(status)},
                                       {"ms", std::to_string(ms)}});
    }
}

void EsiaSimulator::dispatch(Ex& ex) {
    const std::string& p = ex.path();
    const std::string& m = ex.method();
    if (m == "GET" && p == "/aas/oauth2/ac") return authorize(ex, Generation::V1);
    if (m == "GET" && p == "/aas/oauth2/v2/ac") return authorize(ex, Generation::V2);
    if (m == "POST" && p == "/aas/oauth2/te") return token(ex, Generation::V1);
    if (m == "POST" && (p == "/aas/oauth2/v3/te" || p == "/aas/oauth2/v2/te"))
        return token(ex, Generation::V2);
    if (m == "GET" && p == "/idp/login") return loginPage(ex);
    if (m == "POST" && p == "/idp/login") return loginSubmit(ex);
    if (m == "POST" && p == "/idp/sms") return smsSubmit(ex);
    if (m == "POST" && p == "/idp/consent") return consentSubmit(ex);
    if (m == "GET" && p == "/idp/ext/Logout") return logout(ex);
    if (m == "GET" && p.rfind("/rs/prns/", 0) == 0) return personApi(ex);
    if (m == "GET" && p == "/public/esia.pem") return certificate(ex, false);
    if (m == "GET" && p == "/public/esia.cer") return certificate(ex, true);
    if (m == "GET" && p == "/public/esia.zip")
        return ex.sendText(certificateArchive_, "application/zip");
    if (m == "GET" && p == "/sim/dev") return developerPage(ex);
    if (p.rfind("/sim/api/", 0) == 0) return adminApi(ex);
    if (m == "GET" && p == "/healthz") return ex.sendText("ok\n", "text/plain; charset=utf-8");
    if (m == "GET" && p.rfind("/static/", 0) == 0) {
        const std::string* body = templates_.asset(p.substr(8));
        if (!body) throw HttpError{404, "Файл не найден."};
        return ex.sendText(*body, "text/css; charset=utf-8");
    }
    throw HttpError{404, "Страница не найдена."};
}

void EsiaSimulator::renderPage(Ex& ex, const std::string& name, const std::string& title,
                               TemplateData data, int status) {
    ex.sendHtml(templates_.page(name, title, std::move(data)), status);
}

void EsiaSimulator::errorPage(Ex& ex, int status, const std::string& message) {
    TemplateData d;
    d.set("message", message);
    renderPage(ex, "message", "Ошибка", d, status);
}

void EsiaSimulator::authorize(Ex& ex, Generation generation) {
    std::int64_t now = now_();
    std::string clientId = ex.query("client_id"), redirectUri = ex.query("redirect_uri");
    if (clientId.empty() || redirectUri.empty())
        return errorPage(ex, 400, esiaError(7014).description());
    auto client = data_.client(clientId);
    if (!client) return errorPage(ex, 400, esiaError(7002).description());
    bool registered = false;
    for (const auto& uri : client->redirectUris) registered = registered || uri == redirectUri;
    if (!registered) return errorPage(ex, 400, esiaError(7023).description());

    LoginFlow flow;
    flow.generation = generation;
    flow.clientId = clientId;
    flow.redirectUri = redirectUri;
    flow.scope = ex.query("scope");
    flow.scopeOrg = ex.query("scope_org");
    flow.state = ex.query("state");
    flow.nonce = ex.query("nonce");
    auto fail = [&](int code) { redirectWithError(ex, flow, esiaError(code)); };

    std::string timestamp = ex.query("timestamp"), secret = ex.query("client_secret"),
                responseType = ex.query("response_type"),
                certificateHash = ex.query("client_certificate_hash");
    if (flow.scope.empty()) return fail(7013);
    if (responseType.empty() || flow.state.empty() || timestamp.empty() || secret.empty() ||
        (generation == Generation::V2 && certificateHash.empty()))
        return fail(7014);
    auto when = parseEsiaTimestamp(timestamp);
    if (!when || *when < now - settings_.allowedSkew || *when > now + settings_.allowedSkew)
        return fail(7015);
    if (responseType != "code") return fail(7012);
    auto scopes = splitScopes(flow.scope);
    bool openid = false;
    for (const auto& s : scopes) {
        if (!scopeInfo(s) || !client->scopes.count(s)) return fail(7006);
        openid = openid || s == "openid";
    }
    if (!openid) return fail(7006);
    if (!isUuid(flow.state)) return fail(7003);
    std::string message = authorizationMessage(generation, clientId, flow.scope, flow.scopeOrg,
                                               timestamp, flow.state, redirectUri);
    if (auto error = checkClientSecret(*client, generation, message, secret, certificateHash))
        return redirectWithError(ex, flow, *error);
    if (!state_.firstUseOfRequest("ac|" + clientId + "|" + secret.substr(0, secret.find('=')), now))
        return fail(7003);

    std::string id = state_.startFlow(flow, now);
    ex.setCookie(kFlowCookie, id, -1, false);
    ex.redirect("/idp/login?flow=" + id);
}

void EsiaSimulator::redirectWithError(Ex& ex, const LoginFlow& flow, const EsiaError& error) {
    std::string sep = flow.redirectUri.find('?') == std::string::npos ? "?" : "&";
    std::string location = flow.redirectUri + sep + "error=" + encode(error.error) +
                           "&error_description=" + encode(error.description());
    if (!flow.state.empty()) location += "&state=" + encode(flow.state);
    if (!flow.id.empty()) state_.endFlow(flow.id);
    ex.redirect(location);
}

namespace {

// Every page of a flow may end in a redirect back to the client, which the browser checks
// against the page's form-action policy.
void allowReturnTo(http::HttpExchange& ex, const LoginFlow& flow) {
    Poco::URI back(flow.redirectUri);
    ex.allowFormTarget(back.getScheme() + "://" + back.getAuthority());
}

}  // namespace

LoginFlow EsiaSimulator::flowFromForm(Ex& ex) {
    std::string id = ex.form("flow");
    // The flow id is unguessable and bound to this browser by a cookie: a form posted from
    // another site or another browser does not continue someone else's sign-in.
    if (id.empty() || !crypto::constantTimeEquals(id, ex.cookie(kFlowCookie)))
        throw HttpError{400,
                        "Сеанс входа не найден. Вернитесь на сайт, с которого вы пришли, и "
                        "начните вход заново."};
    auto flow = state_.flow(id, now_());
    if (!flow)
        throw HttpError{400,
                        "Время на вход истекло. Вернитесь на сайт, с которого вы пришли, и "
                        "начните вход заново."};
    allowReturnTo(ex, *flow);
    return *flow;
}

void EsiaSimulator::loginPage(Ex& ex) {
    std::string id = ex.query("flow");
    auto flow = state_.flow(id, now_());
    if (!flow || !crypto::constantTimeEquals(id, ex.cookie(kFlowCookie)))
        throw HttpError{400,
                        "Сеанс входа не найден. Вернитесь на сайт, с которого вы пришли, и "
                        "начните вход заново."};
    allowReturnTo(ex, *flow);
    if (flow->stage == LoginFlow::Stage::Login) {
        if (auto oid = state_.ssoPerson(ex.cookie(kSsoCookie), now_()); oid && data_.person(*oid)) {
            flow->oid = *oid;  // already signed in at Gosuslugi
            flow->stage = LoginFlow::Stage::Consent;
            state_.updateFlow(*flow);
        }
    }
    advance(ex, *flow);
}

void EsiaSimulator::advance(Ex& ex, LoginFlow flow) {
    auto client = data_.client(flow.clientId);
    if (!client) throw HttpError{400, "Система, запросившая вход, больше не зарегистрирована."};
    TemplateData d;
    d.set("flow", flow.id);
    d.set("clientName", client->name);
    if (flow.stage == LoginFlow::Stage::Login) return renderPage(ex, "login", "Вход", d);
    auto person = data_.person(flow.oid);
    if (!person) throw HttpError{400, "Учётная запись не найдена."};
    if (flow.stage == LoginFlow::Stage::SmsCode) {
        d.set("phone", maskPhone(person->mobile));
        return renderPage(ex, "sms", "Подтверждение входа", d);
    }
    if (client->requireTrusted && !person->trusted())
        return redirectWithError(ex, flow, esiaError(7055));
    if (state_.consented(flow.oid, flow.clientId, flow.scope)) return finish(ex, flow);
    kainjow::mustache::list rights;
    for (const auto& s : splitScopes(flow.scope)) {
        TemplateData item;
        item.set("text", scopeInfo(s)->consentText);
        rights.push_back(item);
    }
    d.set("rights", rights);
    renderPage(ex, "consent", "Предоставление прав доступа", d);
}

void EsiaSimulator::loginSubmit(Ex& ex) {
    ex.readForm(16 * 1024);
    LoginFlow flow = flowFromForm(ex);
    std::string login = ex.form("login"), password = ex.form("password");
    auto now = std::chrono::steady_clock::now();
    std::string throttleKey = normalizeLogin(login);
    TemplateData d;
    d.set("flow", flow.id);
    d.set("login", login);
    if (auto client = data_.client(flow.clientId)) d.set("clientName", client->name);
    if (auto wait = passwordThrottle_.waitFor(throttleKey, now); wait.count() > 0) {
        d.set("error",
              "Слишком много попыток входа. Попробуйте через " + domain::minutesPhrase(wait) + ".");
        return renderPage(ex, "login", "Вход", d, 429);
    }
    auto person = data_.findByLogin(login);
    bool ok =
        person && !person->password.empty() &&
        crypto::constantTimeEquals(crypto::sha256(person->password), crypto::sha256(password));
    if (!ok) {
        passwordThrottle_.recordFailure(throttleKey, now);
        d.set("error", "Неверные логин или пароль");
        return renderPage(ex, "login", "Вход", d, 401);
    }
    passwordThrottle_.recordSuccess(throttleKey);
    flow.oid = person->oid;
    ex.setCookie(kSsoCookie, state_.startSso(person->oid, now_()), -1, false);
    if (person->twoFactor) {
        flow.stage = LoginFlow::Stage::SmsCode;
        flow.smsCode = std::to_string(100000 + randombytes_uniform(900000));
        state_.recordSms({now_(), person->oid, maskPhone(person->mobile), flow.smsCode});
        // The emulator's SMS gateway is its log (and the developer page /sim/dev).
        log::logJson("esia-sim.sms", {{"oid", std::to_string(person->oid)},
                                      {"phone", maskPhone(person->mobile)},
                                      {"code", flow.smsCode}});
    } else {
        flow.stage = LoginFlow::Stage::Consent;
    }
    state_.updateFlow(flow);
    advance(ex, flow);
}

void EsiaSimulator::smsSubmit(Ex& ex) {
    ex.readForm(4 * 1024);
    LoginFlow flow = flowFromForm(ex);
    if (flow.stage != LoginFlow::Stage::SmsCode) return advance(ex, flow);
    if (!crypto::constantTimeEquals(flow.smsCode, ex.form("code"))) {
        if (++flow.smsAttempts >= 3) {
            state_.endFlow(flow.id);
            throw HttpError{400, "Код введён неверно три раза. Начните вход заново."};
        }
        state_.updateFlow(flow);
        TemplateData d;
        d.set("flow", flow.id);
        d.set("error", "Неверный код. Осталось попыток: " + std::to_string(3 - flow.smsAttempts));
        if (auto person = data_.person(flow.oid)) d.set("phone", maskPhone(person->mobile));
        return renderPage(ex, "sms", "Подтверждение входа", d, 401);
    }
    flow.stage = LoginFlow::Stage::Consent;
    state_.updateFlow(flow);
    advance(ex, flow);
}

void EsiaSimulator::consentSubmit(Ex& ex) {
    ex.readForm(4 * 1024);
    LoginFlow flow = flowFromForm(ex);
    if (flow.stage != LoginFlow::Stage::Consent) return advance(ex, flow);
    std::string decision = ex.form("decision");
    if (decision == "deny") return redirectWithError(ex, flow, esiaError(7004));
    if (decision != "allow") throw HttpError{400, "Выберите «Предоставить» или «Отказать»."};
    state_.rememberConsent(flow.oid, flow.clientId, flow.scope);
    finish(ex, flow);
}

void EsiaSimulator::finish(Ex& ex, const LoginFlow& flow) {
    std::int64_t now = now_();
    Grant grant;
    grant.clientId = flow.clientId;
    grant.redirectUri = flow.redirectUri;
    grant.scope = flow.scope;
    grant.scopeOrg = flow.scopeOrg;
    grant.nonce = flow.nonce;
    grant.oid = flow.oid;
    grant.authTime = now;
    grant.sessionId = crypto::toHex(crypto::randomBytes(32));
    std::string code = state_.issueCode(grant, flow.generation, now);
    state_.endFlow(flow.id);
    ex.clearCookie(kFlowCookie, false);
    std::string sep = flow.redirectUri.find('?') == std::string::npos ? "?" : "&";
    ex.redirect(flow.redirectUri + sep + "code=" + encode(code) + "&state=" + encode(flow.state));
}

void EsiaSimulator::logout(Ex& ex) {
    std::string sso = ex.cookie(kSsoCookie);
    if (!sso.empty()) state_.endSso(sso);
    ex.clearCookie(kSsoCookie, false);
    std::string target = ex.query("redirect_url");
    auto client = data_.client(ex.query("client_id"));
    // No backslashes or user info: browsers and URI parsers disagree about them.
    bool plain = target.find('\\') == std::string::npos && target.find('@') == std::string::npos;
    if (!target.empty() && client && plain) {
        // Only back to the client's own site: never an open redirect.
        for (const auto& uri : client->redirectUris) {
            Poco::URI registered(uri), wanted(target);
            if (registered.getScheme() == wanted.getScheme() &&
                registered.getHost() == wanted.getHost() &&
                registered.getPort() == wanted.getPort())
                return ex.redirect(target);
        }
    }
    TemplateData d;
    d.set("message", "Вы вышли из учётной записи портала госуслуг.");
    renderPage(ex, "message", "Выход", d);
}

void EsiaSimulator::certificate(Ex& ex, bool der) {
    if (der) return ex.sendText(signingCertificate_.der(), "application/pkix-cert");
    ex.sendText(signingCertificate_.pem(), "application/x-pem-file");
}

std::string EsiaSimulator::origin(Ex& ex) const {
    if (!settings_.publicUrl.empty()) {
        std::string url = settings_.publicUrl;
        while (!url.empty() && url.back() == '/') url.pop_back();
        return url;
    }
    // Only host[:port] characters: the header must not turn the links into something else.
    static const std::regex kHost(
        "^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$");
    std::string host = ex.header("Host");
    if (!std::regex_match(host, kHost)) throw HttpError{400, "Неверный заголовок Host."};
    return "http://" + host;
}

void EsiaSimulator::developerPage(Ex& ex) {
    TemplateData d;
    kainjow::mustache::list sms;
    for (const auto& m : state_.recentSms()) {
        TemplateData item;
        item.set("oid", std::to_string(m.oid));
        item.set("phone", m.phone);
        item.set("code", m.code);
        sms.push_back(item);
    }
    d.set("sms", sms);
    kainjow::mustache::list persons;
    for (const auto& p : data_.persons()) {
        TemplateData item;
        item.set("oid", std::to_string(p.oid));
        item.set("name", p.lastName + " " + p.firstName + " " + p.middleName);
        item.set("login", !p.mobile.empty() ? p.mobile : p.email);
        item.set("level", p.levelClaim());
        item.set("twoFactor", p.twoFactor);
        persons.push_back(item);
    }
    d.set("persons", persons);
    renderPage(ex, "dev", "Эмулятор ЕСИА: для разработчиков", d);
}

}  // namespace netcity::sim
