// Sign-in through Gosuslugi end to end over HTTP: the portal and the ESIA emulator as two
// sites, a browser stand-in that follows the redirects between them.
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include <thread>

#include "store/EsiaLinkRepository.h"
#include "support/EsiaBrowser.h"
#include "support/EsiaTestStand.h"
#include "support/TestPortal.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

using Browser = EsiaBrowser;

class EsiaSignInTest : public ::testing::Test {
  protected:
    EsiaTestStand stand;
    std::unique_ptr<TestPortal> portal;

    void start(EsiaOptions options = {}, web::PortalSettings settings = {}) {
        options.stand = &stand;
        portal = std::make_unique<TestPortal>(settings, options);
    }
    std::unique_ptr<Browser> browser() {
        return std::make_unique<Browser>(portal->port(), stand.port());
    }
    // «Привязать учетную запись» from a «Запись не найдена» page: the link form of its flow,
    // then school login and password for the gymnasium.
    HttpClient::Response linkWithSchoolPassword(Browser& b, const HttpClient::Response& notFound,
                                                const std::string& login,
                                                const std::string& password) {
        std::string flow = notFound.body.substr(notFound.body.find("/esia/link?flow=") + 16, 43);
        auto form = b.portal().get("/esia/link?flow=" + flow);
        EXPECT_TRUE(contains(form.body, "Привязать учетную запись"));
        return b.portal().post(
            "/esia/link", "csrf=" + HttpClient::csrfFrom(form.body) + "&flow=" + flow +
                              "&organization=" + std::to_string(portal->organizationId("org-g1")) +
                              "&login=" + login + "&password=" + password);
    }
    std::int64_t links(const std::string& where = "1=1") {
        return portal->database().count("esia_links WHERE " + where);
    }
};

}  // namespace

TEST_F(EsiaSignInTest, RoleChoicePageOffersTheThreeRoles) {
    start();
    auto b = browser();
    auto page = b->portal().get("/esia/start");
    for (const char* role : {"Родитель", "Ребенок (обучающийся)", "Педагоги и сотрудники"})
        EXPECT_TRUE(contains(page.body, role)) << role;
    auto bad =
        b->portal().post("/esia/start", "csrf=" + HttpClient::csrfFrom(page.body) + "&role=admin");
    EXPECT_EQ(bad.status, 400);
}

TEST_F(EsiaSignInTest, FullMatchLinksAutomaticallyAndSignsIn) {
    start();
    auto b = browser();
    auto res = b->signIn("staff", "vorontsova@example.org");
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.location, "/main?notice=linked");
    auto main = b->portal().get(res.location);
    EXPECT_TRUE(contains(main.body, "Воронцова Елена Михайловна"));
    EXPECT_TRUE(
        contains(main.body, "Пользователь успешно привязан к учетной записи портала Госуслуг"));
    EXPECT_EQ(links("created_by = 'auto'"), 1);
    // Next time: straight in, no new link.
    auto again = browser();
    auto second = again->signIn("staff", "vorontsova@example.org");
    EXPECT_EQ(second.location, "/main");
    EXPECT_EQ(links(), 1);
    EXPECT_GE(
        portal->database().count("audit_events WHERE action = 'esia.link' AND outcome = 'auto'"),
        1);
}

TEST_F(EsiaSignInTest, NothingMatchesInAnotherRoleOrWithATypo) {
    start();
    auto b = browser();
    auto wrongRole = b->signIn("parent", "vorontsova@example.org");
    EXPECT_EQ(wrongRole.status, 404);
    for (const char* text : {"Запись не найдена",
                             "С выбранной учётной записью портала Госуслуг не связан ни один "
                             "пользователь системы",
                             "Привязать учетную запись", "Обратиться в организацию", "Выход"})
        EXPECT_TRUE(contains(wrongRole.body, text)) << text;
    auto c = browser();
    EXPECT_EQ(c->signIn("staff", "typo@example.org").status, 404);
    EXPECT_EQ(links(), 0);
}

TEST_F(EsiaSignInTest, UnconfirmedAccountsAreTurnedAway) {
    start();
    auto b = browser();
    auto res = b->signIn("staff", "unconfirmed@example.org");
    EXPECT_EQ(res.status, 403);
    EXPECT_TRUE(contains(res.body, "Для входа необходима подтвержденная учетная запись Госуслуг"));
    EXPECT_EQ(links(), 0);
}

TEST_F(EsiaSignInTest, RefusedConsentHasItsOwnPage) {
    start();
    auto b = browser();
    auto res = b->signIn("staff", "vorontsova@example.org", false);
    EXPECT_EQ(res.status, 403);
    EXPECT_TRUE(contains(res.body, "Вход через госуслуги отменён"));
    EXPECT_TRUE(b->portal().cookie("nc_session").empty());
}

TEST_F(EsiaSignInTest, ReplayedOrForeignCallbacksAreRefused) {
    start();
    auto b = browser();
    std::string callback;
    EXPECT_EQ(b->signIn("staff", "vorontsova@example.org", true, &callback).status, 303);
    auto replay = b->open(callback);
    EXPECT_EQ(replay.status, 400);
    EXPECT_TRUE(contains(replay.body, "Сеанс входа через госуслуги устарел"));
    // A callback carried to another browser (no binding cookie) gets nothing.
    auto victim = browser();
    auto page = victim->portal().get("/esia/start");
    auto toEsia = victim->portal().post("/esia/start",
                                        "csrf=" + HttpClient::csrfFrom(page.body) + "&role=staff");
    std::string stolen = victim->loginAtEsia(toEsia.location, "vorontsova@example.org");
    auto attacker = browser();
    EXPECT_EQ(attacker->open(stolen).status, 400);
    EXPECT_TRUE(attacker->portal().cookie("nc_session").empty());
    EXPECT_EQ(
        b->portal().get("/esia/callback?state=" + urlEncode("' OR 1=1 --") + "&code=x").status,
        400);
}

TEST_F(EsiaSignInTest, ExpiredFlowsAreRefused) {
    start();
    auto b = browser();
    auto page = b->portal().get("/esia/start");
    auto toEsia =
        b->portal().post("/esia/start", "csrf=" + HttpClient::csrfFrom(page.body) + "&role=staff");
    std::string callback = b->loginAtEsia(toEsia.location, "vorontsova@example.org");
    portal->clock().advance(std::chrono::minutes(16));
    EXPECT_EQ(b->open(callback).status, 400);
}

TEST_F(EsiaSignInTest, LinkWithSchoolPasswordBeforeTheCutOff) {
    start({nullptr, domain::CalendarDate::parse("01.01.2999")});
    auto b = browser();
    auto notFound = b->signIn("parent", "lebedeva@example.org");  // the card has no SNILS
    ASSERT_EQ(notFound.status, 404);
    auto wrong = linkWithSchoolPassword(*b, notFound, "lebedeva.as", "nope");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_TRUE(contains(wrong.body, "Неверное имя пользователя или пароль."));
    auto teacherLogin = linkWithSchoolPassword(*b, notFound, "vorontsova.em", "Uchitel-2025");
    EXPECT_EQ(teacherLogin.status, 409);  // not the role chosen at the start
    EXPECT_TRUE(contains(teacherLogin.body, "от роли «Родитель»"));
    auto ok = linkWithSchoolPassword(*b, notFound, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(ok.location, "/main?notice=linked");
    EXPECT_EQ(links("created_by = 'password'"), 1);
    auto next = browser();
    EXPECT_EQ(next->signIn("parent", "lebedeva@example.org").location, "/main");
}

TEST_F(EsiaSignInTest, AfterTheCutOffParentsCannotLinkThemselvesButStaffCan) {
    start();  // cut-off 17.03.2025, the clock says 2026
    auto b = browser();
    auto notFound = b->signIn("parent", "lebedeva@example.org");
    auto refused = linkWithSchoolPassword(*b, notFound, "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(contains(refused.body, "классному руководителю или администратору"));
    EXPECT_EQ(links(), 0);

    auto staff = browser();
    auto typo = staff->signIn("staff", "typo@example.org");
    auto ok = linkWithSchoolPassword(*staff, typo, "vorontsova.em", "Uchitel-2025");
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(links(), 1);
}

TEST_F(EsiaSignInTest, SeveralLinkedAccountsAskWhoToBe) {
    start();
    ASSERT_EQ(linkDirectly(portal->db(), EsiaTestStand::kTeacher,
                           portal->accountId("org-g1", "vorontsova.em")),
              domain::LinkVerdict::Allowed);
    ASSERT_EQ(linkDirectly(portal->db(), EsiaTestStand::kTeacher,
                           portal->accountId("org-uo", "nikitina.vg")),
              domain::LinkVerdict::Allowed);
    auto b = browser();
    auto choose = b->signIn("staff", "vorontsova@example.org");
    EXPECT_EQ(choose.status, 200);
    EXPECT_TRUE(contains(choose.body, "Выберите пользователя"));
    EXPECT_TRUE(contains(choose.body, "Департамент образования г. Томска"));
    EXPECT_TRUE(contains(choose.body, "Продолжить"));
    std::string flow = choose.body.substr(choose.body.find("name=\"flow\" value=\"") + 19, 43);
    auto pos = choose.body.find("Департамент");
    auto idStart = choose.body.rfind("value=\"", pos) + 7;
    std::string account = choose.body.substr(idStart, choose.body.find('"', idStart) - idStart);
    auto done = b->portal().post("/esia/choose", "csrf=" + HttpClient::csrfFrom(choose.body) +
                                                     "&flow=" + flow + "&account=" + account);
    EXPECT_EQ(done.status, 303);
    EXPECT_TRUE(contains(b->portal().get("/main").body, "Никитина Вера Глебовна"));
    // A made-up account id is not among the choices.
    auto again = browser();
    auto page = again->signIn("staff", "vorontsova@example.org");
    std::string flow2 = page.body.substr(page.body.find("name=\"flow\" value=\"") + 19, 43);
    auto forged = again->portal().post("/esia/choose", "csrf=" + HttpClient::csrfFrom(page.body) +
                                                           "&flow=" + flow2 + "&account=3");
    EXPECT_EQ(forged.status, 400);
}

TEST_F(EsiaSignInTest, TwoRacingCallbacksCreateOneLink) {
    start();
    auto a = browser(), b = browser();
    std::string ca, cb;
    for (auto pair : {std::make_pair(a.get(), &ca), std::make_pair(b.get(), &cb)}) {
        auto page = pair.first->portal().get("/esia/start");
        auto toEsia = pair.first->portal().post(
            "/esia/start", "csrf=" + HttpClient::csrfFrom(page.body) + "&role=staff");
        *pair.second = pair.first->loginAtEsia(toEsia.location, "vorontsova@example.org");
    }
    HttpClient::Response ra, rb;
    std::thread ta([&] { ra = a->open(ca); }), tb([&] { rb = b->open(cb); });
    ta.join();
    tb.join();
    EXPECT_EQ(ra.status, 303);
    EXPECT_EQ(rb.status, 303);
    EXPECT_EQ(links(), 1);
}

TEST_F(EsiaSignInTest, LinkAndUnlinkFromPersonalSettings) {
    start({nullptr, domain::CalendarDate::parse("01.01.2999")});
    auto b = browser();
    b->portal().signIn(portal->organizationId("org-g1"), "lebedeva.as", "Roditel-2025");
    auto settings = b->portal().get("/settings");
    EXPECT_TRUE(contains(settings.body, "Привязать учетную запись портала Госуслуг"));
    auto notice = b->portal().get("/settings/esia/link");
    EXPECT_TRUE(contains(notice.body,
                         "Сейчас вы будете перенаправлены на страницу авторизации учетной "
                         "записи портала Госуслуг, для привязки вашего профиля к учетной "
                         "записи портала Госуслуг"));
    auto toEsia =
        b->portal().post("/settings/esia/link", "csrf=" + HttpClient::csrfFrom(notice.body));
    EXPECT_EQ(toEsia.status, 303);
    auto back = b->open(b->loginAtEsia(toEsia.location, "lebedeva@example.org"));
    EXPECT_EQ(back.location, "/settings?esia=linked");
    auto linked = b->portal().get(back.location);
    EXPECT_TRUE(
        contains(linked.body, "Пользователь успешно привязан к учетной записи портала Госуслуг"));
    EXPECT_TRUE(contains(linked.body, "Удалить связь с учетной записью портала гос.услуг"));
    EXPECT_EQ(links("created_by = 'settings'"), 1);
    auto confirm = b->portal().get("/settings/esia/unlink");
    auto removed =
        b->portal().post("/settings/esia/unlink", "csrf=" + HttpClient::csrfFrom(confirm.body));
    EXPECT_EQ(removed.location, "/settings?esia=unlinked");
    EXPECT_EQ(links(), 0);
    EXPECT_EQ(portal->database().count("audit_events WHERE action = 'esia.unlink'"), 1);
}

TEST_F(EsiaSignInTest, OneGosuslugiAccountServesATeacherWhoIsAlsoAParent) {
    start({nullptr, domain::CalendarDate::parse("01.01.2999")});
    auto first = browser();
    first->signIn("staff", "vorontsova@example.org");  // auto-linked to vorontsova.em
    auto b = browser();
    b->portal().signIn(portal->organizationId("org-g1"), "vorontsova.em", "Uchitel-2025");
    auto notice = b->portal().get("/settings");
    EXPECT_TRUE(contains(notice.body, "Удалить связь"));
    // the teacher's ESIA account is already linked to her: linking it from the parent's
    // settings (same organization, other role) works, from the same role it does not
    auto parent = browser();
    parent->portal().signIn(portal->organizationId("org-g1"), "lebedeva.as", "Roditel-2025");
    auto n = parent->portal().get("/settings/esia/link");
    auto toEsia =
        parent->portal().post("/settings/esia/link", "csrf=" + HttpClient::csrfFrom(n.body));
    auto back = parent->open(parent->loginAtEsia(toEsia.location, "vorontsova@example.org"));
    EXPECT_EQ(back.location, "/settings?esia=linked");  // a teacher who is also a parent
    EXPECT_EQ(links(), 2);
}

TEST_F(EsiaSignInTest, UnlinkIsRefusedWhereGosuslugiIsTheOnlyWayIn) {
    web::PortalSettings esiaOnly;
    esiaOnly.passwordPolicy = domain::PasswordLoginPolicy::Nobody;
    start({}, esiaOnly);
    auto b = browser();
    b->signIn("staff", "vorontsova@example.org");
    auto confirm = b->portal().get("/settings/esia/unlink");
    auto refused =
        b->portal().post("/settings/esia/unlink", "csrf=" + HttpClient::csrfFrom(confirm.body));
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(links(), 1);
}

TEST_F(EsiaSignInTest, LogoutOffersTheGosuslugiLogout) {
    start();
    auto b = browser();
    b->signIn("staff", "vorontsova@example.org");
    auto main = b->portal().get("/main");
    auto out = b->portal().post("/logout", "csrf=" + HttpClient::csrfFrom(main.body));
    EXPECT_EQ(out.location, "/esia/logged-out");
    auto page = b->portal().get(out.location);
    EXPECT_TRUE(contains(page.body, "/idp/ext/Logout?client_id=NETCITY01"));
    EXPECT_EQ(b->portal().get("/main").status, 303);
}

TEST_F(EsiaSignInTest, ForgedTokensAndAnUnreachableEsiaAreClearPages) {
    EsiaOptions other;
    other.trustAnotherEsiaCertificate = true;
    start(other);
    auto b = browser();
    auto forged = b->signIn("staff", "vorontsova@example.org");
    EXPECT_EQ(forged.status, 400);  // a bad answer, not a gateway's trouble
    EXPECT_TRUE(contains(forged.body, "не подтвердил вход"));
    EXPECT_EQ(links(), 0);
}

TEST_F(EsiaSignInTest, EsiaDownMeansAClearPageAndPasswordsStillWork) {
    start();
    auto b = browser();
    auto page = b->portal().get("/esia/start");
    auto toEsia =
        b->portal().post("/esia/start", "csrf=" + HttpClient::csrfFrom(page.body) + "&role=staff");
    std::string callback = b->loginAtEsia(toEsia.location, "vorontsova@example.org");
    stand.stop();
    auto res = b->open(callback);
    EXPECT_EQ(res.status, 503);  // temporary trouble
    EXPECT_TRUE(contains(res.body, "Портал Госуслуг сейчас недоступен"));
    EXPECT_EQ(b->portal()
                  .signIn(portal->organizationId("org-g1"), "vorontsova.em", "Uchitel-2025")
                  .status,
              303);
}

TEST_F(EsiaSignInTest, FirstGosuslugiSignInAsksForAControlQuestionWhereRequired) {
    web::PortalSettings settings;
    settings.requireControlQuestion = true;
    start({}, settings);
    auto b = browser();
    auto res = b->signIn("staff", "vorontsova@example.org");
    EXPECT_EQ(res.location, "/settings/control-question");
    auto page = b->portal().get(res.location);
    EXPECT_TRUE(contains(page.body, "Девичья фамилия вашей матери"));
    std::string csrf = HttpClient::csrfFrom(page.body);
    auto empty =
        b->portal().post("/settings/control-question", "csrf=" + csrf + "&question=&answer=x");
    EXPECT_EQ(empty.status, 400);
    EXPECT_TRUE(contains(empty.body, "Выберите контрольный вопрос"));
    auto saved = b->portal().post("/settings/control-question",
                                  "csrf=" + csrf + "&question=" + urlEncode("Собственный вопрос") +
                                      "&own_question=" + urlEncode("Любимая книга") +
                                      "&answer=" + urlEncode(" Мастер и Маргарита "));
    EXPECT_EQ(saved.location, "/main");
    EXPECT_EQ(portal->database().count("users WHERE control_question = 'Любимая книга'"), 1);
    EXPECT_EQ(portal->database().count("users WHERE control_answer_hash LIKE '%Маргарита%'"), 0);
    auto again = browser();
    EXPECT_EQ(again->signIn("staff", "vorontsova@example.org").location, "/main");
}

TEST_F(EsiaSignInTest, ASchoolAccountLinksOneGosuslugiAccountOnly) {
    start();
    auto first = browser();
    first->signIn("staff", "vorontsova@example.org");  // auto-linked
    auto other = browser();
    auto notFound = other->signIn("staff", "typo@example.org");
    auto refused = linkWithSchoolPassword(*other, notFound, "vorontsova.em", "Uchitel-2025");
    EXPECT_EQ(refused.status, 409);
    EXPECT_TRUE(contains(refused.body, "уже связана с другой учётной записью портала Госуслуг"));
    EXPECT_EQ(links(), 1);
}

TEST_F(EsiaSignInTest, ALinkStartedInOneSessionDoesNotFinishInAnother) {
    start({nullptr, domain::CalendarDate::parse("01.01.2999")});
    auto b = browser();
    b->portal().signIn(portal->organizationId("org-g1"), "vorontsova.em", "Uchitel-2025");
    auto notice = b->portal().get("/settings/esia/link");
    auto toEsia =
        b->portal().post("/settings/esia/link", "csrf=" + HttpClient::csrfFrom(notice.body));
    // Teacher A walks away; B signs in on the same computer and finishes A's Gosuslugi page.
    auto main = b->portal().get("/main");
    b->portal().post("/logout", "csrf=" + HttpClient::csrfFrom(main.body));
    b->portal().signIn(portal->organizationId("org-g1"), "lebedeva.as", "Roditel-2025");
    auto back = b->open(b->loginAtEsia(toEsia.location, "lebedeva@example.org"));
    EXPECT_EQ(back.status, 400);
    EXPECT_EQ(links(), 0);
}

TEST_F(EsiaSignInTest, AnExpiredTemporaryPasswordDoesNotLink) {
    start();
    {
        auto s = portal->db().session();
        s << "UPDATE users SET temp_password_expires_at = 1 WHERE login = 'vorontsova.em'",
            Poco::Data::Keywords::now;
    }
    auto b = browser();
    auto notFound = b->signIn("staff", "typo@example.org");
    auto refused = linkWithSchoolPassword(*b, notFound, "vorontsova.em", "Uchitel-2025");
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(contains(refused.body, "Срок действия временного пароля истёк"));
    EXPECT_EQ(links(), 0);
}

TEST_F(EsiaSignInTest, TheWaitingGosuslugiProfileIsSealed) {
    start();
    auto b = browser();
    EXPECT_EQ(b->signIn("parent", "lebedeva@example.org").status, 404);
    EXPECT_EQ(portal->database().count("flows WHERE kind = 'esia-result'"), 1);
    EXPECT_EQ(
        portal->database().count("flows WHERE data LIKE '%126-853-671%' OR data LIKE '%Лебедева%'"),
        0);
}

// Seed 001: after the cut-off a parent's «Персональные настройки» offer no self-link that would
// be refused, but say who links them; staff still link themselves. «After» is the region's
// date: 23:30 UTC on 22.11 is 23.11 in Томск (+07:00). The refusal names the date too.
TEST_F(EsiaSignInTest, AfterTheCutOffSettingsSayWhoLinksParentsAndStudents) {
    const std::string closed =
        "С 23.11.2026 привязка учётной записи Госуслуг возможна только "
        "администратором/классным руководителем образовательной организации после заполнения "
        "личной карточки родителя/ученика.";
    auto settingsOf = [&](const std::string& login, const std::string& password) {
        HttpClient c(portal->port());
        EXPECT_EQ(c.signIn(portal->organizationId("org-g1"), login, password).status, 303);
        return c.get("/settings").body;
    };
    auto lateOn22nd = [&] {
        std::int64_t at =
            domain::CalendarDate::parse("22.11.2026")->unixSeconds() + 23 * 3600 + 30 * 60;
        portal->clock().advance(std::chrono::seconds(at - portal->clock().unixSeconds()));
    };
    web::PortalSettings tomsk;
    tomsk.timeZone = *domain::UtcOffset::parse("+07:00");
    start({nullptr, domain::CalendarDate::parse("23.11.2026")}, tomsk);
    lateOn22nd();
    auto parent = settingsOf("lebedeva.as", "Roditel-2025");
    EXPECT_FALSE(contains(parent, "id=\"esia-link\""));
    EXPECT_TRUE(contains(parent, "доступна до 23.11.2026")) << parent;
    EXPECT_TRUE(contains(parent, closed));
    EXPECT_TRUE(contains(settingsOf("lebedev.ka", "Uchenik-2025"), closed));
    auto teacher = settingsOf("vorontsova.em", "Uchitel-2025");
    EXPECT_TRUE(contains(teacher, "id=\"esia-link\""));
    EXPECT_FALSE(contains(teacher, closed));

    portal->clock().advance(std::chrono::hours(24));
    auto b = browser();
    auto refused = linkWithSchoolPassword(*b, b->signIn("parent", "lebedeva@example.org"),
                                          "lebedeva.as", "Roditel-2025");
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(contains(refused.body, "доступна до 23.11.2026"));
    EXPECT_TRUE(contains(refused.body, closed));

    start({nullptr, domain::CalendarDate::parse("23.11.2026")});  // the same instant in UTC
    lateOn22nd();
    EXPECT_TRUE(contains(settingsOf("lebedeva.as", "Roditel-2025"), "id=\"esia-link\""));
}
