// The SGO web API's password sign-in (spec/sgo-webapi.md §2, §3, §5, §6) through real HTTP, on
// SQLite or (pg/ variant) PostgreSQL, requested the way netschoolapi and its kin request it.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <set>

#include "crypto/Bytes.h"
#include "crypto/Hmac.h"
#include "crypto/SgoChallenge.h"
#include "domain/webapi/Cp1251.h"
#include "flows/AccountAdministration.h"
#include "flows/webapi/LegacyVerifiers.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

Poco::JSON::Object::Ptr object(const std::string& json) {
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

bool allDigits(const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

web::PortalSettings withWebApi(
    domain::PasswordLoginPolicy policy = domain::PasswordLoginPolicy::Everyone) {
    web::PortalSettings s;
    s.webApiPasswordLogin = true;
    s.passwordPolicy = policy;
    return s;
}

struct Challenge {
    std::string lt, ver, salt;
};

// An SGO client: a cookie jar, the `at` header once signed in.
class App {
  public:
    explicit App(unsigned short port) : http(port) {}
    HttpClient http;

    HttpClient::Response loginData() { return http.get("/webapi/logindata"); }
    Challenge getData(const std::string& path = "/webapi/auth/getdata") {
        auto r = http.request("POST", path, "", "");
        EXPECT_EQ(r.status, 200) << r.body;
        auto o = object(r.body);
        return {o->getValue<std::string>("lt"), o->getValue<std::string>("ver"),
                o->getValue<std::string>("salt")};
    }
    static std::string answer(const Challenge& c, const std::string& password) {
        return crypto::challengeAnswer(c.salt, crypto::md5Hex(*domain::webapi::toCp1251(password)));
    }
    static std::string form(const Challenge& c, std::int64_t school, const std::string& login,
                            const std::string& password) {
        std::string pw2 = answer(c, password);
        return "lt=" + c.lt + "&ver=" + c.ver + "&loginType=1&scid=" + std::to_string(school) +
               "&un=" + urlEncode(login) + "&pw=" + pw2.substr(0, password.size()) + "&pw2=" + pw2;
    }
    HttpClient::Response post(const std::string& body) { return http.post("/webapi/login", body); }
    // logindata → auth/getdata → login, as netschoolapi does.
    HttpClient::Response signIn(std::int64_t school, const std::string& login,
                                const std::string& password) {
        loginData();
        return post(form(getData(), school, login, password));
    }
    std::string signInForAt(std::int64_t school, const std::string& login,
                            const std::string& password) {
        auto r = signIn(school, login, password);
        EXPECT_EQ(r.status, 200) << r.body;
        if (r.status != 200) return "";
        std::string at = object(r.body)->getValue<std::string>("at");
        http.headers["at"] = at;
        return at;
    }
    std::string expired(const std::string& at) {
        return http.get("/webapi/context/expired?token=" + urlEncode(at)).body;
    }
};

class WebApi : public ::testing::Test {
  protected:
    TestPortal portal{withWebApi()};
    App app{portal.port()};
    std::int64_t gymnasium = portal.organizationId("org-g1");

    long count(const std::string& sql) {
        auto s = portal.db().session();
        long n = 0;
        s << sql, Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
        return n;
    }
    long audits(const std::string& where) {
        return count("SELECT COUNT(*) FROM audit_events WHERE " + where);
    }
    std::string messageOf(const HttpClient::Response& r) {
        return object(r.body)->getValue<std::string>("message");
    }
};

}  // namespace

TEST_F(WebApi, LoginDataSetsAnHttpOnlySessionCookieOnce) {
    auto first = app.loginData();
    EXPECT_EQ(first.status, 200);
    EXPECT_TRUE(contains(first.contentType, "application/json"));
    auto o = object(first.body);
    EXPECT_TRUE(o->getValue<bool>("schoolLogin"));
    EXPECT_EQ(o->getValue<std::string>("version"), "5.47.0");
    ASSERT_EQ(first.setCookies.count("NSSESSIONID"), 1u);
    const std::string& header = first.setCookies["NSSESSIONID"];
    EXPECT_TRUE(contains(header, "; Path=/"));  // a ';' in it: LJS keeps only such cookies
    EXPECT_TRUE(contains(header, "HttpOnly"));
    EXPECT_FALSE(contains(header, "Secure"));  // plain HTTP: Python's jar would drop it
    EXPECT_EQ(app.http.cookie("NSSESSIONID").size(), 32u);
    EXPECT_EQ(app.loginData().setCookies.count("NSSESSIONID"), 0u);
}

TEST_F(WebApi, RoutesAndFieldNamesIgnoreCaseAndAnswerJsonNeverARedirect) {
    app.http.get("/WebApi/LoginData");
    auto c = app.getData("/webapi/auth/getData");  // LJS's spelling
    std::string pw2 = App::answer(c, "Roditel-2025");
    auto r = app.http.post("/WEBAPI/Login", "LT=" + c.lt + "&Ver=" + c.ver +
                                                "&LoginType=1&SCID=" + std::to_string(gymnasium) +
                                                "&UN=lebedeva.as&PW=" + pw2.substr(0, 6) +
                                                "&PW2=" + pw2);
    EXPECT_EQ(r.status, 200) << r.body;
    auto missing = app.http.get("/webapi/no/such/thing");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(contains(missing.contentType, "application/json"));
    auto wrongMethod = app.http.get("/webapi/login");
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_TRUE(contains(wrongMethod.contentType, "application/json"));
    EXPECT_TRUE(wrongMethod.location.empty());
}

TEST_F(WebApi, GetDataGivesDigitStringsWithTheRealServersSalt) {
    app.loginData();
    auto c = app.getData();
    EXPECT_TRUE(allDigits(c.lt) && allDigits(c.ver) && allDigits(c.salt));
    EXPECT_EQ(c.salt, crypto::saltOf(std::stoull(c.lt), std::stoull(c.ver)));
    auto r = app.http.request("POST", "/webapi/auth/getdata", "", "");
    auto o = object(r.body);
    EXPECT_EQ(o->size(), 3u);  // NSA sends every key but salt back
    EXPECT_TRUE(o->get("lt").isString());
}

TEST_F(WebApi, SignInGivesAnAtSessionStoredHashed) {
    auto r = app.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(contains(r.contentType, "application/json"));
    auto o = object(r.body);
    std::string at = o->getValue<std::string>("at");
    EXPECT_GE(at.size(), 22u);  // ≥ 128 bits in base64url
    EXPECT_EQ(o->getValue<long>("timeOut"), 30 * 60 * 1000);
    auto info = o->getObject("accountInfo");
    ASSERT_TRUE(info);
    EXPECT_EQ(info->getObject("user")->getValue<std::string>("login"), "lebedeva.as");
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE kind = 'webapi' AND id_hash = '" +
                    crypto::toHex(crypto::sha256(at)) + "'"),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id_hash = '" + at + "'"), 0);
    EXPECT_EQ(audits("action = 'login.webapi' AND outcome = 'ok'"), 1);
}

TEST_F(WebApi, WrongPasswordLoginOrSchoolIs409WithARussianMessageAndAudited) {
    auto wrong = app.signIn(gymnasium, "lebedeva.as", "Roditel-2026");
    EXPECT_EQ(wrong.status, 409);
    EXPECT_EQ(messageOf(wrong), "Неправильный пароль или логин");
    EXPECT_EQ(app.signIn(gymnasium, "nobody.here", "Roditel-2025").status, 409);
    EXPECT_EQ(app.signIn(portal.organizationId("org-ds"), "lebedeva.as", "Roditel-2025").status,
              409);
    EXPECT_EQ(app.signIn(999999, "lebedeva.as", "Roditel-2025").status, 409);
    EXPECT_EQ(audits("action = 'login.webapi' AND outcome = 'rejected'"), 4);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(WebApi, AChallengeIsUsedOnceOnlyByItsCookieAndOnlyInTime) {
    app.loginData();
    auto c = app.getData();
    std::string body = App::form(c, gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(app.post(body).status, 200);
    auto replayed = app.post(body);
    EXPECT_EQ(replayed.status, 409);
    EXPECT_EQ(audits("action = 'login.webapi' AND outcome = 'challenge_invalid'"), 1);

    auto c2 = app.getData();
    App other(portal.port());
    other.loginData();
    EXPECT_EQ(other.post(App::form(c2, gymnasium, "lebedeva.as", "Roditel-2025")).status, 409);
    EXPECT_EQ(app.post(App::form(c2, gymnasium, "lebedeva.as", "Roditel-2025")).status, 200);

    auto late = app.getData();
    portal.clock().advance(std::chrono::seconds(5 * 60 + 1));
    EXPECT_EQ(app.post(App::form(late, gymnasium, "lebedeva.as", "Roditel-2025")).status, 409);
    App noCookie(portal.port());
    EXPECT_EQ(
        noCookie.post(App::form(app.getData(), gymnasium, "lebedeva.as", "Roditel-2025")).status,
        409);
}

TEST_F(WebApi, AWrongAnswerSpendsTheChallenge) {
    app.loginData();
    auto c = app.getData();
    EXPECT_EQ(app.post(App::form(c, gymnasium, "lebedeva.as", "wrong")).status, 409);
    EXPECT_EQ(app.post(App::form(c, gymnasium, "lebedeva.as", "Roditel-2025")).status, 409);
}

TEST_F(WebApi, BadHugeOrMalformedFormsChangeNothingAndKeepTheChallenge) {
    app.loginData();
    auto c = app.getData();
    std::string good = App::form(c, gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(app.post(good + "&x=" + std::string(9000, 'a')).status, 413);
    EXPECT_EQ(app.post(good + "&x=%ZZ").status, 400);
    EXPECT_EQ(app.post(good + "&un=again").status, 400);
    EXPECT_EQ(app.post(good + "&UN=again").status, 400);  // one name, two spellings
    EXPECT_EQ(app.http.post("/webapi/login", good, "application/json").status, 415);
    std::string noPw2 = good.substr(0, good.find("&pw2="));
    EXPECT_EQ(app.post(noPw2 + "&pw2=not-hex").status, 409);
    EXPECT_EQ(app.post(noPw2).status, 409);
    std::string esia = good;
    esia.replace(esia.find("loginType=1"), 11, "loginType=8");
    EXPECT_EQ(app.post(esia).status, 409);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
    EXPECT_EQ(audits("action = 'login.webapi'"), 0);
    EXPECT_EQ(app.post(good).status, 200);  // the challenge is still there
}

TEST_F(WebApi, ACyrillicPasswordSetOnTheWebWorksInWindows1251) {
    HttpClient web(portal.port());
    ASSERT_EQ(web.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 303);
    std::string csrf = HttpClient::csrfFrom(web.get("/settings").body);
    auto changed = web.post(
        "/settings/password",
        "csrf=" + csrf + "&old_password=Roditel-2025&new_password=" + urlEncode("Ёлка-Пароль-№1") +
            "&repeat_password=" + urlEncode("Ёлка-Пароль-№1"));
    ASSERT_EQ(changed.status, 303) << changed.body;
    EXPECT_EQ(app.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 409);
    EXPECT_EQ(app.signIn(gymnasium, "lebedeva.as", "Ёлка-Пароль-№1").status, 200);
}

TEST_F(WebApi, AWebSignInWritesTheVerifierWhenNoneIsKept) {
    std::int64_t id = portal.accountId("org-g1", "lebedeva.as");
    {
        auto s = portal.db().session();
        s << "DELETE FROM webapi_verifiers", Poco::Data::Keywords::now;
    }
    EXPECT_EQ(app.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 409);
    HttpClient web(portal.port());
    ASSERT_EQ(web.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM webapi_verifiers WHERE user_id = " + std::to_string(id)),
              1);
    // Sealed: neither the verifier nor the password is in the row.
    std::string verifier = crypto::md5Hex("Roditel-2025");
    EXPECT_EQ(count("SELECT COUNT(*) FROM webapi_verifiers WHERE sealed LIKE '%" + verifier + "%'"),
              0);
    EXPECT_EQ(app.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 200);
}

TEST_F(WebApi, TheSharedThrottleCountsWebApiAndWebFormGuessesTogether) {
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(app.signIn(gymnasium, "lebedeva.as", "guess").status, 409);
    auto locked = app.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(locked.status, 409);
    EXPECT_TRUE(contains(messageOf(locked), "Слишком много неудачных попыток"));
    HttpClient web(portal.port());
    EXPECT_EQ(web.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 429);
    EXPECT_EQ(audits("action = 'login.webapi' AND outcome = 'throttled'"), 1);
}

TEST_F(WebApi, ATemporaryPasswordMustBeChangedOnTheWebAndDiesAfterItsDays) {
    std::int64_t id = portal.accountId("org-g1", "lebedev.ka");
    auto issued = portal.runtime().accounts().issueByOperator(id);
    ASSERT_FALSE(issued.temporaryPassword.empty());
    EXPECT_EQ(app.signIn(gymnasium, "lebedev.ka", "Uchenik-2025").status, 409);
    auto temporary = app.signIn(gymnasium, "lebedev.ka", issued.temporaryPassword);
    EXPECT_EQ(temporary.status, 409);
    EXPECT_TRUE(contains(messageOf(temporary), "нужно сменить"));
    portal.clock().advance(std::chrono::hours(24 * 3 + 1));
    auto expired = app.signIn(gymnasium, "lebedev.ka", issued.temporaryPassword);
    EXPECT_EQ(expired.status, 409);
    EXPECT_TRUE(contains(messageOf(expired), "временного пароля истёк"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(WebApi, LogoutEndsTheAtSessionAndADeadAtIs401) {
    std::string at = app.signInForAt(gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(app.expired(at), "false");
    App stranger(portal.port());  // no cookie at all: the header alone counts
    stranger.http.headers["at"] = at;
    EXPECT_EQ(stranger.http.request("POST", "/webapi/auth/logout", "", "").status, 200);
    EXPECT_EQ(app.expired(at), "true");
    auto again = app.http.request("POST", "/webapi/auth/logout", "at=" + at + "&ver=1",
                                  "application/x-www-form-urlencoded");
    EXPECT_EQ(again.status, 401);
    App none(portal.port());
    EXPECT_EQ(none.http.request("POST", "/webapi/auth/logout", "", "").status, 401);
    EXPECT_EQ(app.expired("garbage"), "true");
    EXPECT_EQ(app.expired(""), "true");
}

TEST_F(WebApi, AnAtIsNotAWebSessionAndAWebSessionIsNotAnAt) {
    std::string at = app.signInForAt(gymnasium, "lebedeva.as", "Roditel-2025");
    HttpClient browser(portal.port());
    browser.setCookie("nc_session", at);
    EXPECT_EQ(browser.get("/main").location, "/login");
    HttpClient web(portal.port());
    web.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    std::string cookie = web.cookie("nc_session");
    ASSERT_FALSE(cookie.empty());
    EXPECT_EQ(app.expired(cookie), "true");
    App withCookie(portal.port());
    withCookie.http.headers["at"] = cookie;
    EXPECT_EQ(withCookie.http.request("POST", "/webapi/auth/logout", "", "").status, 401);
}

TEST_F(WebApi, AnAtSessionExpiresWhenIdleAndAfterItsHours) {
    std::string at = app.signInForAt(gymnasium, "lebedeva.as", "Roditel-2025");
    portal.clock().advance(std::chrono::minutes(31));
    EXPECT_EQ(app.expired(at), "true");
    std::string second = app.signInForAt(gymnasium, "lebedeva.as", "Roditel-2025");
    for (int i = 0; i < 24; ++i) {  // 696 minutes, never idle for 30
        portal.clock().advance(std::chrono::minutes(29));
        EXPECT_EQ(app.expired(second), "false") << i;
    }
    portal.clock().advance(std::chrono::minutes(29));
    EXPECT_EQ(app.expired(second), "true");  // 12 hours after sign-in, however busy
}

TEST_F(WebApi, PasswordChangeAndBlockingRevokeTheAt) {
    std::string at = app.signInForAt(gymnasium, "lebedeva.as", "Roditel-2025");
    HttpClient web(portal.port());
    ASSERT_EQ(web.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 303);
    std::string csrf = HttpClient::csrfFrom(web.get("/settings").body);
    EXPECT_EQ(
        web.post("/settings/password", "csrf=" + csrf +
                                           "&old_password=Roditel-2025&new_password=Novyi-2026"
                                           "&repeat_password=Novyi-2026")
            .status,
        303);
    EXPECT_EQ(app.expired(at), "true");

    std::string child = app.signInForAt(gymnasium, "lebedev.ka", "Uchenik-2025");
    std::int64_t admin = portal.accountId("org-g1", "vorontsova.em");
    auto blocked = portal.runtime().accounts().setBlocked(
        admin, portal.accountId("org-g1", "lebedev.ka"), true, "127.0.0.1");
    EXPECT_EQ(blocked.outcome, flows::AccountAdministration::Outcome::Done);
    EXPECT_EQ(app.expired(child), "true");
    EXPECT_EQ(app.signIn(gymnasium, "lebedev.ka", "Uchenik-2025").status, 409);
}

TEST_F(WebApi, SchoolSearchNeedsANameAndMatchesAnyCaseInFullAndShortNames) {
    auto all = app.http.get("/webapi/schools/search");
    EXPECT_EQ(all.status, 403);
    EXPECT_TRUE(contains(all.contentType, "application/json"));
    EXPECT_EQ(app.http.get("/webapi/schools/search?name=").status, 403);
    auto u = app.http.get("/webapi/schools/search?name=" + urlEncode("У"));
    EXPECT_EQ(u.status, 200);
    EXPECT_TRUE(contains(u.body, "\"id\":" + std::to_string(gymnasium)));
    auto exact = app.http.get("/webapi/schools/search?Name=" + urlEncode("МАОУ \"Гимназия № 1\""));
    auto list = Poco::JSON::Parser().parse(exact.body).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(list->size(), 1u);
    auto school = list->getObject(0);
    EXPECT_EQ(school->getValue<std::int64_t>("id"), gymnasium);
    EXPECT_EQ(school->getValue<std::string>("shortName"), "МАОУ \"Гимназия № 1\"");
    EXPECT_EQ(school->getValue<std::string>("name"), "МАОУ \"Гимназия № 1\" (г. Томск)");
    auto lower = app.http.get("/webapi/schools/search?name=" + urlEncode("гИМНАЗИЯ"));
    EXPECT_TRUE(contains(lower.body, "\"id\":" + std::to_string(gymnasium)));
    auto place = app.http.get("/webapi/schools/search?name=" + urlEncode("(г. томск)"));
    EXPECT_TRUE(contains(place.body, "\"id\":" + std::to_string(gymnasium)));
    EXPECT_EQ(app.http.get("/webapi/schools/search?name=zzz").body, "[]");
    EXPECT_EQ(app.http.get("/webapi/prepareloginform").status, 200);
    EXPECT_TRUE(object(app.http.get("/webapi/prepareloginform").body)->has("sid"));
}

TEST(WebApiPolicy, StaffOnlyLetsTeachersInAndSendsParentsToGosuslugi) {
    TestPortal portal(withWebApi(domain::PasswordLoginPolicy::StaffOnly));
    App app(portal.port());
    std::int64_t gymnasium = portal.organizationId("org-g1");
    auto parent = app.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(parent.status, 409);
    EXPECT_TRUE(contains(parent.body, "только сотрудникам"));
    EXPECT_EQ(app.signIn(gymnasium, "vorontsova.em", "Uchitel-2025").status, 200);
}

TEST(WebApiPolicy, EsiaOnlyClosesThePasswordSignIn) {
    TestPortal portal(withWebApi(domain::PasswordLoginPolicy::Nobody));
    App app(portal.port());
    auto data = object(app.loginData().body);
    EXPECT_FALSE(data->getValue<bool>("schoolLogin"));
    EXPECT_EQ(app.signIn(portal.organizationId("org-g1"), "vorontsova.em", "Uchitel-2025").status,
              409);
}

TEST(WebApiOption, OffNoPasswordSignInAndNoVerifierSurvivesTheStart) {
    TestPortal portal;  // --webapi-password-login off
    App app(portal.port());
    EXPECT_FALSE(object(app.loginData().body)->getValue<bool>("schoolLogin"));
    auto r = app.signIn(portal.organizationId("org-g1"), "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(r.status, 409);
    EXPECT_TRUE(contains(r.body, "отключён"));
    auto kept = [&] {
        auto s = portal.db().session();
        long n = -1;
        s << "SELECT COUNT(*) FROM webapi_verifiers", Poco::Data::Keywords::into(n),
            Poco::Data::Keywords::now;
        return n;
    };
    EXPECT_EQ(kept(), 0);
    // What a node started with the option off does first: any verifier left is deleted.
    {
        auto s = portal.db().session();
        s << "INSERT INTO webapi_verifiers (user_id, sealed) VALUES (1, 'x')",
            Poco::Data::Keywords::now;
    }
    flows::webapi::LegacyVerifiers off(portal.db(), portal.vault(), false);
    EXPECT_EQ(off.applySwitch(), 1);
    EXPECT_EQ(kept(), 0);
}

// §4.3: the list every diary's typeId is looked up in (netschoolapi crashes on one missing).
TEST_F(WebApi, AssignmentTypesAreListedForAnAtOnly) {
    EXPECT_EQ(app.http.get("/webapi/grade/assignment/types?all=false").status, 401);
    app.signInForAt(gymnasium, "lebedeva.as", "Roditel-2025");
    auto r = app.http.get("/webapi/Grade/Assignment/Types?all=false");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(contains(r.contentType, "application/json"));
    auto list = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Array::Ptr>();
    ASSERT_GT(list->size(), 0u);
    auto names = [&] {
        std::set<std::string> out;
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto t = list->getObject(static_cast<unsigned>(i));
            EXPECT_GT(t->getValue<int>("id"), 0);
            out.insert(t->getValue<std::string>("name"));
        }
        return out;
    }();
    EXPECT_EQ(names.size(), list->size());
    for (const char* name : {"Ответ на уроке", "Домашнее задание", "Контрольная работа"})
        EXPECT_EQ(names.count(name), 1u) << name;
    EXPECT_EQ(static_cast<long>(list->size()), count("SELECT COUNT(*) FROM assignment_types"));
}

// §4.8: LJS reads the version to choose how it signs out.
TEST_F(WebApi, SysInfoIsTextWithTheVersion) {
    auto r = app.http.get("/webapi/sysInfo");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(contains(r.contentType, "text/plain"));
    EXPECT_TRUE(contains(r.body, "Id: netcity-1\r\n"));
    EXPECT_TRUE(contains(r.body, "Версия системы: 5.47.0\r\n"));
}
