#include "web/Portal.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <cctype>
#include <chrono>
#include <set>

#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "log/JsonEscape.h"
#include "log/JsonLog.h"

namespace netcity::embedded {
const std::map<std::string, std::string>& files();
}

namespace netcity::web {

const std::map<std::string, std::string>& portalFiles() {
    return embedded::files();
}

namespace {

class Dispatch : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Dispatch(Portal& portal) : portal_(portal) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        portal_.handle(request, response);
    }

  private:
    Portal& portal_;
};

}  // namespace

Portal::Portal(PortalServices services, PortalSettings settings)
    : s_(services),
      settings_(std::move(settings)),
      glances_(s_.db, s_.clock, settings_.timeZone, settings_.cacheSeconds),
      classDiaries_(s_.db, settings_.cacheSeconds) {
    auto add = [this](const char* method, const char* path, Handler h) {
        routes_[{method, path}] = Route{path, [this, h](HttpExchange& ex) { (this->*h)(ex); }};
    };
    staticRoute_ = Route{"/static", [this](HttpExchange& ex) { staticAsset(ex); }};
    auto act = [this](const char* path, ActionHandler h, std::string action) {
        routes_[{"POST", path}] =
            Route{path, [this, h, action](HttpExchange& ex) { (this->*h)(ex, action); }};
    };
    add("GET", "/", &Portal::home);
    add("GET", "/login", &Portal::loginPage);
    add("POST", "/login", &Portal::loginSubmit);
    add("POST", "/logout", &Portal::logout);
    add("GET", "/main", &Portal::mainPage);
    add("GET", "/settings", &Portal::settingsPage);
    add("POST", "/settings/password", &Portal::passwordSubmit);
    add("GET", "/recover", &Portal::recoverPage);
    add("POST", "/recover", &Portal::recoverSubmit);
    add("GET", "/recover/reset", &Portal::recoverResetPage);
    add("POST", "/recover/reset", &Portal::recoverResetSubmit);
    add("GET", "/staff/people", &Portal::staffPeople);
    add("GET", "/staff/people/new", &Portal::staffNewPerson);
    add("POST", "/staff/people/new", &Portal::staffNewPersonSubmit);
    add("GET", "/staff/card", &Portal::staffCard);
    act("/staff/card", &Portal::staffCardAction, "save");
    act("/staff/card/unlink", &Portal::staffCardAction, "unlink");
    act("/staff/card/child", &Portal::staffCardAction, "child");
    act("/staff/card/child/remove", &Portal::staffCardAction, "child-remove");
    act("/staff/card/password", &Portal::staffAccountAction, "password");
    act("/staff/card/block", &Portal::staffAccountAction, "block");
    act("/staff/card/unblock", &Portal::staffAccountAction, "unblock");
    add("GET", "/staff/audit", &Portal::staffAudit);
    add("GET", "/esia/start", &Portal::esiaStart);
    add("POST", "/esia/start", &Portal::esiaStartSubmit);
    add("GET", "/esia/callback", &Portal::esiaCallback);
    add("POST", "/esia/choose", &Portal::esiaChoose);
    add("GET", "/esia/link", &Portal::esiaLinkPage);
    add("POST", "/esia/link", &Portal::esiaLinkSubmit);
    add("GET", "/esia/exit", &Portal::esiaExit);
    add("GET", "/esia/link/callback", &Portal::esiaLinkCallback);
    add("GET", "/esia/logged-out", &Portal::loggedOut);
    add("GET", "/esia/result", &Portal::esiaResult);
    add("GET", "/appeals/new", &Portal::appealIntro);
    add("GET", "/appeals/form", &Portal::appealForm);
    add("POST", "/appeals", &Portal::appealSubmit);
    add("GET", "/staff/appeals", &Portal::staffAppeals);
    add("GET", "/staff/appeal", &Portal::staffAppeal);
    act("/staff/appeal/link", &Portal::staffDecision, "link");
    act("/staff/appeal/card", &Portal::staffDecision, "card");
    act("/staff/appeal/create", &Portal::staffDecision, "create");
    act("/staff/appeal/reject", &Portal::staffDecision, "reject");
    add("GET", "/staff/mail", &Portal::staffMail);
    add("POST", "/staff/mail/retry", &Portal::staffMailRetry);
    add("GET", "/settings/control-question", &Portal::controlQuestionPage);
    add("POST", "/settings/control-question", &Portal::controlQuestionSubmit);
    add("GET", "/settings/esia/link", &Portal::settingsEsiaLinkNotice);
    add("POST", "/settings/esia/link", &Portal::settingsEsiaLinkSubmit);
    add("GET", "/settings/esia/unlink", &Portal::settingsEsiaUnlinkPage);
    add("POST", "/settings/esia/unlink", &Portal::settingsEsiaUnlinkSubmit);
    // «Дневник» and «Объявления»
    add("GET", "/diary", &Portal::diaryPage);
    add("GET", "/diary/overdue", &Portal::diaryOverdue);
    add("GET", "/diary/announcements", &Portal::diaryAnnouncements);
    add("GET", "/staff/announcements", &Portal::staffAnnouncements);
    add("POST", "/staff/announcements", &Portal::staffAnnouncementSubmit);
    // «Классный журнал» (web/journal/Journal*.cpp)
    add("GET", "/journal", &Portal::journalChoose);
    add("GET", "/journal/grid", &Portal::journalGrid);
    add("POST", "/journal/grid", &Portal::journalSave);
    add("GET", "/journal/timetable", &Portal::journalTimetablePage);
    act("/journal/lesson/move", &Portal::journalLessonAction, "move");
    act("/journal/lesson/cancel", &Portal::journalLessonAction, "cancel");
    add("GET", "/api/directory/regions", &Portal::apiRegions);
    add("GET", "/api/directory/municipalities", &Portal::apiMunicipalities);
    add("GET", "/api/directory/localities", &Portal::apiLocalities);
    add("GET", "/api/directory/types", &Portal::apiTypes);
    add("GET", "/api/directory/organizations", &Portal::apiOrganizations);
    add("GET", "/api/directory/authorities", &Portal::apiAuthorities);
    add("GET", "/api/directory/classes", &Portal::apiClasses);
    add("GET", "/api/appeal/organizations", &Portal::apiAppealOrganizations);
    add("GET", "/api/me", &Portal::apiMe);
    add("GET", "/healthz", &Portal::healthz);
    add("GET", "/metrics", &Portal::metrics);
    if (s_.webApiSignIn) {
        webapi::WebApi::Settings w;
        w.secureCookies = settings_.secureCookies;
        w.passwordLogin = s_.legacyVerifiers && s_.legacyVerifiers->enabled() &&
                          settings_.passwordPolicy != domain::PasswordLoginPolicy::Nobody;
        w.sessionIdleSeconds = settings_.sessionIdleSeconds;
        webApi_ = std::make_unique<webapi::WebApi>(s_.db, *s_.webApiSignIn, s_.overviews, w);
        for (auto& e : webApi_->endpoints())
            routes_[{e.method, e.path}] = Route{e.path, std::move(e.handler)};
    }
}

Poco::Net::HTTPRequestHandler* Portal::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
    return new Dispatch(*this);
}

const Portal::Route* Portal::find(const std::string& method, const std::string& path) const {
    if (method == "GET" && path.rfind("/static/", 0) == 0) return &staticRoute_;
    // The web API's clients spell its routes in either case (auth/getData, auth/getdata).
    auto it = routes_.find(
        {method, webapi::WebApi::isWebApiPath(path) ? webapi::WebApi::routeKey(path) : path});
    return it == routes_.end() ? nullptr : &it->second;
}

void Portal::handle(Poco::Net::HTTPServerRequest& request,
                    Poco::Net::HTTPServerResponse& response) {
    auto started = std::chrono::steady_clock::now();
    std::string routeName = "other";
    int status = 500;
    try {
        HttpExchange ex(request, response);
        ex.trustProxy(settings_.trustedProxy);
        try {
            const Route* route = find(ex.method(), ex.path());
            if (!route) {
                bool otherMethod = ex.method() != "GET" ? find("GET", ex.path()) != nullptr
                                                        : find("POST", ex.path()) != nullptr;
                throw HttpError{
                    otherMethod ? 405 : 404,
                    otherMethod ? "Этот адрес не принимает такой запрос." : "Страница не найдена."};
            }
            routeName = route->name;
            route->handler(ex);
        } catch (const HttpError& e) {
            fail(ex, e);
        } catch (const std::exception& e) {
            if (store::isUnavailable(e)) {  // temporary trouble, not a defect
                logJson("unavailable", {{"route", routeName}, {"what", e.what()}});
                fail(ex, {503,
                          "Сервис временно недоступен: база данных не отвечает. Повторите "
                          "попытку через несколько минут."});
            } else {
                logJson("error", {{"route", routeName}, {"what", e.what()}});
                fail(ex, {500, "Внутренняя ошибка сервера. Попробуйте позже."});
            }
        }
        status = ex.status();
    } catch (const HttpError& e) {  // the request line itself was bad
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(e.status));
        response.setContentType("text/plain; charset=utf-8");
        response.send() << e.message;
        status = e.status;
    } catch (const std::exception& e) {
        logJson("error", {{"route", routeName}, {"what", e.what()}});
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    s_.metrics.observeRequest(routeName, status, seconds);
    if (settings_.accessLog)
        logJson("http", {{"method", request.getMethod()},
                         {"route", routeName},
                         {"status", std::to_string(status)},
                         {"ms", std::to_string(seconds * 1000)}});
}

void Portal::fail(HttpExchange& ex, const HttpError& e) {
    if (ex.sent()) return;
    if (ex.path().rfind("/api/", 0) == 0 || webapi::WebApi::isWebApiPath(ex.path())) {
        ex.sendJson("{\"error\":" + std::to_string(e.status) + ",\"message\":\"" +
                        jsonEscape(e.message) + "\"}",
                    e.status);
        return;
    }
    renderMessage(ex, e.status, e.status >= 500 ? "Ошибка сервера" : "Ошибка", e.message);
}

void Portal::renderMessage(HttpExchange& ex, int status, const std::string& title,
                           const std::string& message) {
    TemplateData d;
    d.set("heading", title);
    d.set("message", message);
    ex.sendHtml(s_.templates.page("message", title, d), status);
}

// A form's field messages as the templates name them: "last_name" → {{problemLastName}}.
void Portal::setFieldProblems(TemplateData& d, const std::map<std::string, std::string>& problems,
                              const std::string& summary) {
    for (const auto& [field, message] : problems) {
        std::string key = "problem";
        bool upper = true;
        for (char c : field) {
            if (c == '_') {
                upper = true;
                continue;
            }
            key += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        }
        d.set(key, message);
    }
    if (!problems.empty()) d.set("error", summary);
}

void Portal::renderForm(HttpExchange& ex, const std::string& name, const std::string& title) {
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    ex.sendHtml(s_.templates.page(name, title, d));
}

std::string Portal::sessionCookieName() const {
    return settings_.secureCookies ? "__Host-nc_session" : "nc_session";
}

std::string Portal::csrfCookieName() const {
    return settings_.secureCookies ? "__Host-nc_csrf" : "nc_csrf";
}

std::optional<flows::Sessions::Active> Portal::currentSession(HttpExchange& ex) {
    std::string id = ex.cookie(sessionCookieName());
    if (id.empty()) return std::nullopt;
    return s_.sessions.resolve(id);
}

flows::Sessions::Active Portal::requireSession(HttpExchange& ex) {
    auto active = currentSession(ex);
    if (!active) {
        if (ex.path().rfind("/api/", 0) == 0) throw HttpError{401, "Требуется вход в систему."};
        ex.redirect("/login");
        throw HttpError{303, ""};
    }
    // A password the school issued must be changed before anything else is open.
    static const std::set<std::string> kOpenBeforeChange{"/settings", "/settings/password",
                                                         "/logout"};
    if (!kOpenBeforeChange.count(ex.path())) {
        auto overview = s_.overviews.get(active->accountId);
        if (overview && overview->profile.mustChangePassword) {
            if (ex.path().rfind("/api/", 0) == 0) throw HttpError{403, "Сначала смените пароль."};
            ex.redirect("/settings?required=1");
            throw HttpError{303, ""};
        }
    }
    return *active;
}

// Signed double-submit bound to the session: the form carries HMAC(key, seed cookie, session
// cookie). A page on another site can neither read the cookies nor compute the token, and a
// seed cookie planted from a sibling host is useless without the victim's session id.
std::string Portal::csrfToken(HttpExchange& ex) {
    std::string seed = ex.cookie(csrfCookieName());
    if (seed.size() != 43) {
        seed = crypto::randomToken(32);
        ex.setCookie(csrfCookieName(), seed, -1, settings_.secureCookies);
    }
    return crypto::base64UrlEncode(
        crypto::hmacSha256(settings_.csrfKey, seed + "\n" + ex.cookie(sessionCookieName())));
}

void Portal::checkCsrf(HttpExchange& ex) {
    std::string seed = ex.cookie(csrfCookieName());
    std::string expected = crypto::base64UrlEncode(
        crypto::hmacSha256(settings_.csrfKey, seed + "\n" + ex.cookie(sessionCookieName())));
    if (seed.empty() || !crypto::constantTimeEquals(expected, ex.form("csrf")))
        throw HttpError{403,
                        "Форма устарела или отправлена не с этого сайта. Обновите страницу и "
                        "повторите действие."};
}

void Portal::healthz(HttpExchange& ex) {
    ex.sendText("ok\n", "text/plain; charset=utf-8");
}

// The figures tell an outsider how many sign-ins fail and when the portal is busy: only the
// operator's Prometheus, with the configured token, reads them.
void Portal::metrics(HttpExchange& ex) {
    const std::string& token = settings_.metricsToken;
    if (token.empty()) throw HttpError{404, "Страница не найдена."};
    if (!crypto::constantTimeEquals("Bearer " + token, ex.header("Authorization"))) {
        ex.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
        ex.sendText("unauthorized\n", "text/plain; charset=utf-8", 401);
        return;
    }
    std::string text = s_.metrics.exposition();
    text +=
        "# HELP netcity_argon2_cpu_seconds_total CPU time spent computing argon2id hashes.\n"
        "# TYPE netcity_argon2_cpu_seconds_total counter\n"
        "netcity_argon2_cpu_seconds_total " +
        std::to_string(s_.hasher.cpuSeconds()) + "\n";
    ex.sendText(text, "text/plain; version=0.0.4; charset=utf-8");
}

void Portal::staticAsset(HttpExchange& ex) {
    std::string name = ex.path().substr(8);
    const std::string* body = s_.templates.asset(name);
    if (!body) throw HttpError{404, "Файл не найден."};
    std::string type = "text/plain; charset=utf-8";
    if (name.ends_with(".css")) type = "text/css; charset=utf-8";
    if (name.ends_with(".js")) type = "text/javascript; charset=utf-8";
    if (name.ends_with(".svg")) type = "image/svg+xml";
    ex.sendText(*body, type);
}

}  // namespace netcity::web
