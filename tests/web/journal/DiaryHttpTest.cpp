// «Дневник» over HTTP (issue #10), on both databases: a student's week with times, rooms,
// homework, marks and absences; a parent's children in two schools; what nobody else sees;
// week navigation; term averages; «Просроченные задания»; the main page's glance; bad input.
#include <gtest/gtest.h>

#include "store/DirectoryRepository.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/LessonRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/TeachingRepository.h"
#include "support/JournalFixture.h"
#include "support/TestPortal.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;
using namespace netcity::store::journal;
using domain::journal::MarkEntry;

namespace {

domain::CalendarDate d(const char* iso) {
    return *domain::CalendarDate::parse(iso);
}

// Lebedeva's second child, in another school of the region.
const char* kSecondSchoolCsv =
    "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,"
    "phone,login,password,roles,class\n"
    "organization,org-s2,loc-t,МАОУ СОШ № 2,общеобразовательная,,,,,,,,,,,,\n"
    "class,cls-s2-2v,org-s2,2В,,,,,,,,,,,,,\n"
    "person,p-child2,,,,Лебедева,Мария,Андреевна,01.09.2019,Ж,,,,,,,\n"
    "account,p-child2,org-s2,,,,,,,,,,,lebedeva.ma,Uchenik-2025,student,cls-s2-2v\n"
    "relation,p-child2,p-parent,,,,,,,,,,,,,,\n";

class DiaryHttp : public ::testing::Test {
  protected:
    TestPortal portal;
    JournalFixture f;
    std::int64_t maria = 0;

    void SetUp() override {
        portal.import(kMoreStaffCsv);
        portal.import(kSecondSchoolCsv);
        f = JournalFixture::build(portal.db());
        maria = portal.accountId("org-s2", "lebedeva.ma");
        secondSchoolYear();
        marks();
    }

    // One Friday lesson of «Окружающий мир» at 09:00 in school № 2.
    void secondSchoolYear() {
        auto org = portal.organizationId("org-s2");
        auto s = portal.db().session();
        store::Transaction tx(portal.db(), s);
        auto cls =
            store::DirectoryRepository(portal.db(), s).idByKey("classes", "cls-s2-2v").value();
        domain::journal::SchoolYear year{
            0, "2026/2027", d("2026-09-01"), d("2027-08-31"), domain::journal::TermKind::Trimester,
            {}};
        year.terms = {{0, 1, d("2026-09-01"), d("2026-11-29")},
                      {0, 2, d("2026-12-01"), d("2027-02-28")},
                      {0, 3, d("2027-03-01"), d("2027-05-31")}};
        SchoolYearRepository years(portal.db(), s);
        auto yearId = years.save(org, year);
        years.saveBell(org, 1,
                       {*domain::journal::LessonTime::parse("09:00"),
                        *domain::journal::LessonTime::parse("09:40")});
        auto subject = TeachingRepository(portal.db(), s).subject(org, "Окружающий мир");
        LessonRepository lessons(portal.db(), s);
        lessons.saveSlot(yearId, {cls, 5, 1, subject, maria, "12"});
        lessons.makeLessons(years.year(yearId).value(), cls);
        tx.commit();
    }

    std::int64_t lesson(std::int64_t cls, const char* day, int number) {
        auto s = portal.db().session();
        return LessonRepository(portal.db(), s).lessonAt(cls, d(day), number).value().id;
    }
    std::int64_t type(const char* name) {
        auto s = portal.db().session();
        return GradebookRepository(portal.db(), s).assignmentType(name).value().id;
    }
    std::int64_t give(std::int64_t lessonId, const char* typeName, const char* text,
                      const char* due, int weight) {
        auto typeId = type(typeName);
        auto s = portal.db().session();
        return GradebookRepository(portal.db(), s)
            .addAssignment({0, lessonId, typeId, text, d(due), weight}, f.vorontsova, 1);
    }
    void mark(std::int64_t student, std::int64_t assignment, MarkEntry entry,
              const std::string& comment = "") {
        auto s = portal.db().session();
        GradebookRepository(portal.db(), s)
            .putMark({student, assignment, entry, comment}, f.vorontsova, 1);
    }

    // Week 16.11–21.11 of 5А (today, 22.11, is the Sunday after it).
    std::int64_t homework = 0, test = 0, reading = 0, dictation = 0, answer = 0, next = 0;
    void marks() {
        auto mon = lesson(f.class5a, "2026-11-16", 1), tue = lesson(f.class5a, "2026-11-17", 1);
        auto wed = lesson(f.class5a, "2026-11-18", 1), thu = lesson(f.class5a, "2026-11-19", 2);
        homework = give(mon, "Домашнее задание", "№ 12–15", "2026-11-18", 1);
        answer = give(mon, "Ответ на уроке", "Устный счёт", "2026-11-16", 1);
        reading = give(tue, "Домашнее задание", "Прочитать главу 3", "2026-11-19", 1);
        test = give(wed, "Контрольная работа", "Дроби", "2026-11-18", 3);
        dictation = give(thu, "Диктант", "Словарный диктант", "2026-11-19", 2);
        next = give(thu, "Домашнее задание", "Упражнение 40", "2026-11-23", 1);
        mark(f.lebedev, homework, {MarkEntry::Kind::Mark, 5}, "Молодец");
        mark(f.lebedev, test, {MarkEntry::Kind::Mark, 3});
        mark(f.lebedev, dictation, {MarkEntry::Kind::Duty, 0});
        auto cancelled = lesson(f.class5a, "2026-11-23", 2);
        auto s = portal.db().session();
        GradebookRepository(portal.db(), s).putAbsence({f.lebedev, tue, "Н"}, f.sokolov, 1);
        LessonRepository(portal.db(), s).cancel(cancelled);
    }

    std::unique_ptr<HttpClient> signedIn(const std::string& login, const std::string& password,
                                         const std::string& org = "org-g1") {
        auto c = std::make_unique<HttpClient>(portal.port());
        EXPECT_EQ(c->signIn(portal.organizationId(org), login, password).status, 303) << login;
        return c;
    }
    static std::string section(const std::string& html, const std::string& id) {
        auto from = html.find("id=\"" + id + "\"");
        if (from == std::string::npos) return "";
        auto to = html.find("</section>", from);
        return html.substr(from, to - from);
    }
};

}  // namespace

TEST_F(DiaryHttp, AStudentSeesTheWeekWithTimesRoomsHomeworkAndMarks) {
    auto kirill = signedIn("lebedev.ka", "Uchenik-2025");
    auto page = kirill->get("/diary");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "Дневник"));
    EXPECT_TRUE(contains(page.body, "16.11.2026 — 21.11.2026"));
    auto monday = section(page.body, "day-2026-11-16");
    EXPECT_TRUE(contains(monday, "Понедельник, 16.11.2026"));
    EXPECT_TRUE(contains(monday, "08:30–09:15"));
    EXPECT_TRUE(contains(monday, "09:25–10:10"));
    EXPECT_TRUE(contains(monday, "Математика"));
    EXPECT_TRUE(contains(monday, "каб. 201"));
    EXPECT_TRUE(contains(monday, "Домашнее задание:"));
    EXPECT_TRUE(contains(monday, "№ 12–15"));
    EXPECT_TRUE(contains(monday, "(срок 18.11.2026)"));
    EXPECT_TRUE(contains(monday, "title=\"Оценка\">5<"));
    EXPECT_TRUE(contains(monday, "Молодец"));
    auto tuesday = section(page.body, "day-2026-11-17");
    EXPECT_TRUE(contains(tuesday, "Литература"));
    EXPECT_TRUE(contains(tuesday, "Пропуск: Н — Отсутствовал"));
    auto thursday = section(page.body, "day-2026-11-19");
    EXPECT_TRUE(contains(thursday, "Словарный диктант"));
    EXPECT_TRUE(contains(thursday, "title=\"долг\">•<"));
    EXPECT_TRUE(contains(thursday, "долг"));
    EXPECT_TRUE(contains(section(page.body, "day-2026-11-21"), "Уроков нет"));
    EXPECT_FALSE(contains(page.body, "Орлова"));
    // The fixture's lessons have no topic, and a mark without a comment says nothing more:
    // no empty «Тема:» line, no empty comment.
    EXPECT_FALSE(contains(page.body, "Тема:"));
    EXPECT_FALSE(contains(page.body, "mark-comment\"></span>"));
}

TEST_F(DiaryHttp, TermAveragesAreWeightedByTheAssignment) {
    auto kirill = signedIn("lebedev.ka", "Uchenik-2025");
    auto page = kirill->get("/diary");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Средний балл: 2 четверть"));
    // (5·1 + 3·3) / 4 = 3,50; the plain mean would be 4,00.
    EXPECT_TRUE(
        contains(page.body, "<td>Математика</td><td class=\"average\">3,50</td><td>2</td>"));
    // A duty is not a mark.
    EXPECT_TRUE(contains(page.body, "<td>Русский язык</td><td class=\"average\">—</td><td>0</td>"));
}

TEST_F(DiaryHttp, WeeksGoBackAndForth) {
    auto kirill = signedIn("lebedev.ka", "Uchenik-2025");
    auto page = kirill->get("/diary");
    auto id = std::to_string(f.lebedev);
    EXPECT_TRUE(contains(
        page.body, "href=\"/diary?student=" + id + "&amp;week=2026-11-09\">← Предыдущая неделя"));
    EXPECT_TRUE(contains(
        page.body, "href=\"/diary?student=" + id + "&amp;week=2026-11-23\">Следующая неделя →"));
    auto next = kirill->get("/diary?student=" + id + "&week=2026-11-25");
    ASSERT_EQ(next.status, 200);
    EXPECT_TRUE(contains(next.body, "23.11.2026 — 28.11.2026"));
    EXPECT_TRUE(contains(next.body, "К текущей неделе"));
    auto monday = section(next.body, "day-2026-11-23");
    EXPECT_TRUE(contains(monday, "lesson cancelled"));
    EXPECT_TRUE(contains(monday, "Урок отменён"));
    EXPECT_FALSE(contains(monday, "№ 12–15"));
    auto back = kirill->get("/diary?week=2026-11-09");
    EXPECT_TRUE(contains(back.body, "09.11.2026 — 14.11.2026"));
    // The holidays between the quarters: a week of empty days, not an error.
    auto holidays = kirill->get("/diary?week=2026-11-02");
    ASSERT_EQ(holidays.status, 200);
    EXPECT_FALSE(contains(section(holidays.body, "day-2026-11-02"), "Математика"));
}

TEST_F(DiaryHttp, AParentSwitchesBetweenChildrenInTwoSchools) {
    auto mother = signedIn("lebedeva.as", "Roditel-2025");
    auto page = mother->get("/diary");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "Лебедев Кирилл Андреевич, 5А класс"));  // first by name
    EXPECT_TRUE(contains(page.body, "id=\"child-" + std::to_string(maria) + "\""));
    EXPECT_TRUE(contains(page.body, "Лебедева М. А., 2В"));
    EXPECT_TRUE(contains(page.body, "№ 12–15"));
    auto second = mother->get("/diary?student=" + std::to_string(maria) + "&week=2026-11-16");
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_TRUE(contains(second.body, "Лебедева Мария Андреевна, 2В класс, МАОУ СОШ № 2"));
    auto friday = section(second.body, "day-2026-11-20");
    EXPECT_TRUE(contains(friday, "Окружающий мир"));
    EXPECT_TRUE(contains(friday, "09:00–09:40"));
    EXPECT_TRUE(contains(friday, "каб. 12"));
    EXPECT_FALSE(contains(second.body, "№ 12–15"));
    EXPECT_TRUE(contains(second.body, "Средний балл: 1 триместр"));
}

TEST_F(DiaryHttp, NobodyOpensAnotherFamilysChild) {
    auto orlova = std::to_string(f.orlova);
    auto mother = signedIn("lebedeva.as", "Roditel-2025");
    for (const char* path : {"/diary", "/diary/overdue", "/diary/announcements"}) {
        auto page = mother->get(std::string(path) + "?student=" + orlova);
        EXPECT_EQ(page.status, 404) << path;
        EXPECT_TRUE(contains(page.body, "Ученик не найден.")) << path;
        EXPECT_FALSE(contains(page.body, "Орлова")) << path;
    }
    auto kirill = signedIn("lebedev.ka", "Uchenik-2025");
    EXPECT_EQ(kirill->get("/diary?student=" + orlova).status, 404);
    EXPECT_EQ(kirill->get("/diary?student=" + std::to_string(maria)).status, 404);
    EXPECT_EQ(kirill->get("/diary?student=999999").status, 404);
    auto teacher = signedIn("sokolov.pi", "Uchitel-2025");
    auto refused = teacher->get("/diary?student=" + orlova);
    EXPECT_EQ(refused.status, 404);
    auto own = teacher->get("/diary");
    EXPECT_EQ(own.status, 403);
    EXPECT_TRUE(contains(own.body, "Дневник доступен ученикам и их родителям."));
    EXPECT_EQ(HttpClient(portal.port()).get("/diary").status, 303);  // to the login page
}

TEST_F(DiaryHttp, OverdueAreDutiesAndUnmarkedHomeworkDueBeforeToday) {
    auto kirill = signedIn("lebedev.ka", "Uchenik-2025");
    auto page = kirill->get("/diary/overdue");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "Просроченные задания"));
    EXPECT_TRUE(contains(page.body, "id=\"assignment-" + std::to_string(reading) + "\""));
    EXPECT_TRUE(contains(page.body, "Прочитать главу 3"));
    EXPECT_TRUE(contains(page.body, "нет оценки"));
    EXPECT_TRUE(contains(page.body, "id=\"assignment-" + std::to_string(dictation) + "\""));
    EXPECT_FALSE(contains(page.body, "№ 12–15"));        // marked 5
    EXPECT_FALSE(contains(page.body, "Устный счёт"));    // not homework
    EXPECT_FALSE(contains(page.body, "Дроби"));          // marked 3
    EXPECT_FALSE(contains(page.body, "Упражнение 40"));  // due tomorrow
    // Once it has a mark, it is no longer owed.
    mark(f.lebedev, reading, {MarkEntry::Kind::Mark, 4});
    auto after = kirill->get("/diary/overdue");
    EXPECT_FALSE(contains(after.body, "Прочитать главу 3"));
    EXPECT_TRUE(contains(after.body, "Словарный диктант"));
}

TEST_F(DiaryHttp, TheMainPageShowsTodaysHomeworkAndRecentMarks) {
    portal.clock().advance(std::chrono::hours(24));  // Monday 23.11
    give(lesson(f.class5a, "2026-11-23", 1), "Домашнее задание", "Задачи 101–103", "2026-11-25", 1);
    auto mother = signedIn("lebedeva.as", "Roditel-2025");
    auto main = mother->get("/main");
    ASSERT_EQ(main.status, 200);
    auto kirill = section(main.body, "glance-" + std::to_string(f.lebedev));
    EXPECT_TRUE(contains(kirill, "Домашнее задание на сегодня"));
    EXPECT_TRUE(contains(kirill, "Задачи 101–103"));
    EXPECT_FALSE(contains(kirill, "№ 12–15"));  // given last week
    EXPECT_TRUE(contains(kirill, "Оценки за последние дни"));
    EXPECT_TRUE(contains(kirill,
                         "18.11.2026, <strong>Математика</strong>, Контрольная работа: "
                         "<span class=\"mark\">3</span>"));
    EXPECT_FALSE(contains(kirill, "16.11.2026"));  // more than a week ago
    EXPECT_TRUE(contains(kirill, "href=\"/diary?student=" + std::to_string(f.lebedev) + "\""));
    auto second = section(main.body, "glance-" + std::to_string(maria));
    EXPECT_TRUE(contains(second, "Лебедева Мария Андреевна"));
    EXPECT_TRUE(contains(second, "Новых оценок нет."));
    auto student = signedIn("lebedev.ka", "Uchenik-2025")->get("/main");
    EXPECT_TRUE(contains(student.body, "Задачи 101–103"));
    EXPECT_TRUE(contains(student.body, ">Дневник</a>"));
}

TEST_F(DiaryHttp, BadParametersGetARussianPage) {
    auto kirill = signedIn("lebedev.ka", "Uchenik-2025");
    for (const char* path :
         {"/diary?week=garbage", "/diary?week=2026-13-40", "/diary?week=0001-01-01"}) {
        auto page = kirill->get(path);
        EXPECT_EQ(page.status, 400) << path;
        EXPECT_TRUE(contains(page.body, "Неделя указана неверно")) << path;
    }
    for (const char* path : {"/diary?student=abc", "/diary?student=-1", "/diary/overdue?student=1x",
                             "/diary/announcements?student=0"}) {
        auto page = kirill->get(path);
        EXPECT_EQ(page.status, 400) << path;
        EXPECT_TRUE(contains(page.body, "Ученик указан неверно")) << path;
    }
}
