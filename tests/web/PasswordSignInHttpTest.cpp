// Password sign-in through real HTTP, on SQLite or (pg/ variant) PostgreSQL.
#include <gtest/gtest.h>

#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class SignIn : public ::testing::Test {
  protected:
    TestPortal portal;
    HttpClient client{portal.port()};
    std::int64_t gymnasium = portal.organizationId("org-g1");
};

}  // namespace

TEST_F(SignIn, LoginPageShowsTheSeedTexts) {
    auto page = client.get("/login");
    EXPECT_EQ(page.status, 200);
    for (const char* text :
         {"Сетевой Город. Образование", "Образовательная организация", "Управление образованием",
          "Регион", "Муниципальный район", "Тип ОО", "Пользователь", "Пароль", "Войти",
          "Восстановить пароль", "Войти через <b>госуслуги</b>", "Томская область"})
        EXPECT_TRUE(contains(page.body, text)) << text;
    EXPECT_FALSE(HttpClient::csrfFrom(page.body).empty());
}

TEST_F(SignIn, SelectsNarrowStepByStepWithoutJavaScript) {
    auto page = client.get("/login?tab=school&region=1");
    // one municipality, one locality: both chosen for the person, types offered
    EXPECT_TRUE(contains(page.body, "selected>Городской округ Город Томск"));
    EXPECT_TRUE(contains(page.body, "selected>г. Томск"));
    EXPECT_TRUE(contains(page.body, ">Общеобразовательная<"));
    EXPECT_TRUE(contains(page.body, ">Дошкольная<"));
    auto schools = client.get("/login?tab=school&region=1&municipality=1&locality=1&type=general");
    EXPECT_TRUE(contains(schools.body, "selected>МАОУ &quot;Гимназия № 1&quot;"));
    EXPECT_TRUE(contains(schools.body, "<option value=\"" + std::to_string(gymnasium) +
                                           "\" selected>МАОУ &quot;Гимназия № 1&quot;"));
    auto authority = client.get("/login?tab=authority&region=1&municipality=1");
    EXPECT_TRUE(contains(authority.body, "Департамент образования г. Томска"));
    EXPECT_FALSE(contains(authority.body, "Гимназия"));
}

// Without JavaScript nothing copies the chosen school anywhere: the organization select must
// itself be a field of the login form, so that «Войти» right after choosing the school posts
// it with the login and password (no «Выбрать» first).
TEST_F(SignIn, WithoutJavaScriptOneSubmitWithTheChosenSchoolSignsIn) {
    portal.import(
        "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,"
        "email,phone,login,password,roles,class\n"
        "organization,org-l2,loc-t,\"МАОУ \"\"Лицей № 2\"\"\",общеобразовательная,,,,,,,,,,,,\n");
    auto page = client.get("/login?tab=school&region=1&municipality=1&locality=1&type=general");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Лицей № 2"));
    EXPECT_FALSE(contains(page.body, "\" selected>МАОУ &quot;Гимназия"));  // two: none chosen
    EXPECT_TRUE(contains(page.body,
                         "<select id=\"organization\" name=\"organization\" "
                         "data-level=\"organization\" form=\"login-form\">"));
    auto from = page.body.find("<form id=\"login-form\"");
    ASSERT_NE(from, std::string::npos);
    std::string loginForm = page.body.substr(from, page.body.find("</form>", from) - from);
    EXPECT_FALSE(contains(loginForm, "name=\"organization\""))
        << "a field of its own would post something else than the select shows";

    auto res = client.post("/login", "csrf=" + HttpClient::csrfFrom(page.body) +
                                         "&tab=school&organization=" + std::to_string(gymnasium) +
                                         "&login=lebedeva.as&password=Roditel-2025");
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.location, "/main");
}

TEST_F(SignIn, DirectoryApiFiltersEachLevel) {
    auto regions = client.get("/api/directory/regions");
    EXPECT_EQ(regions.status, 200);
    EXPECT_TRUE(contains(regions.contentType, "application/json"));
    EXPECT_TRUE(contains(regions.body, "\"name\":\"Томская область\""));
    auto types = client.get("/api/directory/types?locality=1");
    EXPECT_EQ(types.body,
              "[{\"code\":\"general\",\"name\":\"Общеобразовательная\"},"
              "{\"code\":\"preschool\",\"name\":\"Дошкольная\"}]");
    auto orgs = client.get("/api/directory/organizations?locality=1&type=preschool");
    EXPECT_TRUE(contains(orgs.body, "Детский сад"));
    EXPECT_FALSE(contains(orgs.body, "Гимназия"));
    EXPECT_EQ(client.get("/api/directory/organizations?locality=1&type=school").status, 400);
    auto bad = client.get("/api/directory/municipalities?region=1%27%20OR%201=1");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad.body, "\"message\":\"Параметр region"));
    EXPECT_EQ(client.get("/api/directory/localities?municipality=999999").body, "[]");
}

TEST_F(SignIn, RightPasswordSignsInAndShowsTheMainPage) {
    client.setCookie("nc_session", "attacker-chosen-session-id-that-must-not-survive");
    auto res = client.signIn(gymnasium, "Lebedeva.AS", "Roditel-2025");  // login ignores case
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.location, "/main");
    std::string session = client.cookie("nc_session");
    EXPECT_EQ(session.size(), 43u);
    EXPECT_NE(session, "attacker-chosen-session-id-that-must-not-survive");
    EXPECT_TRUE(contains(res.setCookies["nc_session"], "HttpOnly"));
    EXPECT_TRUE(contains(res.setCookies["nc_session"], "SameSite=Lax"));
    auto main = client.get("/main");
    EXPECT_EQ(main.status, 200);
    EXPECT_TRUE(contains(main.body, "Лебедева Анна Сергеевна"));
    EXPECT_TRUE(contains(main.body, "Родитель"));
    EXPECT_TRUE(contains(main.body, "Лебедев Кирилл Андреевич"));
    EXPECT_TRUE(contains(main.body, "5А класс"));
    EXPECT_TRUE(contains(main.body, "Выход"));
    EXPECT_EQ(portal.database().count("sessions"), 1);
    // only the hash of the id is stored
    EXPECT_EQ(portal.database().count("sessions WHERE id_hash = '" + session + "'"), 0);
}

TEST_F(SignIn, StudentSeesClass) {
    client.signIn(gymnasium, "lebedev.ka", "Uchenik-2025");
    auto main = client.get("/main");
    EXPECT_TRUE(contains(main.body, "Обучающийся"));
    EXPECT_TRUE(contains(main.body, "<dd id=\"class\">5А</dd>"));
}

TEST_F(SignIn, UnknownLoginWrongPasswordAndBlockedAccountLookTheSame) {
    auto wrong = client.signIn(gymnasium, "lebedeva.as", "not-her-password");
    auto unknown = client.signIn(gymnasium, "nobody.here", "whatever");
    {
        auto s = portal.db().session();
        s << "UPDATE users SET state = 'blocked' WHERE login = 'lebedev.ka'",
            Poco::Data::Keywords::now;
    }
    auto blocked = client.signIn(gymnasium, "lebedev.ka", "Uchenik-2025");
    for (const auto* r : {&wrong, &unknown, &blocked}) {
        EXPECT_EQ(r->status, 401);
        EXPECT_TRUE(contains(r->body, "Неверное имя пользователя или пароль."));
        EXPECT_FALSE(contains(r->body, "заблокир"));  // no hint which part was wrong
    }
    EXPECT_TRUE(client.cookie("nc_session").empty());
    EXPECT_EQ(portal.database().count("sessions"), 0);
    EXPECT_EQ(portal.database().count("audit_events WHERE outcome = 'rejected'"), 3);
}

TEST_F(SignIn, AccountFromAnotherOrganizationIsNotFound) {
    auto res = client.signIn(portal.organizationId("org-ds"), "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(res.status, 401);
}

TEST_F(SignIn, GuessesAreThrottledWithMinutesToWait) {
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(client.signIn(gymnasium, "lebedeva.as", "guess").status, 401);
    EXPECT_EQ(client.signIn(gymnasium, "lebedeva.as", "guess").status, 401);
    auto throttled = client.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(throttled.status, 429);
    EXPECT_TRUE(contains(throttled.body, "Попробуйте через 1 минуту."));
    portal.clock().advance(std::chrono::seconds(31));
    EXPECT_EQ(client.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 303);
}

TEST_F(SignIn, FormWithoutValidCsrfTokenIsRefused) {
    client.get("/login");
    auto res = client.post("/login", "csrf=forged&organization=" + std::to_string(gymnasium) +
                                         "&login=lebedeva.as&password=Roditel-2025");
    EXPECT_EQ(res.status, 403);
    EXPECT_TRUE(contains(res.body, "Обновите страницу"));
    HttpClient stranger(portal.port());  // no csrf cookie at all
    auto res2 = stranger.post("/login", "csrf=&organization=1&login=a&password=b");
    EXPECT_EQ(res2.status, 403);
    EXPECT_EQ(portal.database().count("sessions"), 0);
}

TEST_F(SignIn, LogoutEndsTheServerSession) {
    client.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    std::string stolen = client.cookie("nc_session");
    auto main = client.get("/main");
    auto out = client.post("/logout", "csrf=" + HttpClient::csrfFrom(main.body));
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(out.location, "/login");
    HttpClient thief(portal.port());
    thief.setCookie("nc_session", stolen);
    EXPECT_EQ(thief.get("/main").status, 303);
    EXPECT_EQ(thief.get("/api/me").status, 401);
    EXPECT_EQ(portal.database().count("sessions"), 0);
}

TEST_F(SignIn, IdleSessionsExpire) {
    client.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(client.get("/main").status, 200);
    portal.clock().advance(std::chrono::minutes(31));
    EXPECT_EQ(client.get("/main").status, 303);
}

TEST_F(SignIn, PasswordChangeNeedsOldPasswordAndEndsOtherSessions) {
    HttpClient otherDevice(portal.port());
    otherDevice.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    client.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    auto settings = client.get("/settings");
    EXPECT_TRUE(contains(settings.body, "Персональные настройки"));
    std::string csrf = HttpClient::csrfFrom(settings.body);
    auto wrongOld = client.post(
        "/settings/password",
        "csrf=" + csrf + "&old_password=nope&new_password=Novyi-2026&repeat_password=Novyi-2026");
    EXPECT_EQ(wrongOld.status, 400);
    EXPECT_TRUE(contains(wrongOld.body, "Текущий пароль указан неверно."));
    auto tooShort = client.post(
        "/settings/password",
        "csrf=" + csrf + "&old_password=Roditel-2025&new_password=abc&repeat_password=abc");
    EXPECT_TRUE(contains(tooShort.body, "не менее 8 символов"));
    auto ok = client.post(
        "/settings/password",
        "csrf=" + csrf +
            "&old_password=Roditel-2025&new_password=Novyi-2026&repeat_password=Novyi-2026");
    EXPECT_EQ(ok.status, 303);
    EXPECT_TRUE(contains(client.get("/settings?changed=1").body, "Пароль изменён"));
    EXPECT_EQ(client.get("/main").status, 200);       // this session goes on
    EXPECT_EQ(otherDevice.get("/main").status, 303);  // the other one is over
    HttpClient fresh(portal.port());
    EXPECT_EQ(fresh.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 401);
    EXPECT_EQ(fresh.signIn(gymnasium, "lebedeva.as", "Novyi-2026").status, 303);
}

TEST_F(SignIn, WeakerHashIsUpgradedAtSignIn) {
    crypto::PasswordHasher weak({.memoryKiB = 4096, .iterations = 1, .maxConcurrent = 1});
    {
        auto s = portal.db().session();
        std::string hash = weak.hash("Roditel-2025");
        s << portal.db().sql("UPDATE users SET password_hash = ? WHERE login = 'lebedeva.as'"),
            Poco::Data::Keywords::use(hash), Poco::Data::Keywords::now;
    }
    EXPECT_EQ(client.signIn(gymnasium, "lebedeva.as", "Roditel-2025").status, 303);
    auto s = portal.db().session();
    std::string stored;
    s << "SELECT password_hash FROM users WHERE login = 'lebedeva.as'",
        Poco::Data::Keywords::into(stored), Poco::Data::Keywords::now;
    EXPECT_EQ(stored.rfind("$argon2id$v=19$m=8192,t=1,p=1$", 0), 0u) << stored;
}

TEST(Metrics, CountRequestsAndSignInsForTheTokensHolderOnly) {
    web::PortalSettings settings;
    settings.metricsToken = "prometheus-secret";
    TestPortal portal(settings);
    HttpClient client{portal.port()};
    client.signIn(portal.organizationId("org-g1"), "lebedeva.as", "wrong");
    client.signIn(portal.organizationId("org-g1"), "lebedeva.as", "Roditel-2025");
    auto anyone = client.get("/metrics");
    EXPECT_EQ(anyone.status, 401);
    EXPECT_FALSE(contains(anyone.body, "netcity_sign_ins_total"));
    client.headers["Authorization"] = "Bearer prometheus-secre";
    EXPECT_EQ(client.get("/metrics").status, 401);
    client.headers["Authorization"] = "Bearer prometheus-secret";
    auto m = client.get("/metrics");
    EXPECT_EQ(m.status, 200);
    EXPECT_TRUE(contains(m.body, "netcity_sign_ins_total{outcome=\"ok\"} 1"));
    EXPECT_TRUE(contains(m.body, "netcity_sign_ins_total{outcome=\"rejected\"} 1"));
    EXPECT_TRUE(contains(m.body, "netcity_http_requests_total{route=\"/login\",status=\"401\"} 1"));
    EXPECT_TRUE(contains(m.body, "netcity_http_request_duration_seconds_count"));
    EXPECT_EQ(client.get("/healthz").body, "ok\n");
}

TEST_F(SignIn, MetricsAreNotServedWithoutAToken) {
    client.headers["Authorization"] = "Bearer ";
    EXPECT_EQ(client.get("/metrics").status, 404);
    EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST_F(SignIn, AnIssuedPasswordMustBeChangedBeforeAnythingElse) {
    {
        auto s = portal.db().session();
        s << "UPDATE users SET must_change_password = 1 WHERE login = 'lebedeva.as'",
            Poco::Data::Keywords::now;
    }
    auto res = client.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(res.location, "/settings?required=1");
    EXPECT_EQ(client.get("/main").location, "/settings?required=1");
    EXPECT_EQ(client.get("/api/me").status, 403);
    auto settings = client.get("/settings?required=1");
    EXPECT_TRUE(contains(settings.body, "Перед началом работы смените пароль"));
    auto changed = client.post(
        "/settings/password",
        "csrf=" + HttpClient::csrfFrom(settings.body) +
            "&old_password=Roditel-2025&new_password=Novyi-2026&repeat_password=Novyi-2026");
    EXPECT_EQ(changed.status, 303);
    EXPECT_EQ(client.get("/main").status, 200);
}

TEST_F(SignIn, GuessingTheCurrentPasswordInSettingsIsThrottled) {
    client.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    std::string csrf = HttpClient::csrfFrom(client.get("/settings").body);
    for (int i = 0; i < 5; ++i)
        client.post("/settings/password",
                    "csrf=" + csrf +
                        "&old_password=guess&new_password=Novyi-2026&repeat_password=Novyi-2026");
    auto locked = client.post(
        "/settings/password",
        "csrf=" + csrf +
            "&old_password=Roditel-2025&new_password=Novyi-2026&repeat_password=Novyi-2026");
    EXPECT_EQ(locked.status, 400);
    EXPECT_TRUE(contains(locked.body, "Слишком много неверных попыток"));
}
