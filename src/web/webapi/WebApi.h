#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flows/AccountOverviews.h"
#include "flows/webapi/WebApiSignIn.h"
#include "http/HttpExchange.h"
#include "store/Database.h"
#include "web/webapi/WebApiHttp.h"

namespace netcity::web::webapi {

// The SGO web API under /webapi/ (spec/sgo-webapi.md) for third-party SGO apps and bots: the
// routes and field names compared without case, JSON answers (never a redirect), errors as the
// clients expect them (§6). No CSRF token: what could be forged cross-site is refused by the
// one-time challenge (sign-in) and by the `at` header (everything after it).
class WebApi {
  public:
    struct Settings {
        bool secureCookies = false;
        bool passwordLogin = false;  // --webapi-password-login and a password policy allowing it
        std::int64_t sessionIdleSeconds = 30 * 60;
    };

    WebApi(store::Database& db, flows::webapi::WebApiSignIn& signIn,
           flows::AccountOverviews& overviews, Settings settings)
        : db_(db), signIn_(signIn), overviews_(overviews), settings_(settings) {}

    std::vector<Endpoint> endpoints();
    static bool isWebApiPath(const std::string& path);     // "/webapi/…", any case
    static std::string routeKey(const std::string& path);  // the path as endpoints() name it

  private:
    void loginData(http::HttpExchange& ex);
    void authGetData(http::HttpExchange& ex);
    void prepareLoginForm(http::HttpExchange& ex);
    void schoolsSearch(http::HttpExchange& ex);
    void login(http::HttpExchange& ex);
    void authLogout(http::HttpExchange& ex);
    void contextExpired(http::HttpExchange& ex);
    void sysInfo(http::HttpExchange& ex);
    void assignmentTypes(http::HttpExchange& ex);

    // The caller's NSSESSIONID, issued now when it has none (or a malformed one).
    std::string sessionCookie(http::HttpExchange& ex);
    std::string accountInfo(std::int64_t accountId);

    store::Database& db_;
    flows::webapi::WebApiSignIn& signIn_;
    flows::AccountOverviews& overviews_;
    Settings settings_;
};

}  // namespace netcity::web::webapi
