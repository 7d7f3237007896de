// The journal when two people change the same thing at once (issue #10): a move racing another
// move to the same place, a grid saved over a value changed since the form was shown, two tabs
// adding one lesson's new homework. Each race
// is held open deterministically: the test writes in a transaction of its own, lets the portal's
// request come to wait for it, then commits.
#include <gtest/gtest.h>

#include <thread>

#include "support/JournalHttp.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class JournalRaces : public ClassJournalHttp {
  protected:
    // Runs `request` on a thread of its own while `write` is done in a transaction held open
    // until the request waits for it; returns the request's response.
    HttpClient::Response racing(const std::function<void(Poco::Data::Session&)>& write,
                                const std::function<HttpClient::Response()>& request) {
        HttpClient::Response response;
        auto s = portal.db().session();
        store::Transaction tx(portal.db(), s);
        write(s);
        std::thread other([&] { response = request(); });
        portal.database().waitForBlockedWriter(s);
        tx.commit();
        other.join();
        return response;
    }
};

}  // namespace

TEST_F(JournalRaces, TwoMovesToOnePlaceGiveOneMoveAndOnePlaceTaken) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    auto russian = lessonAt(f.class6b, "2026-11-23", 1),
         math = lessonAt(f.class6b, "2026-11-23", 2);
    auto week =
        admin->get("/journal/timetable?class=" + std::to_string(f.class6b) + "&week=2026-11-23");
    std::string form = "csrf=" + urlEncode(HttpClient::csrfFrom(week.body)) +
                       "&lesson=" + std::to_string(math.id) + "&date=2026-11-24&number=3";
    auto raced = racing(
        [&](Poco::Data::Session& s) {
            ASSERT_EQ(store::journal::LessonRepository(portal.db(), s)
                          .move(russian.id, d("2026-11-24"), 3),
                      store::journal::LessonMove::Moved);
        },
        [&] { return admin->post("/journal/lesson/move", form); });
    EXPECT_EQ(raced.status, 409) << raced.body;
    EXPECT_TRUE(contains(raced.body, "Это время у класса уже занято другим уроком")) << raced.body;
    EXPECT_EQ(lesson(math.id).date, d("2026-11-23"));
    EXPECT_EQ(lesson(russian.id).date, d("2026-11-24"));
    EXPECT_EQ(count("audit_events WHERE action = 'journal.lesson.move' AND outcome = 'ok'"), 0);
}

namespace {

// A mark of 4 for the first student on a test of the term's first lesson, saved in the grid.
class StaleForms : public JournalRaces {
  protected:
    std::int64_t assignment = 0;
    std::string cell;  // its field in the grid

    void SetUp() override {
        JournalRaces::SetUp();
        auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
        std::string lesson = std::to_string(math5a.at(0).id);
        ASSERT_EQ(save(*teacher, f.class5a, f.math,
                       {{"y-n" + lesson, std::to_string(typeId("Контрольная работа"))},
                        {"t-n" + lesson, "Контрольная работа № 2"},
                        {"m-" + std::to_string(students[0]) + "-n" + lesson, "4"}})
                      .status,
                  303);
        assignment = assignmentsOn(math5a[0].id).at(0).id;
        cell = markField(students[0], assignment);
    }
    std::string absence(std::size_t student, std::size_t lesson) {
        return "a-" + std::to_string(students.at(student)) + "-" +
               std::to_string(math5a.at(lesson).id);
    }
    std::int64_t markOf(std::int64_t student) {
        auto s = portal.db().session();
        auto m = store::journal::GradebookRepository(portal.db(), s).mark(student, assignment);
        return m ? m->entry.mark : 0;
    }
    void putMark(Poco::Data::Session& s, int value) {
        store::journal::GradebookRepository(portal.db(), s)
            .putMark({students[0], assignment, {domain::journal::MarkEntry::Kind::Mark, value}, ""},
                     f.sokolov, portal.clock().unixSeconds());
    }
};

}  // namespace

TEST_F(StaleForms, ASecondTabCannotOverwriteTheMarkTheFirstChanged) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto first = teacher->get(grid(f.class5a, f.math)).body;
    auto second = teacher->get(grid(f.class5a, f.math)).body;
    ASSERT_EQ(saveFrom(*teacher, first, f.class5a, f.math, {{cell, "5"}}).status, 303);
    auto before = written();

    auto refused =
        saveFrom(*teacher, second, f.class5a, f.math, {{cell, "3"}, {absence(1, 1), "Н"}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_TRUE(contains(refused.body, "пока он был открыт, эти ячейки изменил кто-то другой"));
    EXPECT_TRUE(contains(refused.body, "здесь изменили: сейчас «5», у вас «3»")) << refused.body;
    EXPECT_EQ(markOf(students[0]), 5);
    EXPECT_EQ(written(), before);  // the absence waits too: all or nothing

    // The refused form shows the keeper's 3 over the 5 now stored: saved again, it is meant.
    auto again = saveFrom(*teacher, refused.body, f.class5a, f.math, {});
    EXPECT_EQ(again.status, 303) << again.body;
    EXPECT_EQ(markOf(students[0]), 3);
    EXPECT_EQ(count("absences WHERE code = 'Н'"), 1);
    EXPECT_EQ(lastAudit("journal.mark").detail, "5 → 3");
}

TEST_F(StaleForms, AStaleTabLeavesTheCellsItDidNotChange) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto stale = teacher->get(grid(f.class5a, f.math)).body;
    ASSERT_EQ(save(*teacher, f.class5a, f.math, {{cell, "2"}, {absence(2, 0), "Б"}}).status, 303);
    // The stale tab still shows 4 and no absence; it only adds an absence elsewhere.
    auto saved = saveFrom(*teacher, stale, f.class5a, f.math, {{absence(3, 0), "П"}});
    EXPECT_EQ(saved.status, 303) << saved.body;
    EXPECT_TRUE(contains(saved.location, "saved=1")) << saved.location;
    EXPECT_EQ(markOf(students[0]), 2);
    EXPECT_EQ(count("absences WHERE code = 'Б'"), 1);
    EXPECT_EQ(count("absences WHERE code = 'П'"), 1);
}

TEST_F(StaleForms, AMarkCommittedWhileTheSaveRunsIsNotOverwritten) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto page = teacher->get(grid(f.class5a, f.math)).body;  // shows 4
    auto raced = racing([&](Poco::Data::Session& s) { putMark(s, 5); },
                        [&] {
                            return saveFrom(*teacher, page, f.class5a, f.math, {{cell, "3"}});
                        });
    EXPECT_EQ(raced.status, 409) << raced.body;
    EXPECT_TRUE(contains(raced.body, "сейчас «5», у вас «3»")) << raced.body;
    EXPECT_EQ(markOf(students[0]), 5);
}

TEST_F(StaleForms, AnAbsenceTheOtherTeacherMarksMeanwhileIsNotOverwritten) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto page = teacher->get(grid(f.class5a, f.math)).body;  // no absence shown
    auto raced = racing(
        [&](Poco::Data::Session& s) {
            store::journal::GradebookRepository(portal.db(), s)
                .putAbsence({students[4], math5a[1].id, "Н"}, f.sokolov,
                            portal.clock().unixSeconds());
        },
        [&] {
            return saveFrom(*teacher, page, f.class5a, f.math, {{absence(4, 1), "Б"}});
        });
    EXPECT_EQ(raced.status, 409) << raced.body;
    EXPECT_TRUE(contains(raced.body, "сейчас «Н», у вас «Б»")) << raced.body;
    EXPECT_EQ(count("absences WHERE code = 'Н'"), 1);
    EXPECT_EQ(count("absences WHERE code = 'Б'"), 0);
}

TEST_F(StaleForms, HomeworkChangedMeanwhileIsNamedAndKept) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    auto stale = teacher->get(grid(f.class5a, f.math)).body;
    std::string key = std::to_string(assignment);
    ASSERT_EQ(save(*teacher, f.class5a, f.math, {{"w-" + key, "3"}}).status, 303);
    auto refused = saveFrom(*teacher, stale, f.class5a, f.math, {{"w-" + key, "2"}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_TRUE(contains(refused.body,
                         "Задание: 09.11, 1 урок: пока журнал был открыт, это "
                         "изменил кто-то другой"))
        << refused.body;
    EXPECT_EQ(count("assignments WHERE weight = 3"), 1);
    // Its text, which the other tab did not change, is the stale tab's to change.
    auto text = saveFrom(*teacher, stale, f.class5a, f.math, {{"t-" + key, "Контрольная № 2"}});
    EXPECT_EQ(text.status, 303) << text.body;
    EXPECT_EQ(count("assignments WHERE weight = 3 AND text = 'Контрольная № 2'"), 1);
}

TEST_F(JournalRaces, TwoTabsSavingALessonsNewHomeworkMakeItOnce) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
    const auto& lesson = math5a.at(1);
    std::string n = std::to_string(lesson.id), s0 = std::to_string(students[0]);
    auto type = typeId("Домашнее задание");
    auto second = teacher->get(grid(f.class5a, f.math)).body;
    // The first tab's save, not yet committed: the homework made, with a 5 for the first student.
    auto raced = racing(
        [&](Poco::Data::Session& s) {
            store::journal::GradebookRepository book(portal.db(), s);
            auto at = portal.clock().unixSeconds();
            auto id = book.addAssignment({0, lesson.id, type, "№ 245, 247", lesson.date, 1},
                                         f.vorontsova, at);
            book.putMark({students[0], id, {domain::journal::MarkEntry::Kind::Mark, 5}, ""},
                         f.vorontsova, at);
        },
        [&] {
            return saveFrom(*teacher, second, f.class5a, f.math,
                            {{"y-n" + n, std::to_string(type)},
                             {"t-n" + n, "№ 245, 247"},
                             {"m-" + s0 + "-n" + n, "4"},
                             {"m-" + std::to_string(students[1]) + "-n" + n, "3"}});
        });
    // The second tab's homework is the first's; its 4 is over a 5 it did not see.
    EXPECT_EQ(raced.status, 409) << raced.body;
    EXPECT_TRUE(contains(raced.body, "сейчас «5», у вас «4»")) << raced.body;
    ASSERT_EQ(assignmentsOn(lesson.id).size(), 1u);
    EXPECT_EQ(count("marks"), 1);  // the first tab's 5; the second's 3 waits: all or nothing
}
