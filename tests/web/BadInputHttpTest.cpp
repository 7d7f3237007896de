// Malformed, oversized and hostile input: a clear Russian 4xx answer, the database unchanged.
#include <gtest/gtest.h>

#include "support/TestPortal.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class BadInput : public ::testing::Test {
  protected:
    TestPortal portal;
    HttpClient client{portal.port()};
    std::string csrf = HttpClient::csrfFrom(client.get("/login").body);

    std::string snapshot() {
        std::string out;
        for (const char* t : {"users", "persons", "sessions", "organizations", "regions"})
            out += std::to_string(portal.database().count(t)) + ",";
        auto s = portal.db().session();
        std::string hashes;
        s << "SELECT COALESCE(MAX(password_hash), '') FROM users",
            Poco::Data::Keywords::into(hashes), Poco::Data::Keywords::now;
        return out + hashes;
    }
    HttpClient::Response login(const std::string& fields) {
        return client.post("/login", "csrf=" + csrf + "&" + fields);
    }
};

}  // namespace

TEST_F(BadInput, EveryFieldRejectsInvalidUtf8AndControlCharacters) {
    auto before = snapshot();
    for (const char* field : {"login", "password", "organization", "region", "tab"}) {
        for (const char* evil : {"%C3%28", "%FF%FE", "ab%00cd", "x%1By", "%ED%A0%80"}) {
            auto res =
                login(std::string(field) + "=" + evil +
                      (std::string(field) == "login" ? "&password=b&organization=1" : "&login=a"));
            EXPECT_EQ(res.status, 400) << field << "=" << evil;
            EXPECT_TRUE(contains(res.body, "<html lang=\"ru\">")) << field;
            EXPECT_TRUE(contains(res.body, "Запрос содержит")) << field;
        }
    }
    EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, SqlMetacharactersAreJustWrongCredentials) {
    auto before = snapshot();
    auto res = login("organization=1&login=" + urlEncode("' OR '1'='1'; DROP TABLE users; --") +
                     "&password=" + urlEncode("' OR 1=1 --"));
    EXPECT_EQ(res.status, 401);
    EXPECT_TRUE(contains(res.body, "Неверное имя пользователя или пароль."));
    auto orgInjection = login("organization=" + urlEncode("1 OR 1=1") + "&login=a&password=b");
    EXPECT_EQ(orgInjection.status, 400);
    EXPECT_TRUE(contains(orgInjection.body, "Выберите образовательную организацию."));
    EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, OversizedBodiesAndLongUrlsAreRefused) {
    auto before = snapshot();
    auto huge = login("organization=1&login=a&password=" + std::string(100000, 'x'));
    EXPECT_EQ(huge.status, 413);
    EXPECT_TRUE(contains(huge.body, "Слишком большой объём данных"));
    auto longUrl = client.get("/login?region=" + std::string(5000, '1'));
    EXPECT_EQ(longUrl.status, 414);
    EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, MalformedFormsAreClearErrors) {
    auto before = snapshot();
    EXPECT_EQ(login("organization=1&login=%G1&password=b").status, 400);
    EXPECT_EQ(login("organization=1&login=a&login=b&password=c").status, 400);
    EXPECT_EQ(client.post("/login", "{\"login\":\"a\"}", "application/json").status, 415);
    std::string many = "csrf=" + csrf;
    for (int i = 0; i < 100; ++i) many += "&f" + std::to_string(i) + "=1";
    EXPECT_EQ(client.post("/login", many).status, 400);
    auto empty = login("organization=1&login=&password=");
    EXPECT_EQ(empty.status, 400);
    EXPECT_TRUE(contains(empty.body, "Введите имя пользователя и пароль."));
    EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, UnknownPagesMethodsAndIdsAreRussianErrors) {
    auto missing = client.get("/no/such/page");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(contains(missing.body, "Страница не найдена."));
    EXPECT_EQ(client.get("/logout").status, 405);  // no state change on GET
    EXPECT_EQ(client.post("/main", "csrf=" + csrf).status, 405);
    auto apiMissing = client.get("/api/nothing");
    EXPECT_EQ(apiMissing.status, 404);
    EXPECT_TRUE(contains(apiMissing.contentType, "application/json"));
    EXPECT_EQ(client.get("/login?region=999999&municipality=-1").status, 200);
    EXPECT_EQ(client.get("/static/../../etc/passwd").status, 404);
    EXPECT_EQ(client.get("/api/me").status, 401);
}

TEST_F(BadInput, UserTextIsEscapedOnThePage) {
    auto res =
        login("organization=1&login=" + urlEncode("<script>alert(1)</script>") + "&password=x");
    EXPECT_FALSE(contains(res.body, "<script>alert(1)</script>"));
    EXPECT_TRUE(contains(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(BadInput, ACsrfTokenWorksOnlyWithTheSessionItWasMadeFor) {
    HttpClient victim(portal.port()), attacker(portal.port());
    auto org = portal.organizationId("org-g1");
    ASSERT_EQ(victim.signIn(org, "lebedeva.as", "Roditel-2025").status, 303);
    ASSERT_EQ(attacker.signIn(org, "lebedev.ka", "Uchenik-2025").status, 303);
    // The attacker plants their own seed cookie in the victim's browser and sends their own
    // valid token: it does not fit the victim's session.
    std::string token = HttpClient::csrfFrom(attacker.get("/settings").body);
    victim.setCookie("nc_csrf", attacker.cookie("nc_csrf"));
    auto forged = victim.post("/logout", "csrf=" + token);
    EXPECT_EQ(forged.status, 403);
    EXPECT_EQ(victim.get("/main").status, 200);  // still signed in
    auto own = victim.post("/logout", "csrf=" + HttpClient::csrfFrom(victim.get("/main").body));
    EXPECT_EQ(own.status, 303);
}
