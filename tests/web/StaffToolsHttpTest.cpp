// Staff tools over HTTP (issue #6): every permission boundary, the personal card and what it
// does for Gosuslugi sign-in, temporary passwords, blocking, password recovery with letters
// through a real SMTP server, the school's audit log.
#include <gtest/gtest.h>

#include <regex>

#include "app/AuditExport.h"
#include "flows/PeopleImport.h"
#include "support/StaffPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class StaffToolsTest : public StaffPortalTest {
  protected:
    std::string id(const std::string& login, const std::string& org = "org-g1") {
        return std::to_string(portal->accountId(org, login));
    }
    HttpClient::Response post(HttpClient& c, const std::string& path, const std::string& body) {
        std::string csrf = HttpClient::csrfFrom(c.get("/settings").body);
        return c.post(path, "csrf=" + csrf + "&" + body);
    }
    std::int64_t audits(const std::string& where) {
        return portal->database().count("audit_events WHERE " + where);
    }
    std::string cardField(const std::string& login, const std::string& column) {
        auto s = portal->db().session();
        std::string value;
        s << "SELECT COALESCE(p." + column +
                 ", '') FROM persons p JOIN users u ON"
                 " u.person_id = p.id WHERE u.login = '" +
                 login + "'",
            Poco::Data::Keywords::into(value), Poco::Data::Keywords::now;
        return value;
    }
    static std::string slipPassword(const std::string& html) {
        std::smatch m;
        std::regex re("id=\"slip-password\" class=\"mono big\">([^<]+)<");
        return std::regex_search(html, m, re) ? m[1].str() : "";
    }
};

}  // namespace

TEST_F(StaffToolsTest, AClassTeacherReachesTheirStudentsAndTheirParentsOnly) {
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025");
    auto list = sokolov->get("/staff/people");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "Орлова Дарья Игоревна"));
    EXPECT_TRUE(contains(list.body, "Орлова Наталья Игоревна"));  // her mother
    EXPECT_FALSE(contains(list.body, "Лебедев Кирилл"));          // 5А
    EXPECT_EQ(sokolov->get("/staff/card?account=" + id("orlova.ni")).status, 200);
    auto foreign = sokolov->get("/staff/card?account=" + id("lebedev.ka"));
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(audits("action = 'card.view' AND outcome = 'denied' AND subject = 'account:" +
                     id("lebedev.ka") + "'"),
              1);
    EXPECT_EQ(post(*sokolov, "/staff/card/password", "account=" + id("lebedev.ka")).status, 404);
    auto slip = post(*sokolov, "/staff/card/password", "account=" + id("orlova.di"));
    EXPECT_EQ(slip.status, 200);
    EXPECT_EQ(slipPassword(slip.body).size(), 10u);
}

TEST_F(StaffToolsTest, AClassTeacherDoesNotReachAColleaguesStaffAccountThroughTheirChild) {
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025");
    EXPECT_EQ(sokolov->get("/staff/card?account=" + id("morozova.rod")).status, 200);
    EXPECT_EQ(sokolov->get("/staff/card?account=" + id("morozova.on")).status, 404);
    EXPECT_EQ(post(*sokolov, "/staff/card/password", "account=" + id("morozova.on")).status, 404);
    EXPECT_EQ(post(*sokolov, "/staff/card/block", "account=" + id("morozova.on")).status, 404);
    // The parent account is his to help — but its card is also the teacher's: not his to edit.
    auto edit = post(*sokolov, "/staff/card",
                     "account=" + id("morozova.rod") +
                         "&last_name=Морозова&first_name=Ольга&middle_name=Николаевна"
                         "&email=attacker@example.org");
    EXPECT_EQ(edit.status, 400);
    EXPECT_TRUE(contains(edit.body, "есть и в другой организации или классе"));
    EXPECT_EQ(cardField("morozova.on", "email"), "");
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    EXPECT_EQ(post(*admin, "/staff/card",
                   "account=" + id("morozova.rod") +
                       "&last_name=Морозова&first_name=Ольга&middle_name=Николаевна"
                       "&email=morozova@example.org")
                  .status,
              303);
}

TEST_F(StaffToolsTest, TeachersWithoutAClassAuthoritiesAndOtherSchoolsCannotChangeCards) {
    auto morozova = signedIn("morozova.on", "Uchitel-2025");
    EXPECT_EQ(morozova->get("/staff/people").status, 403);
    EXPECT_EQ(morozova->get("/staff/card?account=" + id("orlova.di")).status, 404);
    EXPECT_EQ(post(*morozova, "/staff/card/password", "account=" + id("orlova.di")).status, 404);

    auto authority = signedIn("nikitina.vg", "Uprav-2025", "org-uo");
    auto card = authority->get("/staff/card?account=" + id("orlova.di"));
    EXPECT_EQ(card.status, 200);  // reads the municipality's schools
    EXPECT_FALSE(contains(card.body, "id=\"save-card\""));
    EXPECT_FALSE(contains(card.body, "id=\"issue-password\""));
    EXPECT_EQ(
        post(*authority, "/staff/card", "account=" + id("orlova.di") + "&last_name=X&first_name=Y")
            .status,
        403);
    EXPECT_EQ(post(*authority, "/staff/card/password", "account=" + id("orlova.di")).status, 403);
    EXPECT_EQ(post(*authority, "/staff/card/block", "account=" + id("orlova.di")).status, 403);
    auto people = authority->get("/staff/people?organization=" +
                                 std::to_string(portal->organizationId("org-g1")));
    EXPECT_TRUE(contains(people.body, "Орлова Дарья"));

    auto belova = signedIn("belova.ia", "Admin-2025", "org-ds");
    EXPECT_EQ(belova->get("/staff/card?account=" + id("orlova.di")).status, 404);
    EXPECT_EQ(post(*belova, "/staff/card/unlink", "account=" + id("orlova.di")).status, 404);
    EXPECT_FALSE(contains(belova->get("/staff/people").body, "Орлова"));
    EXPECT_GE(audits("outcome = 'denied'"), 3);

    auto parent = signedIn("orlova.ni", "Roditel-2025");
    EXPECT_EQ(parent->get("/staff/people").status, 403);
    EXPECT_EQ(parent->get("/staff/card?account=" + id("orlova.di")).status, 404);
    EXPECT_EQ(cardField("orlova.di", "last_name"), "Орлова");
}

TEST_F(StaffToolsTest, TheCardRefusesBadDataAndKeepsTheOldCard) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    std::string base = "account=" + id("lebedeva.as") +
                       "&last_name=Лебедева&first_name=Анна&middle_name=Сергеевна&gender=Ж";
    struct Case {
        std::string fields, message;
    };
    std::vector<Case> cases{
        {"&snils=126-853-671%2085&birth_date=01.02.1985", "СНИЛС указан неверно"},
        {"&birth_date=31.02.1985", "Укажите дату рождения"},
        {"&birth_date=01.02.2099", "Укажите дату рождения"},
        {"&birth_date=01.02.1985&email=not-an-address", "Адрес электронной почты указан неверно"},
        {"&birth_date=01.02.1985&phone=call%20me", "Телефон указан неверно"},
    };
    for (const auto& c : cases) {
        auto r = post(*admin, "/staff/card", base + c.fields);
        EXPECT_EQ(r.status, 400) << c.fields;
        EXPECT_TRUE(contains(r.body, c.message)) << c.fields;
    }
    auto digits = post(*admin, "/staff/card",
                       "account=" + id("lebedeva.as") + "&last_name=Лебедева1&first_name=Анна");
    EXPECT_EQ(digits.status, 400);
    auto empty = post(*admin, "/staff/card", "account=" + id("lebedeva.as") + "&last_name=");
    EXPECT_EQ(empty.status, 400);
    // The teacher's SNILS on the parent's card: the same SNILS twice in one school.
    auto duplicate = post(*admin, "/staff/card", base + "&snils=112-233-445%2095");
    EXPECT_EQ(duplicate.status, 400);
    EXPECT_TRUE(contains(duplicate.body, "уже указан в другой карточке организации"));
    EXPECT_FALSE(contains(duplicate.body, "Воронцова Елена"));  // no SNILS-to-name lookup
    EXPECT_EQ(cardField("lebedeva.as", "birth_date"), "1985-02-01");
    EXPECT_EQ(cardField("lebedeva.as", "snils_index"), "");
    EXPECT_EQ(audits("action = 'card.change'"), 0);
}

TEST_F(StaffToolsTest, FillingTheCardAfterTheCutOffLinksTheNextGosuslugiSignIn) {
    // Lebedeva's card has no SNILS: Gosuslugi does not find her, and self-linking is closed.
    EsiaBrowser parent(portal->port(), stand.port());
    EXPECT_EQ(parent.signIn("parent", "lebedeva@example.org").status, 404);
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    auto before = admin->get("/staff/card?account=" + id("lebedeva.as"));
    EXPECT_TRUE(contains(before.body, "id=\"auto-link-missing\""));
    auto saved = post(*admin, "/staff/card",
                      "account=" + id("lebedeva.as") +
                          "&last_name=Лебедева&first_name=Анна&middle_name=Сергеевна"
                          "&birth_date=01.02.1985&gender=Ж&snils=126-853-671%2084"
                          "&email=lebedeva@example.org&phone=%2B7%20900%20000-00-02");
    EXPECT_EQ(saved.status, 303);
    auto after = admin->get(saved.location);
    EXPECT_TRUE(contains(after.body, "Карточка сохранена."));
    EXPECT_TRUE(contains(after.body, "id=\"auto-link-ready\""));
    EXPECT_EQ(audits("action = 'card.change' AND outcome = 'ok'"), 1);
    EXPECT_GE(audits("action = 'card.view' AND outcome = 'ok'"), 2);
    // No SNILS in the audit log, ever.
    EXPECT_EQ(audits("subject LIKE '%126%' OR outcome LIKE '%126%'"), 0);
    EsiaBrowser again(portal->port(), stand.port());
    auto in = again.signIn("parent", "lebedeva@example.org");
    EXPECT_EQ(in.status, 303);
    EXPECT_EQ(in.location, "/main?notice=linked");
    // And staff can take the link away again: whoever came in through it is signed out.
    EXPECT_TRUE(contains(admin->get("/staff/card?account=" + id("lebedeva.as")).body,
                         "id=\"esia-linked\""));
    EXPECT_EQ(again.portal().get("/main").status, 200);
    EXPECT_EQ(post(*admin, "/staff/card/unlink", "account=" + id("lebedeva.as")).status, 303);
    EXPECT_EQ(portal->database().count("esia_links"), 0);
    EXPECT_EQ(again.portal().get("/main").status, 303);
}

TEST_F(StaffToolsTest, ATemporaryPasswordMustBeChangedAndExpiresAfterThreeDays) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    auto slip = post(*admin, "/staff/card/password", "account=" + id("lebedev.ka"));
    std::string password = slipPassword(slip.body);
    ASSERT_EQ(password.size(), 10u);
    EXPECT_TRUE(contains(slip.body, "lebedev.ka"));
    EXPECT_EQ(audits("action = 'password.issue'"), 1);
    EXPECT_EQ(audits("outcome LIKE '%" + password + "%' OR subject LIKE '%" + password + "%'"), 0);

    HttpClient student(portal->port());
    auto in = student.signIn(portal->organizationId("org-g1"), "lebedev.ka", password);
    EXPECT_EQ(in.status, 303);
    EXPECT_EQ(student.get("/main").location, "/settings?required=1");
    // The old password stopped working when the new one was issued.
    HttpClient old(portal->port());
    EXPECT_EQ(old.signIn(portal->organizationId("org-g1"), "lebedev.ka", "Uchenik-2025").status,
              401);

    auto second =
        slipPassword(post(*admin, "/staff/card/password", "account=" + id("lebedev.ka")).body);
    portal->clock().advance(std::chrono::hours(72) + std::chrono::seconds(1));
    HttpClient late(portal->port());
    auto refused = late.signIn(portal->organizationId("org-g1"), "lebedev.ka", second);
    EXPECT_NE(refused.status, 303);
    EXPECT_TRUE(contains(refused.body, "истёк")) << refused.body;
}

TEST_F(StaffToolsTest, BlockingEndsTheSessionsAndUnblockingLetsThePersonBackIn) {
    auto parent = signedIn("lebedeva.as", "Roditel-2025");
    EXPECT_EQ(parent->get("/main").status, 200);
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    EXPECT_EQ(post(*admin, "/staff/card/block", "account=" + id("lebedeva.as")).status, 303);
    EXPECT_EQ(parent->get("/main").status, 303);  // signed out at once
    HttpClient again(portal->port());
    EXPECT_NE(again.signIn(portal->organizationId("org-g1"), "lebedeva.as", "Roditel-2025").status,
              303);
    EXPECT_EQ(post(*admin, "/staff/card/block", "account=" + id("vorontsova.em")).status, 400);
    EXPECT_EQ(post(*admin, "/staff/card/unblock", "account=" + id("lebedeva.as")).status, 303);
    HttpClient back(portal->port());
    EXPECT_EQ(back.signIn(portal->organizationId("org-g1"), "lebedeva.as", "Roditel-2025").status,
              303);
    EXPECT_EQ(audits("action IN ('account.block', 'account.unblock') AND outcome = 'ok'"), 2);
}

TEST_F(StaffToolsTest, NewAccountsWithinReach) {
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025");
    std::int64_t sixB = 0, fiveA = 0;
    {
        auto s = portal->db().session();
        s << "SELECT id FROM classes WHERE key = 'cls-6b'", Poco::Data::Keywords::into(sixB),
            Poco::Data::Keywords::now;
        s << "SELECT id FROM classes WHERE key = 'cls-5a'", Poco::Data::Keywords::into(fiveA),
            Poco::Data::Keywords::now;
    }
    auto own = post(*sokolov, "/staff/people/new",
                    "role=student&class=" + std::to_string(sixB) +
                        "&last_name=Новикова&first_name=Алиса&birth_date=01.09.2013");
    EXPECT_EQ(own.status, 200);
    EXPECT_TRUE(contains(own.body, "НовиковаА"));
    EXPECT_EQ(slipPassword(own.body).size(), 10u);
    auto other =
        post(*sokolov, "/staff/people/new",
             "role=student&class=" + std::to_string(fiveA) + "&last_name=Новиков&first_name=Борис");
    EXPECT_EQ(other.status, 403);
    auto parent =
        post(*sokolov, "/staff/people/new", "role=parent&last_name=Новикова&first_name=Ирина");
    EXPECT_EQ(parent.status, 403);
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    auto taken = post(*admin, "/staff/people/new",
                      "role=parent&last_name=Новикова&first_name=Ирина&login=lebedeva.as");
    EXPECT_EQ(taken.status, 400);
    EXPECT_TRUE(contains(taken.body, "Такой логин в организации уже есть"));
    auto made =
        post(*admin, "/staff/people/new", "role=parent&last_name=Новикова&first_name=Ирина");
    EXPECT_EQ(made.status, 200);
    // The new mother gets her daughter on the card.
    auto mother = id("НовиковаИ");
    EXPECT_EQ(
        post(*admin, "/staff/card/child", "account=" + mother + "&child=" + id("НовиковаА")).status,
        303);
    auto card = admin->get("/staff/card?account=" + mother);
    EXPECT_TRUE(contains(card.body, "Новикова Алиса"));
    // «Убрать» names the child, not the card it is on.
    std::string child = id("НовиковаА");
    EXPECT_TRUE(contains(card.body, "name=\"child\" value=\"" + child + "\"><button"));
    EXPECT_EQ(
        post(*admin, "/staff/card/child/remove", "account=" + mother + "&child=" + child).status,
        303);
    EXPECT_FALSE(contains(admin->get("/staff/card?account=" + mother).body,
                          "<a href=\"/staff/card?account=" + child + "\">"));
}

TEST_F(StaffToolsTest, PasswordRecoveryByTheCardsEmailEndsEverySession) {
    auto signedInElsewhere = signedIn("orlova.ni", "Roditel-2025");
    HttpClient browser(portal->port());
    auto page = browser.get("/recover");
    EXPECT_EQ(page.status, 200);
    std::string csrf = HttpClient::csrfFrom(page.body);
    auto known = browser.post("/recover", "csrf=" + csrf + "&email=ORLOVA@example.org");
    auto unknown = browser.post("/recover", "csrf=" + csrf + "&email=nobody@example.org");
    EXPECT_EQ(known.status, 200);
    EXPECT_EQ(unknown.status, 200);
    auto text = [](const std::string& html) {
        return html.substr(html.find("<h1>"), html.find("</section>") - html.find("<h1>"));
    };
    EXPECT_EQ(text(known.body), text(unknown.body));  // says nothing about who exists
    EXPECT_EQ(portal->answerRecoveryRequests(), 2);
    EXPECT_EQ(portal->deliverMail(), 1);
    auto mail = sink.waitFor(1);
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_EQ(mail[0].subject, "Восстановление пароля");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(mail[0].text, m,
                                  std::regex("/recover/reset\\?token=([A-Za-z0-9_-]{43})")));
    std::string token = m[1].str();

    auto reset = browser.get("/recover/reset?token=" + token);
    EXPECT_EQ(reset.status, 200);
    EXPECT_TRUE(contains(reset.body, "orlova.ni"));
    csrf = HttpClient::csrfFrom(reset.body);
    auto mismatch =
        browser.post("/recover/reset", "csrf=" + csrf + "&token=" + token +
                                           "&new_password=Novyi-parol-1&repeat_password=other");
    EXPECT_EQ(mismatch.status, 400);
    auto done = browser.post("/recover/reset", "csrf=" + csrf + "&token=" + token +
                                                   "&new_password=Novyi-parol-1"
                                                   "&repeat_password=Novyi-parol-1");
    EXPECT_EQ(done.status, 200);
    EXPECT_TRUE(contains(done.body, "Пароль изменён"));
    EXPECT_EQ(signedInElsewhere->get("/main").status, 303);               // every session ended
    EXPECT_EQ(browser.get("/recover/reset?token=" + token).status, 410);  // used up
    HttpClient old(portal->port());
    EXPECT_EQ(old.signIn(portal->organizationId("org-g1"), "orlova.ni", "Roditel-2025").status,
              401);
    signedIn("orlova.ni", "Novyi-parol-1");
    EXPECT_EQ(browser.get("/recover/reset?token=forged").status, 410);
}

TEST_F(StaffToolsTest, RecoveryAsksTheControlQuestionAndLimitsGuesses) {
    auto parent = signedIn("orlova.ni", "Roditel-2025");
    auto form = parent->get("/settings/control-question");
    EXPECT_EQ(parent
                  ->post("/settings/control-question",
                         "csrf=" + HttpClient::csrfFrom(form.body) +
                             "&question=" + urlEncode("Девичья фамилия матери") +
                             "&answer=" + urlEncode("Иванова"))
                  .status,
              303);
    HttpClient browser(portal->port());
    auto page = browser.get("/recover");
    browser.post("/recover",
                 "csrf=" + HttpClient::csrfFrom(page.body) + "&email=orlova@example.org");
    portal->answerRecoveryRequests();
    portal->deliverMail();
    auto mail = sink.waitFor(1);
    ASSERT_EQ(mail.size(), 1u);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(mail[0].text, m, std::regex("token=([A-Za-z0-9_-]{43})")));
    std::string token = m[1].str();
    auto reset = browser.get("/recover/reset?token=" + token);
    EXPECT_TRUE(contains(reset.body, "Девичья фамилия матери"));
    std::string csrf = HttpClient::csrfFrom(reset.body);
    auto attempt = [&](const std::string& answer) {
        return browser.post("/recover/reset", "csrf=" + csrf + "&token=" + token +
                                                  "&answer=" + urlEncode(answer) +
                                                  "&new_password=Novyi-parol-1"
                                                  "&repeat_password=Novyi-parol-1");
    };
    auto wrong = attempt("Петрова");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_TRUE(contains(wrong.body, "Осталось попыток: 4"));
    EXPECT_EQ(attempt("  иВАНОВА ").status, 200);  // case and spaces do not count
    // Five wrong answers use a link up.
    browser.post("/recover", "csrf=" + csrf + "&email=orlova@example.org");
    portal->answerRecoveryRequests();
    portal->deliverMail();
    mail = sink.waitFor(2);
    ASSERT_EQ(mail.size(), 2u);
    ASSERT_TRUE(std::regex_search(mail[1].text, m, std::regex("token=([A-Za-z0-9_-]{43})")));
    token = m[1].str();
    for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt("нет").status, 400);
    EXPECT_EQ(attempt("нет").status, 410);
    EXPECT_EQ(attempt("Иванова").status, 410);
}

TEST_F(StaffToolsTest, AResetEndsTheAccountsOtherRecoveryLinks) {
    HttpClient browser(portal->port());
    std::string csrf = HttpClient::csrfFrom(browser.get("/recover").body);
    browser.post("/recover", "csrf=" + csrf + "&email=orlova@example.org");
    browser.post("/recover", "csrf=" + csrf + "&email=orlova@example.org");
    portal->answerRecoveryRequests();
    portal->deliverMail();
    auto mail = sink.waitFor(2);
    ASSERT_EQ(mail.size(), 2u);
    std::vector<std::string> tokens;
    for (const auto& m : mail) {
        std::smatch found;
        ASSERT_TRUE(std::regex_search(m.text, found, std::regex("token=([A-Za-z0-9_-]{43})")));
        tokens.push_back(found[1].str());
    }
    EXPECT_EQ(browser
                  .post("/recover/reset", "csrf=" + csrf + "&token=" + tokens[1] +
                                              "&new_password=Novyi-parol-1"
                                              "&repeat_password=Novyi-parol-1")
                  .status,
              200);
    EXPECT_EQ(browser.get("/recover/reset?token=" + tokens[0]).status, 410);
    // Sent letters keep no body: the links are not lying around in the database.
    EXPECT_EQ(portal->database().count("mail_outbox WHERE text_body LIKE '%token=%'"), 0);
}

TEST_F(StaffToolsTest, RecoveryRequestsAreThrottled) {
    HttpClient browser(portal->port());
    std::string csrf = HttpClient::csrfFrom(browser.get("/recover").body);
    int throttled = 0;
    for (int i = 0; i < 12; ++i)
        throttled +=
            browser.post("/recover", "csrf=" + csrf + "&email=orlova@example.org").status == 429;
    EXPECT_GT(throttled, 0);
    portal->answerRecoveryRequests();
    EXPECT_LE(portal->database().count("mail_outbox"), 6);
    EXPECT_EQ(browser.post("/recover", "csrf=" + csrf + "&email=bad").status, 400);
}

TEST_F(StaffToolsTest, TheAdministratorReadsTheSchoolsAuditLogAndExportsIt) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    admin->get("/staff/card?account=" + id("lebedeva.as"));
    auto belova = signedIn("belova.ia", "Admin-2025", "org-ds");
    belova->get("/staff/card?account=" + id("lebedeva.as"));  // denied, in her school's log
    auto log = admin->get("/staff/audit?action=card.");
    EXPECT_EQ(log.status, 200);
    EXPECT_TRUE(contains(log.body, "card.view"));
    EXPECT_FALSE(contains(log.body, "login.password"));
    auto all = admin->get("/staff/audit");
    EXPECT_TRUE(contains(all.body, "login.password"));
    EXPECT_FALSE(contains(all.body, "<td>denied</td>"));
    EXPECT_TRUE(contains(belova->get("/staff/audit").body, "<td>denied</td>"));
    EXPECT_EQ(admin->get("/staff/audit?from=99.99.2026").status, 200);
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025");
    EXPECT_EQ(sokolov->get("/staff/audit").status, 403);

    std::ostringstream csv, jsonl;
    auto n = app::exportAudit(portal->db(), csv, app::AuditFormat::Csv, 0);
    EXPECT_GE(n, 4);
    EXPECT_EQ(
        csv.str().rfind("id,at,action,subject,actor,organization,client_address,outcome\r\n", 0),
        0u);
    EXPECT_TRUE(contains(csv.str(), ",card.view,account:" + id("lebedeva.as") + ","));
    EXPECT_EQ(app::exportAudit(portal->db(), jsonl, app::AuditFormat::JsonLines, 0), n);
    EXPECT_TRUE(contains(jsonl.str(), "\"action\":\"card.view\""));
    std::ostringstream later;
    EXPECT_EQ(app::exportAudit(portal->db(), later, app::AuditFormat::JsonLines,
                               portal->clock().unixSeconds() + 86400),
              0);
}

TEST_F(StaffToolsTest, RefusedCardActionsSayWhyAndChangeNothing) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    auto self = post(*admin, "/staff/card/block", "account=" + id("vorontsova.em"));
    EXPECT_EQ(self.status, 400);
    EXPECT_TRUE(contains(self.body, "Свою учётную запись заблокировать нельзя."));
    auto relations = portal->database().count("person_relations");
    auto teacher = post(*admin, "/staff/card/child",
                        "account=" + id("orlova.ni") + "&child=" + id("sokolov.pi"));
    EXPECT_EQ(teacher.status, 400);
    EXPECT_TRUE(contains(teacher.body, "Связать можно родителя и обучающегося."));
    auto unknown =
        post(*admin, "/staff/card/child", "account=" + id("orlova.ni") + "&child=999999");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_TRUE(contains(unknown.body, "Выберите обучающегося из списка."));
    EXPECT_EQ(portal->database().count("person_relations"), relations);
    EXPECT_EQ(audits("action IN ('account.block', 'card.relation') AND outcome = 'ok'"), 0);
}

TEST_F(StaffToolsTest, TheNewAccountFormNamesTheWrongField) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    std::string name = "&last_name=Новикова&first_name=Ирина";
    struct Case {
        std::string fields, message;
    };
    std::vector<Case> cases{
        {"role=administrator" + name, "Выберите роль."},
        {"role=student&class=" + name, "Выберите класс."},
        {"role=parent&login=" + urlEncode("два слова") + name,
         "Логин: до 40 символов, без пробелов и кавычек."},
    };
    auto users = portal->database().count("users");
    for (const auto& c : cases) {
        auto r = post(*admin, "/staff/people/new", c.fields);
        EXPECT_EQ(r.status, 400) << c.fields;
        EXPECT_TRUE(contains(r.body, "class=\"field-error\">" + c.message + "<")) << c.fields;
    }
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025");
    auto colleague = post(*sokolov, "/staff/people/new", "role=teacher" + name);
    EXPECT_EQ(colleague.status, 400);
    EXPECT_TRUE(contains(colleague.body,
                         "class=\"field-error\">Учётную запись сотрудника "
                         "создаёт администратор.<"));
    EXPECT_EQ(portal->database().count("users"), users);
}
