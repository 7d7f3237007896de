#include <gtest/gtest.h>

#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {
bool contains(const std::string& t, const std::string& p) { return t.find(p) != std::string::npos; }

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
    EXPECT_TRUE(contains(page.body, "В соответствии с законодательством РФ, авторизация в системе "
                                    "осуществляется исключительно через учетную запись ЕСИА"));
    EXPECT_FALSE(contains(page.body, "name=\"password\""));
    auto res = client.post("/login", "csrf=" + HttpClient::csrfFrom(page.body) +
                                         "&organization=1&login=vorontsova.em&password=Uchitel-2025");
    // the csrf token is on the page only inside the login form, which is hidden: refused anyway
    EXPECT_EQ(res.status, 403);
    EXPECT_EQ(portal.database().count("sessions"), 0);
}
