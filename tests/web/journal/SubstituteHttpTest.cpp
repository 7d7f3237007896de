// A substitute in «Классный журнал» (issue #10): a teacher who gives a lesson of a class and
// subject they are not assigned to writes marks, homework and absences on exactly the lessons
// they give, and sees only those; the journal's other lessons stay out of reach, and every
// attempt on them is refused and audited as any other.
#include <gtest/gtest.h>

#include "support/JournalHttp.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class SubstituteHttp : public ClassJournalHttp {
  protected:
    std::int64_t zamenova = 0;  // a teacher with no class and no teaching assignment
    std::int64_t given = 0;  // 5А Математика, Tue 24.11.2026, 3rd lesson, given by her

    void SetUp() override {
        ClassJournalHttp::SetUp();
        portal.import(
            "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,"
            "snils,email,phone,login,password,roles,class\n"
            "person,p-zamenova,,,,Заменова,Тамара,Ильинична,12.03.1985,Ж,,,,,,,\n"
            "account,p-zamenova,org-g1,,,,,,,,,,,zamenova.ti,Uchitel-2025,teacher,\n");
        zamenova = portal.accountId("org-g1", "zamenova.ti");
        given = lessonGivenBy(zamenova, f.class5a, f.math, "2026-11-24", 3);
    }

    std::int64_t lessonGivenBy(std::int64_t teacher, std::int64_t classId, std::int64_t subject,
                               const char* date, int number) {
        auto s = portal.db().session();
        return *store::journal::LessonRepository(portal.db(), s)
                    .addLesson(f.yearId, {classId, 2, number, subject, teacher, ""}, d(date));
    }
    static std::string absenceField(std::int64_t student, std::int64_t lesson) {
        return "a-" + std::to_string(student) + "-" + std::to_string(lesson);
    }
};

}  // namespace

TEST_F(SubstituteHttp, TheChoiceAndTheMainPageShowTheJournalOfTheLessonsTheyGive) {
    auto teacher = signedIn("zamenova.ti", "Uchitel-2025");
    EXPECT_TRUE(contains(teacher->get("/main").body, "href=\"/journal\">Классный журнал<"));
    auto list = teacher->get("/journal");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_TRUE(contains(list.body, link(f.class5a, f.math) +
                                        "\" class=\"journal-link\">Математика"
                                        "</a> <span class=\"muted small\">(замена: ваши уроки)"))
        << list.body;
    EXPECT_FALSE(contains(list.body, link(f.class5a, f.russian)));
    EXPECT_FALSE(contains(list.body, "(просмотр)"));
}

TEST_F(SubstituteHttp, TheSubstituteSeesOnlyTheirLessonAndMarksIt) {
    auto teacher = signedIn("zamenova.ti", "Uchitel-2025");
    auto page = teacher->get(grid(f.class5a, f.math));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "id=\"substitute\""));
    EXPECT_TRUE(contains(page.body, "id=\"lesson-" + std::to_string(given) + "\""));
    EXPECT_FALSE(contains(page.body, "id=\"lesson-" + std::to_string(math5a.at(0).id) + "\""));
    EXPECT_FALSE(contains(page.body, "Средний балл"));
    EXPECT_TRUE(contains(page.body, "name=\"" + absenceField(f.lebedev, given) + "\""));

    std::string lesson = std::to_string(given), s0 = std::to_string(students[0]);
    auto saved = saveFrom(*teacher, page.body, f.class5a, f.math,
                          {{"t-n" + lesson, "Самостоятельная работа по дробям"},
                           {"y-n" + lesson, std::to_string(typeId("Самостоятельная работа"))},
                           {"m-" + s0 + "-n" + lesson, "4"},
                           {absenceField(students[1], given), "Б"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_TRUE(contains(saved.location, "saved=3")) << saved.location;
    EXPECT_EQ(count("marks WHERE mark = 4"), 1);
    EXPECT_EQ(count("absences WHERE code = 'Б' AND updated_by = " + std::to_string(zamenova)), 1);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.mark' AND actor_user_id = " +
                    std::to_string(zamenova)),
              1);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.homework' AND outcome = 'added'"), 1);
}

TEST_F(SubstituteHttp, AnotherLessonOfTheJournalIsNotFoundAndAudited) {
    auto teacher = signedIn("zamenova.ti", "Uchitel-2025");
    auto page = teacher->get(grid(f.class5a, f.math));
    ASSERT_EQ(page.status, 200);
    auto before = written();
    auto refused = saveFrom(*teacher, page.body, f.class5a, f.math,
                            {{absenceField(students[1], given), "Б"},
                             {absenceField(students[1], math5a.at(0).id), "Н"}});
    EXPECT_EQ(refused.status, 404) << refused.body;
    EXPECT_FALSE(contains(refused.body, "Лебедев"));
    EXPECT_EQ(count("absences"), 0);
    EXPECT_EQ(written()[0], before[0]);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.save' AND outcome = 'denied' AND "
                    "actor_user_id = " +
                    std::to_string(zamenova)),
              1);
    // Another class's journal, where she gives nothing, stays hidden.
    EXPECT_EQ(teacher->get(grid(f.class6b, f.math)).status, 404);
}

TEST_F(SubstituteHttp, AClassTeacherWhoSubstitutesReadsTheRestAndWritesTheirLesson) {
    // sokolov.pi: 6Б's class teacher, reads its Русский язык (morozova.on's), gives one lesson.
    auto own = lessonGivenBy(f.sokolov, f.class6b, f.russian, "2026-11-24", 4);
    auto other = lessonAt(f.class6b, "2026-11-23", 1);
    auto teacher = signedIn("sokolov.pi", "Uchitel-2025");
    auto page = teacher->get(grid(f.class6b, f.russian));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "id=\"lesson-" + std::to_string(other.id) + "\""));
    EXPECT_TRUE(contains(page.body, "name=\"" + absenceField(f.orlova, own) + "\""));
    EXPECT_FALSE(contains(page.body, "name=\"" + absenceField(f.orlova, other.id) + "\""));
    EXPECT_TRUE(contains(page.body, "Средний балл"));

    auto saved =
        saveFrom(*teacher, page.body, f.class6b, f.russian, {{absenceField(f.orlova, own), "ОП"}});
    EXPECT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(count("absences WHERE code = 'ОП'"), 1);
    auto refused = saveFrom(*teacher, page.body, f.class6b, f.russian,
                            {{absenceField(f.orlova, other.id), "Н"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(count("absences"), 1);
    EXPECT_EQ(count("audit_events WHERE action = 'journal.save' AND outcome = 'read_only'"), 1);
}
