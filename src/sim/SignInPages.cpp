// The person's pages between the authorization request and the answer to the client:
// /idp/login, /idp/sms, /idp/consent (spec §2, §8), and /idp/ext/Logout.
#include <Poco/URI.h>
#include <sodium.h>

#include <chrono>

#include "crypto/Hmac.h"
#include "log/JsonLog.h"
#include "sim/EsiaSimulator.h"
#include "sim/Scopes.h"

namespace netcity::sim {
namespace {

using http::HttpError;
using http::TemplateData;

std::string maskPhone(const std::string& phone) {
    if (phone.size() < 4) return "***";
    return phone.substr(0, phone.size() > 6 ? 5 : 1) + "***" + phone.substr(phone.size() - 2);
}

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

}  // namespace netcity::sim
