// «Обратиться в организацию» end to end over HTTP: a parent whom Gosuslugi sign-in did not
// find files an appeal, the letter reaches a real SMTP server, school staff decide within
// their reach, and the parent's next Gosuslugi sign-in gets in.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "flows/PeopleImport.h"
#include "store/AuditLog.h"
#include "support/StaffPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class AppealsTest : public StaffPortalTest {
  protected:
    std::int64_t classId(const std::string& key) {
        return idOf("SELECT id FROM classes WHERE key = '" + key + "'");
    }
    std::int64_t idOf(const std::string& sql) {
        auto s = portal->db().session();
        std::int64_t id = 0;
        s << sql, Poco::Data::Keywords::into(id), Poco::Data::Keywords::now;
        return id;
    }
    static std::string flowOf(const HttpClient::Response& notFound) {
        auto at = notFound.body.find("/appeals/new?flow=");
        return at == std::string::npos ? "" : notFound.body.substr(at + 18, 43);
    }
    // The parent of the fixture (her card has no SNILS): «Запись не найдена» → the form.
    std::string startAppeal(EsiaBrowser& b, const std::string& role = "parent",
                            const std::string& login = "lebedeva@example.org") {
        auto notFound = b.signIn(role, login);
        EXPECT_EQ(notFound.status, 404);
        return flowOf(notFound);
    }
    HttpClient::Response submit(EsiaBrowser& b, const std::string& flow,
                                const std::string& fields) {
        auto form = b.portal().get("/appeals/form?flow=" + flow);
        return b.portal().post(
            "/appeals", "csrf=" + HttpClient::csrfFrom(form.body) + "&flow=" + flow + "&" + fields);
    }
    std::string goodFields(const std::string& classKey = "cls-5a",
                           const std::string& comment = "Прошу открыть доступ") {
        return "type=general&organization=" + std::to_string(portal->organizationId("org-g1")) +
               "&class=" + std::to_string(classId(classKey)) +
               "&child=0&comment=" + urlEncode(comment);
    }
    static std::string numberIn(const std::string& html) {
        std::smatch m;
        std::regex re("А-[0-9]{9}-[0-9]{2}-[0-9]{2}");
        return std::regex_search(html, m, re) ? m.str() : "";
    }
    std::int64_t appealId(const std::string& number) {
        return idOf("SELECT id FROM appeals WHERE number = '" + number + "'");
    }
    std::string status(const std::string& number) {
        auto s = portal->db().session();
        std::string st;
        s << "SELECT status FROM appeals WHERE number = '" + number + "'",
            Poco::Data::Keywords::into(st), Poco::Data::Keywords::now;
        return st;
    }
    HttpClient::Response decide(HttpClient& c, const std::string& action, std::int64_t appeal,
                                const std::string& extra = "") {
        auto page = c.get("/staff/appeal?id=" + std::to_string(appeal));
        std::string csrf = HttpClient::csrfFrom(page.body);
        if (csrf.empty()) csrf = HttpClient::csrfFrom(c.get("/settings").body);
        return c.post("/staff/appeal/" + action,
                      "csrf=" + csrf + "&id=" + std::to_string(appeal) + extra);
    }
    std::string filedAppeal(const std::string& classKey = "cls-5a",
                            const std::string& comment = "Прошу открыть доступ") {
        auto b = browser();
        auto created = submit(*b, startAppeal(*b), goodFields(classKey, comment));
        EXPECT_EQ(created.status, 201) << created.body;
        return numberIn(created.body);
    }
};

}  // namespace

TEST_F(AppealsTest, ParentNotFoundFilesAnAppealAndGetsTheLetter) {
    auto b = browser();
    std::string flow = startAppeal(*b);
    ASSERT_FALSE(flow.empty());
    auto intro = b->portal().get("/appeals/new?flow=" + flow);
    EXPECT_EQ(intro.status, 200);
    EXPECT_TRUE(contains(intro.body,
                         "Действительно ли у Вас есть проблема входа в систему через Госуслуги?"));
    EXPECT_TRUE(contains(intro.body, "Продолжить"));
    auto form = b->portal().get("/appeals/form?flow=" + flow);
    EXPECT_TRUE(contains(form.body, "Лебедева Анна Сергеевна"));
    EXPECT_TRUE(contains(form.body, "lebedeva@example.org"));
    EXPECT_TRUE(contains(form.body, "Лебедев Кирилл Андреевич"));
    EXPECT_TRUE(contains(form.body, "Сначала выберите тип организации"));
    EXPECT_TRUE(
        contains(form.body, "Информация была получена из Вашего профиля на портале Госуслуги."));

    auto created = submit(*b, flow, goodFields());
    EXPECT_EQ(created.status, 201);
    std::string number = numberIn(created.body);
    ASSERT_FALSE(number.empty()) << created.body;
    EXPECT_TRUE(contains(created.body, "Успешно создано обращение №<span id=\"appeal-number\">" +
                                           number + "</span>"));
    EXPECT_TRUE(contains(created.body, "уведомление на электронную почту lebedeva@example.org"));
    EXPECT_EQ(portal->database().count("mail_outbox WHERE status = 'pending'"), 1);

    EXPECT_EQ(portal->deliverMail(), 1);
    auto mail = sink.waitFor(1);
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_EQ(mail[0].subject, "Успешно создан запрос получения доступа в систему");
    EXPECT_TRUE(contains(mail[0].text, "Вашему обращению присвоен номер " + number));
    EXPECT_TRUE(contains(mail[0].to, "lebedeva@example.org"));
}

TEST_F(AppealsTest, ADoubleClickOrASecondTabMakesOneAppeal) {
    auto b = browser();
    std::string flow = startAppeal(*b);
    std::string fields = goodFields();
    auto first = submit(*b, flow, fields);
    auto second = submit(*b, flow, fields);
    EXPECT_EQ(first.status, 201);
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(numberIn(first.body), numberIn(second.body));
    EXPECT_TRUE(contains(second.body, "Такое обращение уже подано"));
    // Two tabs at the same moment.
    auto other = browser();
    std::string otherFlow = startAppeal(*other);
    std::string a, c;
    std::thread t1([&] { a = numberIn(submit(*other, otherFlow, fields).body); });
    std::thread t2([&] { c = numberIn(submit(*other, otherFlow, fields).body); });
    t1.join();
    t2.join();
    EXPECT_EQ(a, numberIn(first.body));
    EXPECT_EQ(c, numberIn(first.body));
    EXPECT_EQ(portal->database().count("appeals"), 1);
    EXPECT_EQ(portal->database().count("mail_outbox"), 1);
}

TEST_F(AppealsTest, MailServerDownDuringSubmitKeepsTheAppealAndSendsLater) {
    sink.stop();
    std::string number = filedAppeal();
    EXPECT_FALSE(number.empty());
    EXPECT_EQ(portal->deliverMail(), 0);
    EXPECT_EQ(portal->database().count("appeals"), 1);
    EXPECT_EQ(portal->database().count("mail_outbox WHERE status = 'pending'"), 1);
    sink.start();
    portal->clock().advance(std::chrono::seconds(31));
    EXPECT_EQ(portal->deliverMail(), 1);
    auto mail = sink.waitFor(1);
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_TRUE(contains(mail[0].text, number));
}

// The number carries the month in the region's clock: 23:30 UTC on 30.11 is already December
// in Томск (+07:00).
TEST_F(AppealsTest, TheNumbersMonthIsTheRegions) {
    web::PortalSettings tomsk;
    tomsk.timeZone = *domain::UtcOffset::parse("+07:00");
    EsiaOptions options;
    options.stand = &stand;
    portal.reset();
    portal = std::make_unique<TestPortal>(tomsk, options, MailOptions{sink.port()});
    std::int64_t lateOn30th =
        domain::CalendarDate::parse("30.11.2026")->unixSeconds() + 23 * 3600 + 30 * 60;
    portal->clock().advance(std::chrono::seconds(lateOn30th - portal->clock().unixSeconds()));
    std::string number = filedAppeal();
    ASSERT_FALSE(number.empty());
    EXPECT_EQ(number.substr(number.size() - 3), "-12") << number;
}

TEST_F(AppealsTest, BadInputInEveryFieldIsRefusedAndNothingIsWritten) {
    auto b = browser();
    std::string flow = startAppeal(*b);
    std::string org = std::to_string(portal->organizationId("org-g1"));
    std::string kindergarten = std::to_string(portal->organizationId("org-ds"));
    std::string cls = std::to_string(classId("cls-5a"));
    struct Case {
        std::string fields, field;
    };
    std::vector<Case> cases{
        {"type=&organization=" + org + "&class=" + cls + "&child=0", "Выберите тип организации"},
        {"type=authority&organization=" + org + "&class=" + cls + "&child=0",
         "Выберите тип организации"},
        {"type=general&organization=" + kindergarten + "&class=" + cls + "&child=0",
         "Выберите организацию из списка"},
        {"type=general&organization=999999&class=" + cls + "&child=0",
         "Выберите организацию из списка"},
        {"type=general&organization=abc&class=" + cls + "&child=0",
         "Выберите организацию из списка"},
        {"type=general&organization=" + org + "&class=999999&child=0", "Выберите класс из списка"},
        {"type=general&organization=" + org + "&class=&child=0", "Выберите класс из списка"},
        {"type=general&organization=" + org + "&class=" + cls + "&child=7", "Выберите ребёнка"},
        {"type=general&organization=" + org + "&class=" + cls + "&child=-1", "Выберите ребёнка"},
        {"type=general&organization=" + org + "&class=" + cls +
             "&child=0&comment=" + std::string(2001, 'a'),
         "длиннее 2000 символов"},
        {"type=general&organization=" + org + "&class=" + cls + "&child=0&comment=%01bell",
         "недопустимые управляющие символы"},
    };
    for (const auto& c : cases) {
        auto r = submit(*b, flow, c.fields);
        EXPECT_EQ(r.status, 400) << c.fields;
        EXPECT_TRUE(contains(r.body, c.field)) << c.fields;
    }
    auto invalidUtf8 = submit(*b, flow, goodFields() + "%C3%28");
    EXPECT_EQ(invalidUtf8.status, 400);
    auto forged = b->portal().post("/appeals",
                                   "csrf=" + HttpClient::csrfFrom(b->portal().get("/login").body) +
                                       "&flow=forged&" + goodFields());
    EXPECT_EQ(forged.status, 400);
    EXPECT_TRUE(contains(forged.body, "Сеанс входа"));
    auto noCsrf = b->portal().post("/appeals", "flow=" + flow + "&" + goodFields());
    EXPECT_EQ(noCsrf.status, 403);
    auto huge = b->portal().post("/appeals", "csrf=x&comment=" + std::string(64 * 1024, 'a'));
    EXPECT_EQ(huge.status, 413);
    EXPECT_EQ(portal->database().count("appeals"), 0);
    EXPECT_EQ(portal->database().count("mail_outbox"), 0);
}

// The message under one field of the form (after its select or textarea), or "".
std::string fieldError(const std::string& page, const std::string& field) {
    auto at = page.find("id=\"" + field + "\"");
    if (at == std::string::npos) return "";
    auto end = page.find(field == "comment" ? "</textarea>" : "</select>", at);
    if (end == std::string::npos) return "";
    end = page.find('>', end) + 1;
    const std::string open = "\n<p class=\"field-error\">";
    if (page.compare(end, open.size(), open) != 0) return "";
    auto from = end + open.size();
    return page.substr(from, page.find("</p>", from) - from);
}

TEST_F(AppealsTest, EachFieldsProblemIsSaidAtThatField) {
    auto b = browser();
    std::string flow = startAppeal(*b);
    std::string org = std::to_string(portal->organizationId("org-g1"));
    std::string cls = std::to_string(classId("cls-5a"));
    struct Case {
        std::string fields, field, text;
    };
    std::vector<Case> cases{
        {"type=&organization=" + org + "&class=" + cls + "&child=0", "type",
         "Выберите тип организации."},
        {"type=general&organization=&class=" + cls + "&child=0", "organization",
         "Выберите организацию из списка."},
        {"type=general&organization=" + org + "&class=&child=0", "class",
         "Выберите класс из списка."},
        {"type=general&organization=" + org + "&class=" + cls + "&child=", "child",
         "Выберите ребёнка."},
        {"type=general&organization=" + org + "&class=" + cls +
             "&child=0&comment=" + std::string(2001, 'a'),
         "comment", "Комментарий длиннее 2000 символов. Сократите его."},
    };
    for (const auto& c : cases) {
        auto r = submit(*b, flow, c.fields);
        EXPECT_EQ(r.status, 400) << c.fields;
        EXPECT_TRUE(contains(r.body, "Проверьте поля формы.")) << c.fields;
        for (const char* field : {"type", "organization", "class", "child", "comment"})
            EXPECT_EQ(fieldError(r.body, field), field == c.field ? c.text : "")
                << c.fields << " at " << field;
    }
    EXPECT_EQ(portal->database().count("appeals"), 0);
}

TEST_F(AppealsTest, WithoutAnEmailInTheProfileTheFormAsksToCompleteItFirst) {
    auto b = browser();
    std::string flow = startAppeal(*b, "staff", "+79000000006");
    ASSERT_FALSE(flow.empty());
    auto form = b->portal().get("/appeals/form?flow=" + flow);
    EXPECT_TRUE(contains(form.body, "заполнить сведения по учетной записи"));
    EXPECT_TRUE(contains(form.body, "id=\"send\" disabled"));
    auto r = submit(
        *b, flow, "type=general&organization=" + std::to_string(portal->organizationId("org-g1")));
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(portal->database().count("appeals"), 0);
}

TEST_F(AppealsTest, StaffSeeTheCommentAsTextBesideTheClosestPeople) {
    std::string number = filedAppeal("cls-5a", "<script>alert(1)</script> Кирилл в 5А");
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    auto list = admin->get("/staff/appeals");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, number));
    auto detail = admin->get("/staff/appeal?id=" + std::to_string(appealId(number)));
    EXPECT_EQ(detail.status, 200);
    EXPECT_TRUE(contains(detail.body, "&lt;script&gt;alert(1)&lt;/script&gt; Кирилл в 5А"));
    EXPECT_FALSE(contains(detail.body, "<script>alert"));
    EXPECT_TRUE(contains(detail.body, "lebedeva.as"));  // the card that almost matches
    EXPECT_TRUE(contains(detail.body, "126-853-671 84"));
    EXPECT_GE(
        portal->database().count("audit_events WHERE action = 'appeal.view' AND outcome = 'ok'"),
        1);
}

TEST_F(AppealsTest, CorrectingTheCardLetsTheNextGosuslugiSignInLinkItself) {
    std::string number = filedAppeal();
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    auto account = portal->accountId("org-g1", "lebedeva.as");
    auto r = decide(*admin, "card", appealId(number), "&account=" + std::to_string(account));
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(status(number), "resolved");
    portal->deliverMail();
    auto mail = sink.waitFor(2);
    ASSERT_EQ(mail.size(), 2u);
    EXPECT_EQ(mail[1].subject, "Обращение №" + number + ": проблема решена");
    auto b = browser();
    auto in = b->signIn("parent", "lebedeva@example.org");
    EXPECT_EQ(in.status, 303);
    EXPECT_EQ(in.location, "/main?notice=linked");
}

TEST_F(AppealsTest, LinkingDirectlySignsTheApplicantInNextTime) {
    std::string number = filedAppeal();
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    auto account = portal->accountId("org-g1", "lebedeva.as");
    EXPECT_EQ(
        decide(*admin, "link", appealId(number), "&account=" + std::to_string(account)).status,
        303);
    EXPECT_EQ(portal->database().count("esia_links WHERE created_by LIKE 'staff:%'"), 1);
    auto b = browser();
    EXPECT_EQ(b->signIn("parent", "lebedeva@example.org").location, "/main");
    // Decided once: a second decision is refused and changes nothing.
    auto again = decide(*admin, "reject", appealId(number), "&reason=x");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(status(number), "resolved");
}

TEST_F(AppealsTest, CreatingTheMissingAccountLinksItAndTheChild) {
    std::string number = filedAppeal();
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    auto before = portal->database().count("users");
    EXPECT_EQ(decide(*admin, "create", appealId(number)).status, 303);
    EXPECT_EQ(portal->database().count("users"), before + 1);
    auto created = portal->accountId("org-g1", "ЛебедеваАС");
    EXPECT_EQ(portal->database().count("esia_links WHERE user_id = " + std::to_string(created)), 1);
    EXPECT_EQ(portal->database().count(
                  "person_relations r JOIN users u ON u.person_id = r.parent_person_id"
                  " WHERE u.id = " +
                  std::to_string(created)),
              1);
    auto b = browser();
    auto in = b->signIn("parent", "lebedeva@example.org");
    EXPECT_EQ(in.status, 303);
    auto main = b->portal().get("/main");
    EXPECT_TRUE(contains(main.body, "Лебедев Кирилл Андреевич"));
}

TEST_F(AppealsTest, RejectionNeedsAReasonAndTheApplicantReadsIt) {
    std::string number = filedAppeal();
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    auto empty = decide(*admin, "reject", appealId(number), "&reason=%20%20");
    EXPECT_EQ(empty.status, 400);
    EXPECT_TRUE(contains(empty.body, "Укажите причину"));
    EXPECT_EQ(status(number), "new");
    std::string reason = "Подойдите в школу с паспортом & свидетельством о рождении";
    EXPECT_EQ(decide(*admin, "reject", appealId(number), "&reason=" + urlEncode(reason)).status,
              303);
    EXPECT_EQ(status(number), "rejected");
    portal->deliverMail();
    auto mail = sink.waitFor(2);
    ASSERT_EQ(mail.size(), 2u);
    EXPECT_EQ(mail[1].subject, "Обращение №" + number + " отклонено");
    EXPECT_TRUE(contains(mail[1].text, "Причина: " + reason));
    EXPECT_TRUE(contains(mail[1].html, "Подойдите в школу с паспортом &amp; свидетельством"));
    // The applicant sees the decision on their next Gosuslugi sign-in.
    auto b = browser();
    auto notFound = b->signIn("parent", "lebedeva@example.org");
    EXPECT_TRUE(contains(notFound.body, number));
    EXPECT_TRUE(contains(notFound.body, "Отклонено"));
}

TEST_F(AppealsTest, AClassTeacherDecidesForTheirClassOnly) {
    std::string ownClass = filedAppeal("cls-6b");
    std::string otherClass;
    {
        // The same parent, another child slot: a second open appeal needs another key, so
        // the 5А appeal is filed by the teacher of the fixture instead.
        auto b = browser();
        auto flow = startAppeal(*b, "staff", "typo@example.org");
        auto r =
            submit(*b, flow,
                   "type=general&organization=" + std::to_string(portal->organizationId("org-g1")));
        otherClass = numberIn(r.body);
    }
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025", "org-g1");
    auto list = sokolov->get("/staff/appeals");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, ownClass));
    EXPECT_FALSE(contains(list.body, otherClass));
    auto foreign = sokolov->get("/staff/appeal?id=" + std::to_string(appealId(otherClass)));
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(decide(*sokolov, "reject", appealId(otherClass), "&reason=no").status, 404);
    EXPECT_EQ(status(otherClass), "new");
    EXPECT_GE(
        portal->database().count("audit_events WHERE action IN ('appeal.view', 'appeal.reject')"
                                 " AND outcome = 'denied'"),
        2);
    // Lebedeva's card is not in 6Б: he cannot act on it, but he can reject.
    auto account = portal->accountId("org-g1", "lebedeva.as");
    EXPECT_EQ(
        decide(*sokolov, "link", appealId(ownClass), "&account=" + std::to_string(account)).status,
        400);
    EXPECT_EQ(decide(*sokolov, "reject", appealId(ownClass), "&reason=" + urlEncode("Не наш класс"))
                  .status,
              303);
}

TEST_F(AppealsTest, OtherStaffCannotReachTheAppeal) {
    std::string number = filedAppeal();
    std::string id = std::to_string(appealId(number));
    // A teacher without a class has no appeals at all.
    auto morozova = signedIn("morozova.on", "Uchitel-2025", "org-g1");
    EXPECT_EQ(morozova->get("/staff/appeals").status, 403);
    EXPECT_EQ(morozova->get("/staff/appeal?id=" + id).status, 404);
    // Another organization's administrator: not found, by URL or by form.
    auto belova = signedIn("belova.ia", "Admin-2025", "org-ds");
    EXPECT_EQ(belova->get("/staff/appeal?id=" + id).status, 404);
    EXPECT_EQ(decide(*belova, "create", appealId(number)).status, 404);
    // The municipality's education authority reads, and cannot decide.
    auto authority = signedIn("nikitina.vg", "Uprav-2025", "org-uo");
    auto list = authority->get("/staff/appeals?organization=" +
                               std::to_string(portal->organizationId("org-g1")));
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, number));
    EXPECT_FALSE(contains(authority->get("/staff/appeals").body, number));  // none chosen yet
    auto seen = authority->get("/staff/appeal?id=" + id);
    EXPECT_EQ(seen.status, 200);
    EXPECT_FALSE(contains(seen.body, "id=\"reject\""));
    EXPECT_EQ(decide(*authority, "reject", appealId(number), "&reason=x").status, 403);
    // A parent signed in with a password has no staff tools.
    auto parent = signedIn("lebedeva.as", "Roditel-2025", "org-g1");
    EXPECT_EQ(parent->get("/staff/appeals").status, 403);
    EXPECT_EQ(parent->get("/staff/appeal?id=" + id).status, 404);
    EXPECT_EQ(status(number), "new");
    EXPECT_EQ(portal->database().count("esia_links"), 0);
}

TEST_F(AppealsTest, AFailedLetterIsShownToTheAdministratorAndCanBeSentAgain) {
    sink.stop();
    filedAppeal();
    {
        auto s = portal->db().session();
        s << "UPDATE mail_outbox SET status = 'failed', last_error = 'SMTP 550 rejected'",
            Poco::Data::Keywords::now;
    }
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    EXPECT_TRUE(contains(admin->get("/staff/appeals").body, "Есть недоставленные письма"));
    auto page = admin->get("/staff/mail");
    EXPECT_TRUE(contains(page.body, "lebedeva@example.org"));
    EXPECT_TRUE(contains(page.body, "SMTP 550 rejected"));
    auto mailId = idOf("SELECT id FROM mail_outbox");
    auto retry = admin->post("/staff/mail/retry", "csrf=" + HttpClient::csrfFrom(page.body) +
                                                      "&id=" + std::to_string(mailId));
    EXPECT_EQ(retry.status, 303);
    sink.start();
    EXPECT_EQ(portal->deliverMail(), 1);
    EXPECT_EQ(sink.waitFor(1).size(), 1u);
    // Another organization's administrator sees none of it.
    auto belova = signedIn("belova.ia", "Admin-2025", "org-ds");
    EXPECT_FALSE(contains(belova->get("/staff/mail").body, "lebedeva@example.org"));
}

TEST_F(AppealsTest, RefusedDecisionsSayWhyAndChangeNothing) {
    std::string number = filedAppeal("cls-6b");
    std::int64_t id = appealId(number);
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    auto stranger = decide(*admin, "link", id, "&account=999999");
    EXPECT_EQ(stranger.status, 400);
    EXPECT_TRUE(contains(stranger.body, "Выберите пользователя из списка."));
    auto tooLong = decide(*admin, "reject", id, "&reason=" + std::string(1001, 'a'));
    EXPECT_EQ(tooLong.status, 400);
    EXPECT_TRUE(contains(tooLong.body, "Причина длиннее 1000 символов. Сократите её."));
    // Morozova's parent account shares its card with her staff account: not his to correct.
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025", "org-g1");
    auto shared = decide(*sokolov, "card", id,
                         "&account=" + std::to_string(portal->accountId("org-g1", "morozova.rod")));
    EXPECT_EQ(shared.status, 409);
    EXPECT_TRUE(contains(shared.body,
                         "Этот человек есть и в другой организации или классе: его карточку "
                         "исправляет администратор. Свяжите учётную запись напрямую."));
    EXPECT_EQ(status(number), "new");
    EXPECT_EQ(portal->database().count("esia_links"), 0);
    EXPECT_EQ(decide(*admin, "reject", id, "&reason=x").status, 303);
    auto again = decide(*admin, "reject", id, "&reason=y");
    EXPECT_EQ(again.status, 409);
    EXPECT_TRUE(contains(again.body, "По этому обращению уже принято решение."));
}

TEST_F(AppealsTest, AStaffAppealIsLinkedNeverMadeIntoANewAccount) {
    auto b = browser();
    auto flow = startAppeal(*b, "staff", "typo@example.org");
    auto filed = submit(
        *b, flow, "type=general&organization=" + std::to_string(portal->organizationId("org-g1")));
    std::string number = numberIn(filed.body);
    ASSERT_FALSE(number.empty()) << filed.body;
    auto admin = signedIn("vorontsova.em", "Uchitel-2025", "org-g1");
    auto users = portal->database().count("users");
    auto created = decide(*admin, "create", appealId(number));
    EXPECT_EQ(created.status, 400);
    EXPECT_TRUE(contains(created.body,
                         "Учётную запись сотрудника так не создать: свяжите обращение с "
                         "существующей учётной записью сотрудника."));
    EXPECT_EQ(portal->database().count("users"), users);
    EXPECT_EQ(status(number), "new");
}
