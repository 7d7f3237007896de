// «Классный журнал» over HTTP (issue #10): the teacher's grid saved in one request, bad cells
// refused with nothing written, double submits, who reads and who writes, the timetable.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/DirectoryRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/TeachingRepository.h"
#include "support/JournalHttp.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

TEST_F(ClassJournalHttp, TheTeacherSavesThirtyMarksInOneRequestAndReadsThemBack) {
    ASSERT_EQ(students.size(), 30u);
    ASSERT_FALSE(math5a.empty());
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto saved = save(*teacher, f.class5a, f.math, thirtyMarks());
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_TRUE(contains(saved.location, "saved=31")) << saved.location;  // 30 marks, 1 homework
    EXPECT_EQ(count("marks"), 30);
    EXPECT_EQ(count("marks WHERE duty = 1"), 6);
    EXPECT_EQ(count("assignments WHERE weight = 2 AND due_date = '2026-11-23'"), 1);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.mark'"), 30);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.mark' AND detail = '— → 5'"), 6);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.homework' AND outcome = 'added'"), 1);

    auto page = teacher->get(saved.location);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Журнал сохранён. Изменено ячеек: 31.")) << page.body;
    EXPECT_TRUE(contains(page.body, "Контрольная работа № 2: дроби"));
    auto assignment = assignmentsOn(math5a[0].id).at(0);
    std::string first = "name=\"m-" + std::to_string(students[0]) + "-" +
                        std::to_string(assignment.id) + "\" value=\"5\"";
    std::string fifth = "name=\"m-" + std::to_string(students[4]) + "-" +
                        std::to_string(assignment.id) + "\" value=\"•\"";
    EXPECT_TRUE(contains(page.body, first)) << first;
    EXPECT_TRUE(contains(page.body, fifth)) << fifth;
}

TEST_F(ClassJournalHttp, ADoubleSubmitChangesAndAuditsNothingTheSecondTime) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto cells = thirtyMarks();
    std::string absence = "a-" + std::to_string(students[1]) + "-" + std::to_string(math5a[0].id);
    cells.push_back({absence, "Н"});
    ASSERT_EQ(save(*teacher, f.class5a, f.math, cells).status, 303);
    auto before = written();
    EXPECT_EQ(count("absences WHERE code = 'Н'"), 1);
    auto again = save(*teacher, f.class5a, f.math, cells);
    EXPECT_EQ(again.status, 303);
    EXPECT_TRUE(contains(again.location, "saved=0")) << again.location;
    EXPECT_EQ(written(), before);
}

TEST_F(ClassJournalHttp, AMarkChangeIsAuditedWithItsOldAndNewValue) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    ASSERT_EQ(save(*teacher, f.class5a, f.math, thirtyMarks()).status, 303);
    auto assignment = assignmentsOn(math5a[0].id).at(0);
    std::string cell = "m-" + std::to_string(students[1]) + "-" + std::to_string(assignment.id);
    ASSERT_EQ(save(*teacher, f.class5a, f.math, {{cell, "5"}}).status, 303);
    auto last = lastAudit("journal.mark");
    EXPECT_EQ(last.detail, "4 → 5");
    EXPECT_EQ(last.actorAccountId, f.vorontsova);
    EXPECT_EQ(last.subject, "account:" + std::to_string(students[1]) +
                                " assignment:" + std::to_string(assignment.id));
}

TEST_F(ClassJournalHttp, WeightedAveragesPerStudentAndTerm) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    std::string s0 = std::to_string(students[0]);
    std::string l0 = std::to_string(math5a[0].id), l1 = std::to_string(math5a[1].id);
    auto saved = save(*teacher, f.class5a, f.math,
                      {{"y-n" + l0, std::to_string(typeId("Ответ на уроке"))},
                       {"w-n" + l0, "1"},
                       {"m-" + s0 + "-n" + l0, "5"},
                       {"y-n" + l1, std::to_string(typeId("Контрольная работа"))},
                       {"w-n" + l1, "3"},
                       {"m-" + s0 + "-n" + l1, "2"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto page = teacher->get(grid(f.class5a, f.math));
    // (5·1 + 2·3) / 4
    EXPECT_TRUE(contains(page.body, "id=\"average-" + s0 + "\">2,75<")) << page.body;
}

TEST_F(ClassJournalHttp, BadCellsAreNamedInRussianAndNothingIsWritten) {
    // A lesson of another school: the kindergarten's.
    std::int64_t elsewhere = 0;
    {
        portal.import(
            "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,"
            "email,phone,login,password,roles,class\nclass,cls-ds-1,org-ds,Группа "
            "1,,,,,,,,,,,,,\n");
        auto org = portal.organizationId("org-ds");
        auto belova = portal.accountId("org-ds", "belova.ia");
        auto s = portal.db().session();
        auto group = store::DirectoryRepository(portal.db(), s).idByKey("classes", "cls-ds-1");
        domain::journal::SchoolYear year{
            0,
            "2026/2027",
            d("2026-09-01"),
            d("2027-08-31"),
            domain::journal::TermKind::Half,
            {{0, 1, d("2026-09-01"), d("2026-12-28")}, {0, 2, d("2027-01-09"), d("2027-05-31")}}};
        auto yearId = store::journal::SchoolYearRepository(portal.db(), s).save(org, year);
        auto subject = store::journal::TeachingRepository(portal.db(), s).subject(org, "Лепка");
        elsewhere = *store::journal::LessonRepository(portal.db(), s)
                         .addLesson(yearId, {*group, 1, 1, subject, belova, ""}, d("2026-11-23"));
    }
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    std::string s0 = std::to_string(students[0]), s1 = std::to_string(students[1]);
    std::string l0 = std::to_string(math5a[0].id), l1 = std::to_string(math5a[1].id);
    auto before = written();
    struct Case {
        std::vector<std::pair<std::string, std::string>> cells;
        std::string message;
    };
    std::vector<Case> cases = {
        {{{"m-" + s0 + "-n" + l0, "7"}}, "оценка «7» вне шкалы 1–5"},
        {{{"a-" + s0 + "-" + std::to_string(elsewhere), "Н"}},
         "урок не из этого журнала (другого класса, предмета или другой школы)"},
        {{{"t-n" + l0, "Упражнение 5"},
          {"y-n" + l0, std::to_string(typeId("Домашнее задание"))},
          {"d-n" + l0, "2028-01-15"}},
         "срок сдачи «15.01.2028» вне учебного года 2026/2027"},
        {{{"a-" + s0 + "-" + l0, "Х"}}, "нет такой отметки о посещаемости: «Х»"},
    };
    for (auto& c : cases) {
        // Each bad cell travels with good ones, which must not be written either.
        c.cells.push_back({"m-" + s1 + "-n" + l1, "5"});
        c.cells.push_back({"a-" + s1 + "-" + l1, "Б"});
        auto refused = save(*teacher, f.class5a, f.math, c.cells);
        EXPECT_EQ(refused.status, 422) << c.message;
        EXPECT_TRUE(contains(refused.body, "Журнал не сохранён — ничего не записано."))
            << refused.body;
        EXPECT_TRUE(contains(refused.body, c.message)) << refused.body;
        EXPECT_EQ(written(), before) << c.message;
    }
}

TEST_F(ClassJournalHttp, ATeacherOutsideTheirAssignmentsGetsNotFoundAndIsAudited) {
    auto morozova = signedIn("morozova.on", "Uchitel-2025");  // teaches 6Б Русский язык only
    auto denied = morozova->get(grid(f.class5a, f.math));
    EXPECT_EQ(denied.status, 404);
    EXPECT_FALSE(contains(denied.body, "Лебедев"));
    EXPECT_EQ(count("audit_events WHERE action = 'journal.open' AND outcome = 'denied' AND "
                    "actor_user_id = " +
                    std::to_string(f.morozova)),
              1);
    auto own = morozova->get(grid(f.class6b, f.russian));
    ASSERT_EQ(own.status, 200);
    std::string body = "csrf=" + urlEncode(HttpClient::csrfFrom(own.body)) +
                       "&class=" + std::to_string(f.class5a) +
                       "&subject=" + std::to_string(f.math) + "&m-" + std::to_string(students[0]) +
                       "-n" + std::to_string(math5a[0].id) + "=5";
    auto before = written();
    EXPECT_EQ(morozova->post("/journal/grid", body).status, 404);
    EXPECT_EQ(count("marks"), before[0]);
    EXPECT_EQ(count("assignments"), before[2]);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.save' AND outcome = 'denied'"), 1);
}

TEST_F(ClassJournalHttp, TheClassTeacherReadsEverySubjectOfTheirClassButCannotWrite) {
    auto sokolov = signedIn("sokolov.pi", "Uchitel-2025");  // 6Б's class teacher
    auto list = sokolov->get("/journal");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, link(f.class6b, f.russian))) << list.body;
    EXPECT_TRUE(contains(list.body, link(f.class6b, f.math)));
    EXPECT_TRUE(contains(list.body, link(f.class5a, f.literature)));
    EXPECT_FALSE(contains(list.body, link(f.class5a, f.math)));
    auto page = sokolov->get(grid(f.class6b, f.russian));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "id=\"read-only\""));
    EXPECT_TRUE(contains(page.body, "Орлова Дарья"));
    EXPECT_FALSE(contains(page.body, "name=\"m-"));
    EXPECT_FALSE(contains(page.body, "name=\"a-"));

    auto russian = lessonAt(f.class6b, "2026-11-23", 1);
    auto refused =
        save(*sokolov, f.class6b, f.russian,
             {{"a-" + std::to_string(f.orlova) + "-" + std::to_string(russian.id), "Н"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(count("absences"), 0);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.save' AND outcome = 'read_only'"), 1);
}

// Without JavaScript Enter submits the grid's form: the hint that Enter goes down the column is
// for a browser that runs journal.js, which shows it; the others are told what Enter does
// (tests/e2e/journal.test.js checks both browsers).
TEST_F(ClassJournalHttp, TheGridsKeyboardHintShowsOnlyWhereTheScriptRuns) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto page = teacher->get(grid(f.class5a, f.math));
    ASSERT_EQ(page.status, 200);
    std::string keys = "Стрелки ↑↓ и Enter переходят по столбцу.";
    EXPECT_TRUE(contains(page.body, "<span id=\"journal-keys\" hidden>" + keys + "</span>"))
        << page.body;
    EXPECT_EQ(page.body.find(keys), page.body.rfind(keys)) << "the hint once, hidden";
    EXPECT_TRUE(contains(page.body, "<noscript>Enter сохраняет журнал.</noscript>"));
}

TEST_F(ClassJournalHttp, TheMainPageLinksTheJournalForKeepersOnly) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto main = teacher->get("/main");
    EXPECT_TRUE(contains(main.body, "href=\"/journal\">Классный журнал<")) << main.body;
    auto student = signedIn("lebedev.ka", "Uchenik-2025");
    EXPECT_FALSE(contains(student->get("/main").body, "Классный журнал"));
    EXPECT_EQ(student->get("/journal").status, 404);
}

TEST_F(ClassJournalHttp, TheAdministratorReadsAnyJournalAndKeepsTheTimetable) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");  // teacher; administrator
    auto page = admin->get(grid(f.class6b, f.math));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "id=\"read-only\""));

    auto math = lessonAt(f.class6b, "2026-11-23", 2);
    auto week =
        admin->get("/journal/timetable?class=" + std::to_string(f.class6b) + "&week=2026-11-23");
    ASSERT_EQ(week.status, 200);
    EXPECT_TRUE(contains(week.body, "id=\"lesson-" + std::to_string(math.id) + "\""));
    std::string csrf = "csrf=" + urlEncode(HttpClient::csrfFrom(week.body));
    std::string chosen = "&lesson=" + std::to_string(math.id);

    auto taken = admin->post("/journal/lesson/move", csrf + chosen + "&date=2026-11-23&number=1");
    EXPECT_EQ(taken.status, 409);
    EXPECT_TRUE(contains(taken.body, "Это время у класса уже занято другим уроком")) << taken.body;
    auto moved = admin->post("/journal/lesson/move", csrf + chosen + "&date=2026-11-24&number=3");
    EXPECT_EQ(moved.status, 303) << moved.body;
    auto after = lesson(math.id);
    EXPECT_EQ(after.date, d("2026-11-24"));
    EXPECT_EQ(after.number, 3);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.lesson.move' AND outcome = 'ok' AND "
                    "detail = '2026-11-23 #2 → 2026-11-24 #3'"),
              1);
    EXPECT_EQ(admin->post("/journal/lesson/cancel", csrf + chosen).status, 303);
    EXPECT_TRUE(lesson(math.id).cancelled);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.lesson.cancel' AND outcome = 'ok'"), 1);

    auto teacher = signedIn("sokolov.pi", "Uchitel-2025");
    auto other = lessonAt(f.class6b, "2026-11-30", 2);
    EXPECT_EQ(teacher->get("/journal/timetable").status, 404);
    auto refused = teacher->post(
        "/journal/lesson/cancel",
        "csrf=" + urlEncode(HttpClient::csrfFrom(teacher->get(grid(f.class6b, f.math)).body)) +
            "&lesson=" + std::to_string(other.id));
    EXPECT_EQ(refused.status, 404);
    EXPECT_FALSE(lesson(other.id).cancelled);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.lesson.cancel' AND outcome = 'denied'"),
              1);
}

TEST_F(ClassJournalHttp, TheGridShowsAMonthAtATimeAndAveragesTheWholeTerm) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto december = std::find_if(math5a.begin(), math5a.end(),
                                 [](const auto& l) { return l.date >= d("2026-12-01"); });
    ASSERT_NE(december, math5a.end());
    std::string s0 = std::to_string(students[0]);
    std::string l0 = std::to_string(math5a[0].id), lDec = std::to_string(december->id);
    // Today is 22.11.2026: November, and its save returns to November.
    auto page = teacher->get(grid(f.class5a, f.math));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<strong aria-current=\"page\" id=\"month-2026-11\">Ноябрь<"))
        << page.body;
    EXPECT_TRUE(contains(page.body, "id=\"lesson-" + l0 + "\""));
    EXPECT_FALSE(contains(page.body, "id=\"lesson-" + lDec + "\""));
    EXPECT_TRUE(contains(page.body, "href=\"" + link(f.class5a, f.math) +
                                        "&amp;term=2&amp;month=2026-12\" id=\"month-2026-12\""))
        << page.body;
    EXPECT_TRUE(contains(page.body, "&amp;month=all\" id=\"month-all\">Весь период<"));
    EXPECT_TRUE(contains(page.body, "name=\"month\" value=\"2026-11\""));

    auto body = [&](const std::string& month, const std::string& cells) {
        return "csrf=" + urlEncode(HttpClient::csrfFrom(page.body)) +
               "&class=" + std::to_string(f.class5a) + "&subject=" + std::to_string(f.math) +
               "&term=2&month=" + month + cells;
    };
    auto november = teacher->post("/journal/grid", body("2026-11", "&m-" + s0 + "-n" + l0 + "=5"));
    ASSERT_EQ(november.status, 303) << november.body;
    EXPECT_TRUE(contains(november.location, "&term=2&month=2026-11&saved=")) << november.location;
    auto saved = teacher->post(
        "/journal/grid",
        body("2026-12", "&y-n" + lDec + "=" + std::to_string(typeId("Контрольная работа")) +
                            "&w-n" + lDec + "=3&m-" + s0 + "-n" + lDec + "=2"));
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_TRUE(contains(saved.location, "&term=2&month=2026-12&saved=")) << saved.location;

    // December's column holds the 2; November's page averages it in all the same: (5 + 2·3) / 4.
    auto shown = teacher->get(saved.location);
    EXPECT_TRUE(contains(shown.body, "id=\"lesson-" + lDec + "\""));
    EXPECT_FALSE(contains(shown.body, "id=\"lesson-" + l0 + "\""));
    EXPECT_TRUE(contains(shown.body, "value=\"2\" size=\"2\""));
    for (const auto& month : {"2026-11", "2026-12", "all"}) {
        auto p = teacher->get(grid(f.class5a, f.math) + "&term=2&month=" + month);
        EXPECT_TRUE(contains(p.body, "id=\"average-" + s0 + "\">2,75<")) << month;
    }
    auto whole = teacher->get(grid(f.class5a, f.math) + "&term=2&month=all");
    EXPECT_TRUE(contains(whole.body, "id=\"lesson-" + l0 + "\""));
    EXPECT_TRUE(contains(whole.body, "id=\"lesson-" + lDec + "\""));
    EXPECT_TRUE(contains(whole.body, "name=\"month\" value=\"all\""));
    // A month outside the term shows the default one; a malformed one is refused.
    auto other = teacher->get(grid(f.class5a, f.math) + "&term=2&month=2027-02");
    EXPECT_TRUE(contains(other.body, "id=\"month-2026-11\">Ноябрь<"));
    auto bad = teacher->get(grid(f.class5a, f.math) + "&month=ноябрь");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad.body, "Месяц указан неверно.")) << bad.body;
}

TEST_F(ClassJournalHttp, WhatATeacherTypedIsShownEscapedAndSoIsEveryName) {
    {
        auto s = portal.db().session();
        s << "UPDATE persons SET first_name = '<b>Иван</b>' WHERE last_name = 'УченикА'",
            Poco::Data::Keywords::now;
    }
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    std::string s0 = std::to_string(students[0]), l0 = std::to_string(math5a[0].id);
    std::string attack = "\"><script>alert(1)</script>";
    auto refused = save(*teacher, f.class5a, f.math,
                        {{"m-" + s0 + "-n" + l0, attack}, {"t-n" + l0, "Упр. <1> & «2»"}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_FALSE(contains(refused.body, "<script>alert(1)"));
    EXPECT_TRUE(contains(refused.body, "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        << refused.body;
    EXPECT_TRUE(contains(refused.body, "aria-invalid=\"true\""));
    EXPECT_TRUE(contains(refused.body, "value=\"Упр. &lt;1&gt; &amp; «2»\""));
    EXPECT_TRUE(contains(refused.body, "&lt;b&gt;Иван&lt;/b&gt;"));
    EXPECT_FALSE(contains(refused.body, "<b>Иван"));

    // Stored text reads back escaped, in the inputs and on a read-only page: 6Б's mathematics,
    // kept by sokolov.pi, which vorontsova.em (an administrator) only reads.
    ASSERT_EQ(save(*teacher, f.class5a, f.math, {{"t-n" + l0, "Упр. <1> & «2»"}}).status, 303);
    EXPECT_TRUE(
        contains(teacher->get(grid(f.class5a, f.math)).body, "value=\"Упр. &lt;1&gt; &amp; «2»\""));
    auto keeper = signedIn("sokolov.pi", "Uchitel-2025");
    auto math6b = lessonAt(f.class6b, "2026-11-23", 2);
    std::string l6 = std::to_string(math6b.id), orlova = std::to_string(f.orlova);
    ASSERT_EQ(save(*keeper, f.class6b, f.math,
                   {{"t-n" + l6, "<i>Задача</i> №1"}, {"m-" + orlova + "-n" + l6, "5"}})
                  .status,
              303);
    auto readOnly = teacher->get(grid(f.class6b, f.math));
    ASSERT_EQ(readOnly.status, 200);
    EXPECT_TRUE(contains(readOnly.body, "id=\"read-only\""));
    EXPECT_TRUE(contains(readOnly.body, "</strong>: &lt;i&gt;Задача&lt;/i&gt; №1 <span"))
        << readOnly.body;
    EXPECT_TRUE(contains(readOnly.body, "<span class=\"mark\" title=\"Ответ на уроке\">5</span>"));
    EXPECT_FALSE(contains(readOnly.body, "<i>Задача"));
}

TEST_F(ClassJournalHttp, AMarkSavedInTheJournalIsOnTheParentsMainPageAtOnce) {
    auto mother = signedIn("lebedeva.as", "Roditel-2025");
    std::string glance =
        "18.11.2026, <strong>Математика</strong>, Ответ на уроке: "
        "<span class=\"mark\">4</span>";
    auto before = mother->get("/main");  // the glance is kept for a while now
    ASSERT_EQ(before.status, 200);
    EXPECT_FALSE(contains(before.body, glance));
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto lesson = lessonAt(f.class5a, "2026-11-18", 1);
    ASSERT_EQ(save(*teacher, f.class5a, f.math,
                   {{"m-" + std::to_string(f.lebedev) + "-n" + std::to_string(lesson.id), "4"}})
                  .status,
              303);
    EXPECT_TRUE(contains(mother->get("/main").body, glance));
}

TEST_F(ClassJournalHttp, HomeworkSavedAndALessonCancelledAreInTheDiaryAtOnce) {
    auto mother = signedIn("lebedeva.as", "Roditel-2025");
    std::string diary = "/diary?student=" + std::to_string(f.lebedev) + "&week=2026-11-16";
    auto lesson = lessonAt(f.class5a, "2026-11-18", 1);
    std::string lessonId = std::to_string(lesson.id);
    auto before = mother->get(diary);  // the class's week is kept for a while now
    ASSERT_EQ(before.status, 200);
    ASSERT_TRUE(contains(before.body, "id=\"lesson-" + lessonId + "\"")) << before.body;
    EXPECT_FALSE(contains(before.body, "Задача 17"));
    EXPECT_FALSE(contains(before.body, "Урок отменён"));

    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    ASSERT_EQ(save(*teacher, f.class5a, f.math,
                   {{"y-n" + lessonId, std::to_string(typeId("Домашнее задание"))},
                    {"t-n" + lessonId, "Задача 17"},
                    {"m-" + std::to_string(f.lebedev) + "-n" + lessonId, "4"}})
                  .status,
              303);
    auto saved = mother->get(diary);
    EXPECT_TRUE(contains(saved.body, "<span class=\"assignment-text\">Задача 17</span>"))
        << saved.body;
    EXPECT_TRUE(contains(saved.body, "<span class=\"mark\" title=\"Оценка\">4</span>"));

    auto week =
        teacher->get("/journal/timetable?class=" + std::to_string(f.class5a) + "&week=2026-11-16");
    ASSERT_EQ(week.status, 200);
    ASSERT_EQ(
        teacher
            ->post("/journal/lesson/cancel",
                   "csrf=" + urlEncode(HttpClient::csrfFrom(week.body)) + "&lesson=" + lessonId)
            .status,
        303);
    EXPECT_TRUE(
        contains(mother->get(diary).body, "<p class=\"lesson-cancelled\">Урок отменён</p>"));
}
