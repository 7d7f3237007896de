#include <Poco/Net/StreamSocket.h>
#include <gtest/gtest.h>

#include "support/TestPortal.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {
web::PortalSettings withPolicy(domain::PasswordLoginPolicy policy) {
    web::PortalSettings s;
    s.passwordPolicy = policy;
    return s;
}
}  // namespace

TEST(PasswordPolicy, StaffOnlyLetsTeachersInButSendsParentsToGosuslugi) {
    TestPortal portal(withPolicy(domain::PasswordLoginPolicy::StaffOnly));
    auto gymnasium = portal.organizationId("org-g1");
    HttpClient parent(portal.port()), teacher(portal.port());
    auto p = parent.signIn(gymnasium, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(p.status, 403);
    EXPECT_TRUE(contains(p.body, "только сотрудникам"));
    EXPECT_EQ(teacher.signIn(gymnasium, "vorontsova.em", "Uchitel-2025").status, 303);
    // a wrong password of a parent still reads as a wrong password, not as "parent"
    EXPECT_EQ(parent.signIn(gymnasium, "lebedeva.as", "nope").status, 401);
}

TEST(PasswordPolicy, NobodyShowsTheEsiaOnlySentenceAndRefusesPasswords) {
    TestPortal portal(withPolicy(domain::PasswordLoginPolicy::Nobody));
    HttpClient client(portal.port());
    auto page = client.get("/login");
    EXPECT_TRUE(contains(page.body,
                         "В соответствии с законодательством РФ, авторизация в системе "
                         "осуществляется исключительно через учетную запись ЕСИА"));
    EXPECT_FALSE(contains(page.body, "name=\"password\""));
    auto res =
        client.post("/login", "csrf=" + HttpClient::csrfFrom(page.body) +
                                  "&organization=1&login=vorontsova.em&password=Uchitel-2025");
    // the csrf token is on the page only inside the login form, which is hidden: refused anyway
    EXPECT_EQ(res.status, 403);
    EXPECT_EQ(portal.database().count("sessions"), 0);
}

TEST(SecureCookies, HostPrefixAndSecureFlagBehindTls) {
    web::PortalSettings settings;
    settings.secureCookies = true;
    TestPortal portal(settings);
    HttpClient client(portal.port());
    auto page = client.get("/login");
    ASSERT_TRUE(page.setCookies.count("__Host-nc_csrf"));
    EXPECT_TRUE(contains(page.setCookies["__Host-nc_csrf"], "; Secure"));
    EXPECT_TRUE(contains(page.setCookies["__Host-nc_csrf"], "Path=/"));
    auto res = client.post("/login", "csrf=" + HttpClient::csrfFrom(page.body) + "&organization=" +
                                         std::to_string(portal.organizationId("org-g1")) +
                                         "&login=lebedeva.as&password=Roditel-2025");
    EXPECT_EQ(res.status, 303);
    ASSERT_TRUE(res.setCookies.count("__Host-nc_session"));
    EXPECT_TRUE(contains(res.setCookies["__Host-nc_session"], "HttpOnly"));
    EXPECT_TRUE(contains(res.setCookies["__Host-nc_session"], "; Secure"));
    EXPECT_EQ(client.get("/main").status, 200);
}

TEST(SlowClients, AnIdleConnectionDoesNotBlockOthers) {
    TestPortal portal;
    // Connections that send nothing (or half a request) each hold one worker for a bounded time.
    std::vector<std::unique_ptr<Poco::Net::StreamSocket>> idle;
    for (int i = 0; i < 20; ++i) {
        idle.push_back(std::make_unique<Poco::Net::StreamSocket>(
            Poco::Net::SocketAddress("127.0.0.1", portal.port())));
        idle.back()->sendBytes("GET /login HTTP/1.1\r\nHost: x\r\n", 31);
    }
    HttpClient client(portal.port());
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(client.get("/healthz").status, 200);
    // Not a timing assertion on speed: only that the request was not queued behind the idle
    // connections until their 10 s socket timeout.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(TrustedProxy, TheForwardedClientIsThrottledAndAuditedNotTheProxy) {
    web::PortalSettings settings;
    settings.trustedProxy = "127.0.0.1";
    TestPortal portal(settings);
    HttpClient viaProxy(portal.port());
    viaProxy.headers["X-Forwarded-For"] = "198.51.100.7, 203.0.113.9";
    viaProxy.signIn(portal.organizationId("org-g1"), "lebedeva.as", "nope");
    EXPECT_EQ(portal.database().count("audit_events WHERE client_address = '203.0.113.9'"), 1);
    EXPECT_EQ(portal.database().count("audit_events WHERE client_address = '127.0.0.1'"), 0);
}
