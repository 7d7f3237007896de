// The journal's tables as the store writes and reads them, and the constraints that hold
// whatever code writes (both databases).
#include <gtest/gtest.h>

#include "crypto/Random.h"
#include "flows/PeopleImport.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/LessonRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/TeachingRepository.h"
#include "support/JournalFixture.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;
using namespace netcity::store::journal;
using domain::journal::MarkEntry;

namespace {

domain::CalendarDate d(const char* iso) {
    return *domain::CalendarDate::parse(iso);
}

class JournalStore : public ::testing::Test {
  protected:
    void SetUp() override {
        flows::PeopleImport import(database.db(), hasher, vault, clock);
        ASSERT_TRUE(import.run(kSmallRegionCsv, false).written);
        ASSERT_TRUE(import.run(kMoreStaffCsv, false).written);
        f = JournalFixture::build(database.db());
    }
    // A statement that must be refused by the schema itself.
    bool refused(const std::string& sql) {
        auto s = database.db().session();
        try {
            s << database.db().sql(sql), Poco::Data::Keywords::now;
        } catch (const Poco::Exception&) {
            return true;
        }
        return false;
    }

    TestDatabase database;
    ManualClock clock;
    crypto::PasswordHasher hasher{{.memoryKiB = 8 * 1024, .iterations = 1, .maxConcurrent = 1}};
    store::SnilsVault vault{crypto::randomBytes(32), crypto::randomBytes(32)};
    JournalFixture f;
};

}  // namespace

TEST_F(JournalStore, TheTimetableMakesTheYearsLessonsOnce) {
    auto s = database.db().session();
    LessonRepository lessons(database.db(), s);
    auto year = SchoolYearRepository(database.db(), s).year(f.yearId).value();
    EXPECT_EQ(year.terms.size(), 4u);
    std::size_t expected = 0;
    for (int weekday : {1, 1, 2, 3, 4})
        expected += domain::journal::schoolDays(year, weekday).size();
    EXPECT_EQ(lessons.ofClass(f.class5a, year.startsOn, year.endsOn).size(), expected);
    EXPECT_EQ(lessons.makeLessons(year, f.class5a), 0);

    auto week = lessons.ofClass(f.class5a, d("2026-11-23"), d("2026-11-28"));
    ASSERT_EQ(week.size(), 5u);
    EXPECT_EQ(week[0].subjectName, "Математика");
    EXPECT_EQ(week[0].number, 1);
    EXPECT_EQ(week[1].subjectName, "Русский язык");
    EXPECT_EQ(week[2].date.iso(), "2026-11-24");
    EXPECT_EQ(week[2].teacherId, f.sokolov);
    EXPECT_EQ(week[4].room, "201");
    // The autumn holidays have no lessons.
    EXPECT_TRUE(lessons.ofClass(f.class5a, d("2026-10-26"), d("2026-11-04")).empty());
}

TEST_F(JournalStore, MarksAreWrittenReplacedAndCleared) {
    auto s = database.db().session();
    LessonRepository lessons(database.db(), s);
    GradebookRepository book(database.db(), s);
    auto lesson = lessons.lessonAt(f.class5a, d("2026-11-23"), 1).value();
    auto homework = book.assignmentType("Домашнее задание").value();
    auto id = book.addAssignment({0, lesson.id, homework.id, "№ 12–15", d("2026-11-25"), 1},
                                 f.vorontsova, 100);
    book.putMark({f.lebedev, id, {MarkEntry::Kind::Mark, 4}, ""}, f.vorontsova, 101);
    book.putMark({f.lebedev, id, {MarkEntry::Kind::Mark, 5}, "молодец"}, f.vorontsova, 102);
    auto mark = book.mark(f.lebedev, id).value();
    EXPECT_EQ(mark.entry, (MarkEntry{MarkEntry::Kind::Mark, 5}));
    EXPECT_EQ(mark.comment, "молодец");
    book.putMark({f.lebedev, id, {MarkEntry::Kind::Duty, 0}, ""}, f.vorontsova, 103);
    EXPECT_EQ(book.mark(f.lebedev, id)->entry.kind, MarkEntry::Kind::Duty);
    EXPECT_EQ(book.marksOn({id}).size(), 1u);
    book.putMark({f.lebedev, id, {}, ""}, f.vorontsova, 104);
    EXPECT_FALSE(book.mark(f.lebedev, id));

    book.putAbsence({f.lebedev, lesson.id, "Б"}, f.vorontsova, 105);
    EXPECT_EQ(book.absence(f.lebedev, lesson.id)->code, "Б");
    book.putAbsence({f.lebedev, lesson.id, ""}, f.vorontsova, 106);
    EXPECT_FALSE(book.absence(f.lebedev, lesson.id));
    EXPECT_EQ(book.assignmentsOf({lesson.id}).at(0).text, "№ 12–15");
}

TEST_F(JournalStore, TheSchemaRefusesWhatNoCodeMayWrite) {
    std::int64_t lessonId = 0;
    {
        auto s = database.db().session();
        lessonId = LessonRepository(database.db(), s).lessonAt(f.class5a, d("2026-11-23"), 1)->id;
        GradebookRepository(database.db(), s)
            .addAssignment({0, lessonId, 1, "ответ", d("2026-11-23"), 1}, f.vorontsova, 1);
    }
    auto student = std::to_string(f.lebedev);
    auto insertMark = [&](const std::string& mark, const std::string& duty) {
        return "INSERT INTO marks (student_user_id, assignment_id, mark, duty, updated_at)"
               " VALUES (" +
               student + ", (SELECT MIN(id) FROM assignments), " + mark + ", " + duty + ", 1)";
    };
    EXPECT_TRUE(refused(insertMark("5", "1")));     // a mark and a duty at once
    EXPECT_TRUE(refused(insertMark("NULL", "0")));  // neither
    EXPECT_TRUE(refused(insertMark("11", "0")));    // beyond any scale
    EXPECT_FALSE(refused(insertMark("5", "0")));
    EXPECT_TRUE(
        refused("INSERT INTO absences (lesson_id, student_user_id, code, updated_at)"
                " VALUES (" +
                std::to_string(lessonId) + ", " + student + ", 'X', 1)"));
    EXPECT_TRUE(refused("UPDATE assignments SET weight = 0"));
    // One lesson per class, date and number, unless cancelled.
    auto duplicate =
        "INSERT INTO lessons (school_year_id, class_id, subject_id, teacher_user_id,"
        " lesson_date, number) SELECT school_year_id, class_id, subject_id,"
        " teacher_user_id, lesson_date, number FROM lessons WHERE id = " +
        std::to_string(lessonId);
    EXPECT_TRUE(refused(duplicate));
    {
        auto s = database.db().session();
        EXPECT_TRUE(LessonRepository(database.db(), s).cancel(lessonId));
    }
    EXPECT_FALSE(refused(duplicate));
}

TEST_F(JournalStore, LessonsMoveOnlyToAFreePlace) {
    auto s = database.db().session();
    store::Transaction tx(database.db(), s);  // a move runs in its caller's transaction
    LessonRepository lessons(database.db(), s);
    auto monday1 = lessons.lessonAt(f.class5a, d("2026-11-23"), 1).value();
    EXPECT_EQ(lessons.move(monday1.id, d("2026-11-23"), 2), LessonMove::PlaceTaken);
    EXPECT_EQ(lessons.move(monday1.id, d("2026-11-23"), 5), LessonMove::Moved);
    EXPECT_EQ(lessons.lesson(monday1.id)->number, 5);
    EXPECT_EQ(lessons.move(999999, d("2026-11-23"), 6), LessonMove::NotFound);
}

TEST_F(JournalStore, AKeeperKnowsTheirTeachingAndClasses) {
    auto s = database.db().session();
    TeachingRepository teaching(database.db(), s);
    auto k = teaching.keeper(f.vorontsova).value();
    EXPECT_EQ(k.organizationId, f.organizationId);
    EXPECT_TRUE(k.teaching.count({f.class5a, f.math}));
    EXPECT_FALSE(k.teaching.count({f.class5a, f.literature}));
    EXPECT_TRUE(k.classTeacherOf.count(f.class5a));
    auto students = teaching.studentsOf(f.class6b);
    ASSERT_EQ(students.size(), 2u);
    EXPECT_EQ(students[0].lastName, "Морозов");
    EXPECT_EQ(teaching.teachingOfClass(f.class5a).size(), 3u);
    EXPECT_EQ(teaching.teachingOf(f.sokolov).size(), 2u);
    EXPECT_EQ(teaching.subject(f.organizationId, "Математика"), f.math);
}

TEST_F(JournalStore, SchoolYearsOfAnOrganizationDoNotOverlap) {
    auto org = std::to_string(f.organizationId);
    // The fixture's 2026/2027 runs 01.09.2026–31.08.2027.
    EXPECT_TRUE(
        refused("INSERT INTO school_years (organization_id, name, starts_on, ends_on,"
                " term_kind) VALUES (" +
                org + ", 'x', '2027-08-01', '2028-06-30', 'half')"));
    EXPECT_FALSE(
        refused("INSERT INTO school_years (organization_id, name, starts_on, ends_on,"
                " term_kind) VALUES (" +
                org + ", '2027/2028', '2027-09-01', '2028-08-31', 'half')"));
    // Stretching a year over the next is refused too; the upsert of the same first day is not.
    EXPECT_TRUE(refused("UPDATE school_years SET ends_on = '2027-09-30' WHERE id = " +
                        std::to_string(f.yearId)));
    auto s = database.db().session();
    SchoolYearRepository years(database.db(), s);
    auto year = years.year(f.yearId).value();
    year.name = "2026/27";
    EXPECT_EQ(years.save(f.organizationId, year), f.yearId);
    EXPECT_EQ(years.year(f.yearId)->name, "2026/27");
}
