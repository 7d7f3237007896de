// «Объявления» over HTTP (issue #10), on both databases: the administration posts to the whole
// school or to chosen classes with a CSRF-protected form; students and parents read what is
// addressed to them; bad input and strangers change nothing; every post is audited.
#include <gtest/gtest.h>

#include "support/JournalFixture.h"
#include "support/TestPortal.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class AnnouncementsHttp : public ::testing::Test {
  protected:
    TestPortal portal;
    JournalFixture f;

    void SetUp() override {
        portal.import(kMoreStaffCsv);
        f = JournalFixture::build(portal.db());
    }
    std::unique_ptr<HttpClient> signedIn(const std::string& login, const std::string& password) {
        auto c = std::make_unique<HttpClient>(portal.port());
        EXPECT_EQ(c->signIn(portal.organizationId("org-g1"), login, password).status, 303) << login;
        return c;
    }
    // The administrator of the gymnasium (vorontsova.em is teacher and administrator).
    std::unique_ptr<HttpClient> admin() { return signedIn("vorontsova.em", "Uchitel-2025"); }
    static HttpClient::Response post(HttpClient& c, const std::string& body) {
        std::string csrf = HttpClient::csrfFrom(c.get("/staff/announcements").body);
        return c.post("/staff/announcements", "csrf=" + csrf + "&" + body);
    }
    std::int64_t count(const std::string& table) { return portal.database().count(table); }
};

}  // namespace

TEST_F(AnnouncementsHttp, AClassAnnouncementReachesThatClassOnly) {
    auto a = admin();
    auto whole = post(*a, "title=" + urlEncode("Родительское собрание") + "&body=" +
                              urlEncode("В четверг в 18:00, актовый зал.") + "&audience=whole");
    ASSERT_EQ(whole.status, 303) << whole.body;
    EXPECT_EQ(whole.location, "/staff/announcements?done=posted");
    portal.clock().advance(std::chrono::minutes(5));
    auto sixth = post(*a, "title=" + urlEncode("Экскурсия 6Б") +
                              "&body=" + urlEncode("Сбор у школы в 9:00.") +
                              "&audience=classes&class_" + std::to_string(f.class6b) + "=1");
    ASSERT_EQ(sixth.status, 303) << sixth.body;

    auto orlova = signedIn("orlova.di", "Uchenik-2025")->get("/diary/announcements");
    ASSERT_EQ(orlova.status, 200);
    auto excursion = orlova.body.find("Экскурсия 6Б"),
         meeting = orlova.body.find("Родительское собрание");
    ASSERT_NE(excursion, std::string::npos);
    ASSERT_NE(meeting, std::string::npos);
    EXPECT_LT(excursion, meeting);  // newest first
    EXPECT_TRUE(contains(orlova.body, "Воронцова Е. М."));

    auto kirill = signedIn("lebedev.ka", "Uchenik-2025")->get("/diary/announcements");
    EXPECT_TRUE(contains(kirill.body, "Родительское собрание"));
    EXPECT_FALSE(contains(kirill.body, "Экскурсия 6Б"));
    auto mother = signedIn("orlova.ni", "Roditel-2025")->get("/diary/announcements");
    EXPECT_TRUE(contains(mother.body, "Экскурсия 6Б"));

    auto board = a->get("/staff/announcements");
    EXPECT_TRUE(contains(board.body, "Классы: 6Б"));
    EXPECT_TRUE(contains(board.body, "Вся организация"));
    EXPECT_EQ(count("audit_events WHERE action = 'announcement.post' AND outcome = 'ok'"), 2);
}

TEST_F(AnnouncementsHttp, BadInputIsToldInRussianAndWritesNothing) {
    auto a = admin();
    struct Case {
        std::string body, text;
    };
    std::vector<Case> cases{
        {"title=&body=x&audience=whole", "Укажите заголовок объявления."},
        {"title=%20%20&body=x&audience=whole", "Укажите заголовок объявления."},
        {"title=x&body=&audience=whole", "Введите текст объявления."},
        {"title=" + std::string(201, 'a') + "&body=x&audience=whole", "не более 200 символов"},
        {"title=x&body=" + std::string(5001, 'a') + "&audience=whole", "не более 5000 символов"},
        {"title=x&body=x&audience=classes", "Выберите хотя бы один класс"},
        {"title=x&body=x&audience=everyone", "Укажите, кому адресовано объявление"},
        {"title=x&body=x", "Укажите, кому адресовано объявление"},
    };
    for (const auto& c : cases) {
        auto r = post(*a, c.body);
        EXPECT_EQ(r.status, 400) << c.body;
        EXPECT_TRUE(contains(r.body, c.text)) << c.body << "\n" << r.body;
    }
    // The typed text comes back, so nothing is lost.
    auto kept = post(*a, "title=" + urlEncode("Черновик") + "&body=&audience=whole");
    EXPECT_TRUE(contains(kept.body, "value=\"Черновик\""));
    auto forged = a->post("/staff/announcements", "csrf=forged&title=x&body=x&audience=whole");
    EXPECT_EQ(forged.status, 403);
    EXPECT_TRUE(contains(forged.body, "Форма устарела"));
    EXPECT_EQ(count("announcements"), 0);
    EXPECT_EQ(count("audit_events WHERE action = 'announcement.post'"), 0);
}

TEST_F(AnnouncementsHttp, OnlyTheAdministrationPosts) {
    auto teacher = signedIn("sokolov.pi", "Uchitel-2025");
    auto page = teacher->get("/staff/announcements");
    EXPECT_EQ(page.status, 403);
    EXPECT_TRUE(contains(page.body, "Объявления публикует администрация"));
    std::string csrf = HttpClient::csrfFrom(teacher->get("/settings").body);
    auto r =
        teacher->post("/staff/announcements", "csrf=" + csrf + "&title=x&body=x&audience=whole");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(count("announcements"), 0);
    EXPECT_EQ(count("audit_events WHERE action = 'announcement.post' AND outcome = 'denied'"), 1);
    auto student = signedIn("lebedev.ka", "Uchenik-2025");
    EXPECT_EQ(student->get("/staff/announcements").status, 403);
}

TEST_F(AnnouncementsHttp, AnImportedAnnouncementReachesItsClassesAndTheBoard) {
    portal.import(
        "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,"
        "email,phone,login,password,roles,class,title,text,date\n"
        "announcement,,org-g1,,,,,,,,,,,vorontsova.em,,,cls-6b,Экскурсия 6Б,\"Сбор у школы,\n"
        "в 9:00.\",20.11.2026\n");
    auto orlova = signedIn("orlova.di", "Uchenik-2025")->get("/diary/announcements");
    ASSERT_EQ(orlova.status, 200);
    EXPECT_TRUE(contains(orlova.body, "Экскурсия 6Б")) << orlova.body;
    EXPECT_TRUE(contains(orlova.body, "20.11.2026 00:00"));
    EXPECT_FALSE(contains(signedIn("lebedev.ka", "Uchenik-2025")->get("/diary/announcements").body,
                          "Экскурсия 6Б"));
    EXPECT_TRUE(contains(admin()->get("/staff/announcements").body, "Экскурсия 6Б"));
}
