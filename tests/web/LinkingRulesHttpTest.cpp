// The link rule and the session rules under races, blocks and strangers (issue #17): each
// test reproduces a defect the first version had.
#include <gtest/gtest.h>

#include <functional>
#include <latch>
#include <memory>
#include <thread>

#include "store/AccountRepository.h"
#include "support/EsiaBrowser.h"
#include "support/EsiaTestStand.h"
#include "support/TestPortal.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class LinkingRulesTest : public ::testing::Test {
  protected:
    EsiaTestStand stand;
    std::unique_ptr<TestPortal> portal;

    void start(EsiaOptions options = {}) {
        options.stand = &stand;
        portal = std::make_unique<TestPortal>(web::PortalSettings{}, options);
        portal->import(kMoreStaffCsv);  // orlova.ni: a second parent of the gymnasium
    }
    std::unique_ptr<EsiaBrowser> browser() {
        return std::make_unique<EsiaBrowser>(portal->port(), stand.port());
    }
    std::string flowOf(const HttpClient::Response& notFound) {
        return notFound.body.substr(notFound.body.find("/esia/link?flow=") + 16, 43);
    }
    HttpClient::Response linkWithPassword(EsiaBrowser& b, const std::string& flow,
                                          const std::string& csrf, const std::string& login,
                                          const std::string& password) {
        return b.portal().post("/esia/link", "csrf=" + csrf + "&flow=" + flow + "&organization=" +
                                                 std::to_string(portal->organizationId("org-g1")) +
                                                 "&login=" + login + "&password=" + password);
    }
    std::string linkFormCsrf(EsiaBrowser& b, const std::string& flow) {
        return HttpClient::csrfFrom(b.portal().get("/esia/link?flow=" + flow).body);
    }
    std::int64_t links() { return portal->database().count("esia_links"); }
    std::int64_t count(const std::string& what) { return portal->database().count(what); }
    std::int64_t idOf(const std::string& sql) {
        auto s = portal->db().session();
        std::int64_t id = 0;
        s << sql, Poco::Data::Keywords::into(id), Poco::Data::Keywords::now;
        return id;
    }
    // Lebedeva, not found, asks the gymnasium for access for her son in 5А; the appeal's id.
    std::int64_t fileAppeal() {
        auto b = browser();
        auto notFound = b->signIn("parent", "lebedeva@example.org");
        EXPECT_EQ(notFound.status, 404);
        std::string flow = flowOf(notFound);
        auto form = b->portal().get("/appeals/form?flow=" + flow);
        auto created = b->portal().post(
            "/appeals",
            "csrf=" + HttpClient::csrfFrom(form.body) + "&flow=" + flow +
                "&type=general&organization=" + std::to_string(portal->organizationId("org-g1")) +
                "&class=" + std::to_string(idOf("SELECT id FROM classes WHERE key = 'cls-5a'")) +
                "&child=0");
        EXPECT_EQ(created.status, 201) << created.body;
        return idOf("SELECT id FROM appeals");
    }
    // A staff member signed in, on the appeal's page: the decision `action` ready to post.
    std::function<HttpClient::Response()> decision(const std::string& login,
                                                   const std::string& action, std::int64_t appeal,
                                                   const std::string& extra = "") {
        auto staff = std::make_shared<HttpClient>(portal->port());
        EXPECT_EQ(staff->signIn(portal->organizationId("org-g1"), login, "Uchitel-2025").status,
                  303);
        auto page = staff->get("/staff/appeal?id=" + std::to_string(appeal));
        EXPECT_EQ(page.status, 200);
        std::string body =
            "csrf=" + HttpClient::csrfFrom(page.body) + "&id=" + std::to_string(appeal) + extra;
        return [staff, action, body] { return staff->post("/staff/appeal/" + action, body); };
    }
    // Runs both at once, as two browsers pressing the button in the same instant.
    template <typename A, typename B>
    static void race(A a, B b) {
        std::latch go(2);
        std::thread first([&] {
            go.arrive_and_wait();
            a();
        });
        go.arrive_and_wait();
        b();
        first.join();
    }
};

EsiaOptions noCutOff() {
    EsiaOptions o;
    o.cutoff = std::nullopt;
    return o;
}

}  // namespace

TEST_F(LinkingRulesTest, TwoRacingPasswordLinksInOneSchoolAndRoleLeaveOneLink) {
    start(noCutOff());
    // One Gosuslugi parent, two browsers at «Запись не найдена», two parent accounts of one
    // school: only one of them may be hers.
    auto b1 = browser(), b2 = browser();
    auto nf1 = b1->signIn("parent", "lebedeva@example.org");
    auto nf2 = b2->signIn("parent", "lebedeva@example.org");
    ASSERT_EQ(nf1.status, 404);
    ASSERT_EQ(nf2.status, 404);
    std::string f1 = flowOf(nf1), f2 = flowOf(nf2);
    std::string c1 = linkFormCsrf(*b1, f1), c2 = linkFormCsrf(*b2, f2);
    HttpClient::Response r1, r2;
    race([&] { r1 = linkWithPassword(*b1, f1, c1, "lebedeva.as", "Roditel-2025"); },
         [&] { r2 = linkWithPassword(*b2, f2, c2, "orlova.ni", "Roditel-2025"); });
    EXPECT_EQ(links(), 1);
    EXPECT_EQ((r1.status == 303) + (r2.status == 303), 1) << r1.status << " " << r2.status;
    const auto& lost = r1.status == 303 ? r2 : r1;
    EXPECT_EQ(lost.status, 409);
    EXPECT_TRUE(contains(lost.body, "уже связан другой пользователь этой организации"));
}

TEST_F(LinkingRulesTest, TwoRacingSettingsLinksInOneSchoolAndRoleLeaveOneLink) {
    start(noCutOff());
    auto b1 = browser(), b2 = browser();
    auto org = portal->organizationId("org-g1");
    ASSERT_EQ(b1->portal().signIn(org, "lebedeva.as", "Roditel-2025").status, 303);
    ASSERT_EQ(b2->portal().signIn(org, "orlova.ni", "Roditel-2025").status, 303);
    auto toEsia = [&](EsiaBrowser& b) {
        auto notice = b.portal().get("/settings/esia/link");
        auto go =
            b.portal().post("/settings/esia/link", "csrf=" + HttpClient::csrfFrom(notice.body));
        return b.loginAtEsia(go.location, "lebedeva@example.org");
    };
    std::string cb1 = toEsia(*b1), cb2 = toEsia(*b2);
    HttpClient::Response r1, r2;
    race([&] { r1 = b1->open(cb1); }, [&] { r2 = b2->open(cb2); });
    EXPECT_EQ(links(), 1);
    EXPECT_EQ((r1.status == 303) + (r2.status == 303), 1) << r1.status << " " << r2.status;
    const auto& lost = r1.status == 303 ? r2 : r1;
    EXPECT_EQ(lost.status, 409);
}

TEST_F(LinkingRulesTest, TwoRacingAppealDecisionsLeaveOneLink) {
    start(noCutOff());
    portal->import(  // a second administrator of the gymnasium
        "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,"
        "email,phone,login,password,roles,class\n"
        "person,p-deputy,,,,Зайцева,Инна,Игоревна,09.09.1979,Ж,,,,,,,\n"
        "account,p-deputy,org-g1,,,,,,,,,,,zaitseva.ii,Uchitel-2025,administrator,\n");
    auto appeal = fileAppeal();
    // One links her to the parent account the school has, the other makes her a new one.
    auto link = decision("vorontsova.em", "link", appeal,
                         "&account=" + std::to_string(portal->accountId("org-g1", "lebedeva.as")));
    auto create = decision("zaitseva.ii", "create", appeal);
    auto users = count("users"), persons = count("persons"), letters = count("mail_outbox");
    HttpClient::Response linked, created;
    race([&] { linked = link(); }, [&] { created = create(); });

    EXPECT_EQ(count("esia_links WHERE esia_oid = " + std::to_string(EsiaTestStand::kParent)), 1);
    EXPECT_EQ(count("esia_link_slots"), 1);
    ASSERT_EQ((linked.status == 303) + (created.status == 303), 1)
        << linked.status << " " << created.status;
    bool linkWon = linked.status == 303;
    const auto& lost = linkWon ? created : linked;
    EXPECT_EQ(lost.status, 409);
    EXPECT_TRUE(contains(lost.body, "уже связан другой пользователь этой организации") ||
                contains(lost.body, "По этому обращению уже принято решение."))
        << lost.body;
    // The loser's writes are gone: no second account or card, one decision, one letter.
    EXPECT_EQ(count("users"), users + (linkWon ? 0 : 1));
    EXPECT_EQ(count("persons"), persons + (linkWon ? 0 : 1));
    EXPECT_EQ(count("appeals WHERE status = 'resolved'"), 1);
    EXPECT_EQ(count("mail_outbox"), letters + 1);
    EXPECT_EQ(count("audit_events WHERE action = 'appeal.resolve'"), 1);
    EXPECT_EQ(count("audit_events WHERE action = 'account.create'"), linkWon ? 0 : 1);
}

TEST_F(LinkingRulesTest, AnAppealDecisionRacingASelfLinkLeavesOneLink) {
    start(noCutOff());
    auto appeal = fileAppeal();
    // While the school makes her a new parent account, she links the one it already has.
    auto create = decision("vorontsova.em", "create", appeal);
    auto b = browser();
    auto nf = b->signIn("parent", "lebedeva@example.org");
    ASSERT_EQ(nf.status, 404);
    std::string flow = flowOf(nf);
    std::string csrf = linkFormCsrf(*b, flow);
    auto users = count("users"), persons = count("persons"), letters = count("mail_outbox");
    HttpClient::Response decided, selfLinked;
    race([&] { decided = create(); },
         [&] { selfLinked = linkWithPassword(*b, flow, csrf, "lebedeva.as", "Roditel-2025"); });

    EXPECT_EQ(count("esia_links WHERE esia_oid = " + std::to_string(EsiaTestStand::kParent)), 1);
    EXPECT_EQ(count("esia_link_slots"), 1);
    ASSERT_EQ((decided.status == 303) + (selfLinked.status == 303), 1)
        << decided.status << " " << selfLinked.status;
    bool staffWon = decided.status == 303;
    const auto& lost = staffWon ? selfLinked : decided;
    EXPECT_EQ(lost.status, 409);
    EXPECT_TRUE(contains(lost.body, "уже связан другой пользователь этой организации"))
        << lost.body;
    EXPECT_EQ(count("users"), users + (staffWon ? 1 : 0));
    EXPECT_EQ(count("persons"), persons + (staffWon ? 1 : 0));
    EXPECT_EQ(count("appeals WHERE status = 'new'"), staffWon ? 0 : 1);
    EXPECT_EQ(count("mail_outbox"), letters + (staffWon ? 1 : 0));
    auto linkedTo = portal->accountId("org-g1", staffWon ? "ЛебедеваАС" : "lebedeva.as");
    EXPECT_EQ(count("esia_links WHERE user_id = " + std::to_string(linkedTo)), 1);
}

TEST_F(LinkingRulesTest, AutoLinkTakesOneAccountPerSchoolAndRole) {
    start();
    // A second staff account of the same teacher in the same school: both match her
    // Gosuslugi data fully, but one Gosuslugi account links one of them only.
    portal->import(
        "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,"
        "email,phone,login,password,roles,class\n"
        "account,p-teacher,org-g1,,,,,,,,,,,vorontsova.2,Uchitel-2025,teacher,\n");
    HttpClient::Response r1, r2;
    auto b1 = browser(), b2 = browser();
    race([&] { r1 = b1->signIn("staff", "vorontsova@example.org"); },
         [&] { r2 = b2->signIn("staff", "vorontsova@example.org"); });
    EXPECT_EQ(links(), 1);
    EXPECT_EQ(r1.status, 303);
    EXPECT_EQ(r2.status, 303);
}

TEST_F(LinkingRulesTest, ACutOffRefusalKeepsTheNotFoundFlow) {
    start();  // the cut-off is in the past
    auto b = browser();
    auto nf = b->signIn("parent", "lebedeva@example.org");
    ASSERT_EQ(nf.status, 404);
    std::string flow = flowOf(nf);
    auto refused =
        linkWithPassword(*b, flow, linkFormCsrf(*b, flow), "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(links(), 0);
    // She keeps «Обратиться в организацию».
    auto appeal = b->portal().get("/appeals/new?flow=" + flow);
    EXPECT_EQ(appeal.status, 200);
    EXPECT_TRUE(contains(appeal.body, "Обратиться в организацию"));
}

TEST_F(LinkingRulesTest, ACallbackOpenedInAnotherBrowserLeavesTheOwnersSignIn) {
    start();
    auto owner = browser();
    auto page = owner->portal().get("/esia/start");
    auto go = owner->portal().post("/esia/start",
                                   "csrf=" + HttpClient::csrfFrom(page.body) + "&role=staff");
    std::string callback = owner->loginAtEsia(go.location, "vorontsova@example.org");
    auto stranger = browser();
    auto foreign = stranger->open(callback);
    EXPECT_EQ(foreign.status, 400);
    auto mine = owner->open(callback);
    EXPECT_EQ(mine.status, 303);
    EXPECT_TRUE(contains(owner->portal().get("/main").body, "Воронцова Елена Михайловна"));
}

TEST_F(LinkingRulesTest, AnAccountBlockedAfterTheChoiceWasShownIsNotSignedIn) {
    start();
    auto teacher = portal->accountId("org-g1", "vorontsova.em");
    ASSERT_EQ(linkDirectly(portal->db(), EsiaTestStand::kTeacher, teacher),
              domain::LinkVerdict::Allowed);
    ASSERT_EQ(linkDirectly(portal->db(), EsiaTestStand::kTeacher,
                           portal->accountId("org-uo", "nikitina.vg")),
              domain::LinkVerdict::Allowed);
    auto b = browser();
    auto choose = b->signIn("staff", "vorontsova@example.org");
    ASSERT_TRUE(contains(choose.body, "Выберите пользователя"));
    std::string flow = choose.body.substr(choose.body.find("name=\"flow\" value=\"") + 19, 43);
    {
        auto s = portal->db().session();
        store::AccountRepository(portal->db(), s).setBlocked(teacher, true);
    }
    auto refused = b->portal().post("/esia/choose", "csrf=" + HttpClient::csrfFrom(choose.body) +
                                                        "&flow=" + flow +
                                                        "&account=" + std::to_string(teacher));
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(contains(refused.body, "заблокирована"));
    EXPECT_EQ(b->portal().get("/main").status, 303);  // not signed in
    // The other account is still on offer.
    auto other = b->portal().post(
        "/esia/choose",
        "csrf=" + HttpClient::csrfFrom(choose.body) + "&flow=" + flow +
            "&account=" + std::to_string(portal->accountId("org-uo", "nikitina.vg")));
    EXPECT_EQ(other.status, 303);
}

TEST_F(LinkingRulesTest, ASessionOfABlockedAccountStopsResolving) {
    start();
    auto teacher = portal->accountId("org-g1", "vorontsova.em");
    auto b = browser();
    ASSERT_EQ(b->portal()
                  .signIn(portal->organizationId("org-g1"), "vorontsova.em", "Uchitel-2025")
                  .status,
              303);
    ASSERT_EQ(b->portal().get("/main").status, 200);
    {  // blocked by another node: straight in the database, no cache of this node told
        auto s = portal->db().session();
        store::AccountRepository(portal->db(), s).setBlocked(teacher, true);
    }
    portal->clock().advance(std::chrono::seconds(2));  // the documented bound (cache-seconds)
    EXPECT_EQ(b->portal().get("/main").status, 303);
}

TEST_F(LinkingRulesTest, EveryConnectionBusyIsARussian503) {
    start();
    auto b = browser();
    ASSERT_EQ(b->portal()
                  .signIn(portal->organizationId("org-g1"), "vorontsova.em", "Uchitel-2025")
                  .status,
              303);
    portal->clock().advance(std::chrono::seconds(120));  // past the session cache
    // Every connection of the pool held by someone else, longer than a request waits.
    constexpr int kPool = 24;
    std::latch held(kPool), release(1);
    std::vector<std::thread> holders;
    for (int i = 0; i < kPool; ++i)
        holders.emplace_back([&] {
            auto s = portal->db().session();
            held.count_down();
            release.wait();
        });
    held.wait();
    auto page = b->portal().get("/main");
    release.count_down();
    for (auto& t : holders) t.join();
    EXPECT_EQ(page.status, 503);
    EXPECT_TRUE(contains(page.body, "Сервис временно недоступен"));
    EXPECT_EQ(b->portal().get("/main").status, 200);  // and back once they are free
}

TEST_F(LinkingRulesTest, AfterTheCutOffSettingsDoNotSendAParentToGosuslugiForARefusal) {
    start();  // the cut-off is in the past
    auto b = browser();
    ASSERT_EQ(
        b->portal().signIn(portal->organizationId("org-g1"), "lebedeva.as", "Roditel-2025").status,
        303);
    auto page = b->portal().get("/settings/esia/link");
    EXPECT_EQ(page.status, 403);
    EXPECT_TRUE(contains(page.body, "17.03.2025"));
    EXPECT_FALSE(contains(page.body, "name=\"csrf\""));  // no form that leads to Gosuslugi
}
