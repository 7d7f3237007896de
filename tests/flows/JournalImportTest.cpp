// `netcity admin import` with the journal's record kinds (docs/csv-format.md, «Journal records»).
#include <gtest/gtest.h>

#include "crypto/Random.h"
#include "flows/ImportRow.h"
#include "flows/PeopleImport.h"
#include "support/TestDatabase.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;
using Code = flows::ImportProblem::Code;

namespace {

std::string header() {
    std::string out;
    for (const auto& c : flows::importColumns()) out += (out.empty() ? "" : ",") + c;
    return out + "\n";
}

// One line of the file from the columns it fills.
std::string row(std::initializer_list<std::pair<std::string, std::string>> values) {
    std::string out;
    for (const auto& c : flows::importColumns()) {
        std::string value;
        for (const auto& [column, v] : values)
            if (column == c) value = v;
        if (value.find(',') != std::string::npos || value.find('"') != std::string::npos)
            value = "\"" + value + "\"";
        out += (c == "record" ? "" : ",") + value;
    }
    return out + "\n";
}

const std::string kYear = row({{"record", "school_year"},
                               {"parent", "org-g1"},
                               {"year", "2026/2027"},
                               {"type", "quarter"},
                               {"start", "01.09.2026"},
                               {"end", "31.08.2027"},
                               {"terms",
                                "01.09.2026-25.10.2026;05.11.2026-28.12.2026;"
                                "09.01.2027-21.03.2027;30.03.2027-26.05.2027"}});

std::string bell(const char* number, const char* start, const char* end) {
    return row({{"record", "bell"},
                {"parent", "org-g1"},
                {"number", number},
                {"start", start},
                {"end", end}});
}

std::string subject(const char* name) {
    return row({{"record", "subject"}, {"parent", "org-g1"}, {"subject", name}});
}

std::string slot(const char* weekday, const char* number, const char* subject,
                 const char* teacher) {
    return row({{"record", "timetable"},
                {"parent", "cls-5a"},
                {"year", "2026/2027"},
                {"weekday", weekday},
                {"number", number},
                {"subject", subject},
                {"login", teacher},
                {"room", "201"}});
}

std::string assignment(const char* date, const char* number, const char* type,
                       const char* weight = "") {
    return row({{"record", "assignment"},
                {"parent", "cls-5a"},
                {"date", date},
                {"number", number},
                {"type", type},
                {"text", "№ 12, 14 (с. 31)"},
                {"weight", weight}});
}

std::string mark(const char* student, const char* date, const char* type, const char* value) {
    return row({{"record", "mark"},
                {"parent", "cls-5a"},
                {"login", student},
                {"date", date},
                {"number", "1"},
                {"type", type},
                {"mark", value}});
}

std::string absence(const char* date, const char* number, const char* code) {
    return row({{"record", "absence"},
                {"parent", "cls-5a"},
                {"login", "lebedev.ka"},
                {"date", date},
                {"number", number},
                {"mark", code}});
}

// 5А of the gymnasium: Monday 1 Математика, Wednesday 2 Русский язык, homework and a test on
// the first Monday with their marks, an absence on the first Wednesday.
const std::string kJournal =
    header() + kYear + bell("1", "08:30", "09:15") + bell("2", "09:25", "10:10") +
    subject("Математика") + subject("Русский язык") +
    row({{"record", "teaching"},
         {"parent", "cls-5a"},
         {"login", "vorontsova.em"},
         {"subject", "Математика"}}) +
    slot("пн", "1", "Математика", "vorontsova.em") + slot("3", "2", "Русский язык", "morozova.on") +
    assignment("07.09.2026", "1", "Домашнее задание") +
    assignment("07.09.2026", "1", "Контрольная работа", "3") +
    mark("lebedev.ka", "07.09.2026", "Домашнее задание", "5") +
    mark("lebedev.ka", "07.09.2026", "Контрольная работа", "долг") +
    absence("09.09.2026", "2", "Н");

class JournalImport : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(import.run(kSmallRegionCsv, false).written);
        ASSERT_TRUE(import.run(kMoreStaffCsv, false).written);
    }

    std::map<int, flows::ImportProblem> problems(const std::string& csv) {
        auto report = import.run(csv, false);
        EXPECT_FALSE(report.written);
        std::map<int, flows::ImportProblem> byLine;
        for (const auto& e : report.errors) byLine[e.line] = e.problem;
        return byLine;
    }

    TestDatabase database;
    crypto::PasswordHasher hasher{{.memoryKiB = 8 * 1024, .iterations = 1, .maxConcurrent = 2}};
    store::SnilsVault vault{crypto::randomBytes(32), crypto::randomBytes(32)};
    ManualClock clock;
    flows::PeopleImport import{database.db(), hasher, vault, clock};
};

}  // namespace

TEST_F(JournalImport, ImportsTheTimetableWithItsLessonsAndReimportsIdempotently) {
    auto first = import.run(kJournal, false);
    ASSERT_TRUE(first.written) << first.errors.size();
    // Mondays and Wednesdays of the four quarters, the holidays between them skipped.
    EXPECT_EQ(first.imported["lesson"], 33 + 34);
    EXPECT_EQ(first.imported["timetable"], 2);
    auto second = import.run(kJournal, false);
    ASSERT_TRUE(second.written);
    EXPECT_EQ(second.imported.count("lesson"), 0u);
    EXPECT_EQ(database.count("school_years"), 1);
    EXPECT_EQ(database.count("terms"), 4);
    EXPECT_EQ(database.count("bell_schedule"), 2);
    EXPECT_EQ(database.count("subjects"), 2);
    EXPECT_EQ(database.count("teaching_assignments"), 1);
    EXPECT_EQ(database.count("timetable_slots"), 2);
    EXPECT_EQ(database.count("lessons"), 67);
    EXPECT_EQ(database.count("lessons WHERE lesson_date = '2026-10-26'"), 0);  // holidays
    EXPECT_EQ(database.count("assignments"), 2);
    EXPECT_EQ(database.count("assignments WHERE weight = 3 AND updated_by IS NULL"), 1);
    EXPECT_EQ(database.count("marks"), 2);
    EXPECT_EQ(database.count("marks WHERE mark = 5"), 1);
    EXPECT_EQ(database.count("marks WHERE duty = 1"), 1);
    EXPECT_EQ(database.count("absences WHERE code = 'Н'"), 1);
}

TEST_F(JournalImport, LaterFileMayReferToTheYearLessonsAndAssignmentsInTheDatabase) {
    ASSERT_TRUE(import.run(kJournal, false).written);
    auto more = import.run(header() + assignment("14.09.2026", "1", "Диктант") +
                               mark("lebedev.ka", "07.09.2026", "Домашнее задание", "4") +
                               mark("lebedev.ka", "14.09.2026", "Диктант", "3"),
                           false);
    ASSERT_TRUE(more.written) << static_cast<int>(more.errors.at(0).problem.code);
    EXPECT_EQ(database.count("assignments"), 3);
    EXPECT_EQ(database.count("marks WHERE mark = 4"), 1);  // replaced the 5
    EXPECT_EQ(database.count("marks"), 3);
}

TEST_F(JournalImport, EachBadRowIsNamedByLineAndNothingIsWritten) {
    std::string threeQuarters = kYear;
    threeQuarters.replace(threeQuarters.find(";30.03.2027-26.05.2027"),
                          std::string(";30.03.2027-26.05.2027").size(), "");
    threeQuarters.replace(threeQuarters.find("01.09.2026"), 10, "01.09.2025");
    threeQuarters.replace(threeQuarters.find("2026/2027"), 9, "2025/2026");
    auto byLine =
        problems(header() + kYear + bell("1", "08:30", "09:15") + subject("Математика") +  // 2–4
                 slot("пн", "1", "Математика", "vorontsova.em") +                          // 5
                 assignment("07.09.2026", "1", "Домашнее задание") +                       // 6
                 mark("lebedev.ka", "07.09.2026", "Домашнее задание", "7") +               // 7
                 assignment("01.08.2026", "1", "Домашнее задание") +                       // 8
                 assignment("08.09.2026", "1", "Домашнее задание") +                       // 9
                 slot("вт", "1", "Математика", "belova.ia") +                              // 10
                 row({{"record", "teaching"},
                      {"parent", "cls-5a"},
                      {"login", "vorontsova.em"},
                      {"subject", "Физика"}}) +                              // 11
                 assignment("07.09.2026", "1", "Реферат") +                  // 12
                 bell("2", "08:50", "09:40") +                               // 13
                 threeQuarters +                                             // 14
                 slot("пт", "5", "Математика", "vorontsova.em") +            // 15
                 absence("07.09.2026", "1", "Х") +                           // 16
                 mark("orlova.di", "07.09.2026", "Домашнее задание", "5") +  // 17
                 row({{"record", "bell"},
                      {"key", "b-3"},
                      {"parent", "org-g1"},
                      {"number", "3"},
                      {"start", "10:20"},
                      {"end", "11:05"}}) +                         // 18
                 slot("вс", "1", "Математика", "vorontsova.em"));  // 19
    for (int good = 2; good <= 6; ++good) EXPECT_EQ(byLine.count(good), 0u) << good;
    EXPECT_EQ(byLine[7].code, Code::Mark);
    EXPECT_EQ(byLine[7].mark, domain::journal::MarkProblem::OutOfScale);
    EXPECT_EQ(byLine[8].code, Code::DateOutsideYear);
    EXPECT_EQ(byLine[8].date, "01.08.2026");
    EXPECT_EQ(byLine[9].code, Code::NoLesson);
    EXPECT_EQ(byLine[9].number, 1);
    EXPECT_EQ(byLine[10].code, Code::UnknownTeacher);  // a teacher of another organization
    EXPECT_EQ(byLine[10].value, "belova.ia");
    EXPECT_EQ(byLine[11].code, Code::UnknownSubject);
    EXPECT_EQ(byLine[12].code, Code::UnknownAssignmentType);
    EXPECT_EQ(byLine[13].code, Code::Bell);
    EXPECT_EQ(byLine[13].bell, domain::journal::BellProblem::Overlaps);
    EXPECT_EQ(byLine[14].code, Code::Calendar);
    EXPECT_EQ(byLine[14].calendar, domain::journal::CalendarProblem::WrongTermCount);
    EXPECT_EQ(byLine[15].code, Code::NoBell);
    EXPECT_EQ(byLine[16].code, Code::UnknownAbsenceKind);
    EXPECT_EQ(byLine[17].code, Code::UnknownStudent);  // a student of 6Б, not 5А
    EXPECT_EQ(byLine[18].code, Code::UnusedColumnFilled);
    EXPECT_EQ(byLine[18].column, "key");
    EXPECT_EQ(byLine[19].code, Code::BadWeekday);
    for (const char* table : {"school_years", "bell_schedule", "subjects", "timetable_slots",
                              "lessons", "assignments", "marks", "absences"})
        EXPECT_EQ(database.count(table), 0) << table;
}

TEST_F(JournalImport, DuplicatesInTheFileAndUnknownYearsAreBad) {
    auto byLine =
        problems(header() + kYear + bell("1", "08:30", "09:15") + bell("1", "08:30", "09:15") +
                 subject("Математика") + subject("Математика") +
                 row({{"record", "timetable"},
                      {"parent", "cls-5a"},
                      {"year", "2030/2031"},
                      {"weekday", "1"},
                      {"number", "1"},
                      {"subject", "Математика"},
                      {"login", "vorontsova.em"}}));
    EXPECT_EQ(byLine[4].code, Code::DuplicateRow);
    EXPECT_EQ(byLine[4].kind, "bell");
    EXPECT_EQ(byLine[6].code, Code::DuplicateRow);
    EXPECT_EQ(byLine[7].code, Code::UnknownYear);
    EXPECT_EQ(database.count("school_years"), 0);
}

TEST_F(JournalImport, SkipBadSkipsWhatDependsOnASkippedRow) {
    auto report =
        import.run(header() + kYear + bell("1", "08:30", "09:15") + subject("Математика") +
                       slot("пн", "1", "Математика", "nobody.x") +         // bad
                       assignment("07.09.2026", "1", "Домашнее задание"),  // no lesson
                   true);
    EXPECT_TRUE(report.written);
    ASSERT_EQ(report.errors.size(), 2u);
    EXPECT_EQ(report.errors[1].problem.code, Code::NoLesson);
    EXPECT_EQ(database.count("school_years"), 1);
    EXPECT_EQ(database.count("lessons"), 0);
}

namespace {

std::string year(const char* name, const char* start, const char* end, const char* terms) {
    return row({{"record", "school_year"},
                {"parent", "org-g1"},
                {"year", name},
                {"type", "half"},
                {"start", start},
                {"end", end},
                {"terms", terms}});
}

}  // namespace

TEST_F(JournalImport, AYearOverlappingAnotherOfTheSchoolIsBad) {
    ASSERT_TRUE(import.run(kJournal, false).written);  // 2026/2027: 01.09.2026–31.08.2027
    auto byLine =
        problems(header() +
                 year("2027/2028", "01.08.2027", "31.07.2028",
                      "01.09.2027-28.12.2027;09.01.2028-31.05.2028") +  // 2: into the stored year
                 year("2028/2029", "01.09.2028", "31.08.2029",
                      "01.09.2028-28.12.2028;09.01.2029-31.05.2029") +  // 3: fine
                 year("2029/2030", "01.08.2029", "31.07.2030",
                      "01.09.2029-28.12.2029;09.01.2030-31.05.2030"));  // 4: into line 3's
    EXPECT_EQ(byLine[2].code, Code::YearsOverlap);
    EXPECT_EQ(byLine[2].value, "2026/2027");
    EXPECT_EQ(byLine[2].date, "01.09.2026–31.08.2027");
    EXPECT_EQ(byLine.count(3), 0u);
    EXPECT_EQ(byLine[4].code, Code::YearsOverlap);
    EXPECT_EQ(byLine[4].value, "2028/2029");
    EXPECT_EQ(database.count("school_years"), 1);
    // The stored year itself, given again with its first day, replaces itself.
    EXPECT_TRUE(import.run(header() + kYear, false).written);
}

TEST_F(JournalImport, NewTermsThatLeaveLessonsOutsideAreBad) {
    ASSERT_TRUE(import.run(kJournal, false).written);
    std::string shorter = kYear;  // the first quarter ends a week earlier
    shorter.replace(shorter.find("25.10.2026"), 10, "18.10.2026");
    auto byLine = problems(header() + shorter);
    EXPECT_EQ(byLine[2].code, Code::LessonsOutsideTerms);
    EXPECT_EQ(byLine[2].date, "19.10.2026");  // Monday and Wednesday of the cut week
    EXPECT_EQ(byLine[2].found, 2u);
    EXPECT_EQ(database.count("terms WHERE ends_on = '2026-10-25'"), 1);
    std::string longer = kYear;  // the second quarter starts earlier: no lesson is lost
    longer.replace(longer.find("05.11.2026"), 10, "02.11.2026");
    EXPECT_TRUE(import.run(header() + longer, false).written);
}

TEST_F(JournalImport, ABellThatContradictsTheStoredBellsIsBad) {
    ASSERT_TRUE(import.run(kJournal, false).written);  // 1: 08:30–09:15, 2: 09:25–10:10
    auto byLine = problems(header() + bell("3", "08:00", "08:40") + bell("4", "10:20", "11:05"));
    EXPECT_EQ(byLine[2].code, Code::BellAgainstStored);
    EXPECT_EQ(byLine[2].number, 3);
    EXPECT_EQ(byLine[2].found, 1u);
    EXPECT_EQ(byLine[2].value, "08:30–09:15");
    EXPECT_EQ(byLine.count(3), 0u);
    EXPECT_EQ(database.count("bell_schedule"), 2);
    // A file that gives the stored bells again, all shifted, is judged as a whole.
    EXPECT_TRUE(import
                    .run(header() + bell("1", "09:00", "09:45") + bell("2", "09:55", "10:40") +
                             bell("3", "10:50", "11:35"),
                         false)
                    .written);
    EXPECT_EQ(database.count("bell_schedule WHERE starts_at = '09:00'"), 1);
}

namespace {

std::string announcement(const char* login, const char* title, const std::string& text,
                         const char* date, const char* classes = "") {
    return row({{"record", "announcement"},
                {"parent", "org-g1"},
                {"login", login},
                {"title", title},
                {"text", text},
                {"date", date},
                {"class", classes}});
}

}  // namespace

TEST_F(JournalImport, ImportsAnnouncementsForTheSchoolAndForClassesOnce) {
    std::string text = "Собрание в актовом зале в 18:00.\nПриходите, пожалуйста, все.";
    std::string file = header() +
                       announcement("vorontsova.em", "Родительское собрание", text, "20.11.2026") +
                       announcement("vorontsova.em", "Экскурсия", "Едем в музей, сбор в 9:00.",
                                    "21.11.2026", "cls-5a; cls-6b");
    auto first = import.run(file, false);
    ASSERT_TRUE(first.written) << static_cast<int>(first.errors.at(0).problem.code);
    EXPECT_EQ(first.imported["announcement"], 2);
    EXPECT_EQ(database.count("announcements"), 2);
    EXPECT_EQ(database.count("announcements WHERE whole_organization = 1 AND body LIKE '%\nПри%'"),
              1);
    auto midnight = domain::CalendarDate::parse("20.11.2026")->unixSeconds();
    EXPECT_EQ(database.count("announcements WHERE posted_at = " + std::to_string(midnight)), 1);
    EXPECT_EQ(database.count("announcement_classes"), 2);
    ASSERT_TRUE(import.run(file, false).written);
    EXPECT_EQ(database.count("announcements"), 2);
    EXPECT_EQ(database.count("announcement_classes"), 2);
    // A newer text of the same day's announcement replaces the old, and its audience too.
    ASSERT_TRUE(import
                    .run(header() + announcement("vorontsova.em", "Экскурсия",
                                                 "Экскурсия переносится.", "21.11.2026"),
                         false)
                    .written);
    EXPECT_EQ(database.count("announcements WHERE body = 'Экскурсия переносится.' AND "
                             "whole_organization = 1"),
              1);
    EXPECT_EQ(database.count("announcement_classes"), 0);
}

TEST_F(JournalImport, BadAnnouncementsAreNamedByLine) {
    ASSERT_TRUE(import
                    .run(header() + row({{"record", "class"},
                                         {"key", "cls-ds-1"},
                                         {"parent", "org-ds"},
                                         {"name", "Группа 1"}}),
                         false)
                    .written);
    auto byLine = problems(
        header() + announcement("sokolov.pi", "Собрание", "Текст", "20.11.2026") +         // 2
        announcement("vorontsova.em", "Собрание", "Текст", "23.11.2026") +                 // 3
        announcement("vorontsova.em", "Собрание", "Текст", "20.11.2026", "cls-ds-1") +     // 4
        announcement("vorontsova.em", "Собрание", std::string(5001, 'a'), "20.11.2026") +  // 5
        announcement("vorontsova.em", "Собрание", "Текст", "20.11.2026") +                 // 6
        announcement("vorontsova.em", "Собрание", "Текст", "20.11.2026") +                 // 7
        announcement("vorontsova.em", "Собрание", "Текст", "20.11.2026", "cls-9z"));       // 8
    EXPECT_EQ(byLine[2].code, Code::UnknownAdministrator);
    EXPECT_EQ(byLine[2].value, "sokolov.pi");
    EXPECT_EQ(byLine[3].code, Code::AnnouncementInFuture);
    EXPECT_EQ(byLine[3].date, "23.11.2026");
    EXPECT_EQ(byLine[4].code, Code::ClassOfOtherOrganization);
    EXPECT_EQ(byLine[5].code, Code::AnnouncementText);
    EXPECT_EQ(byLine[5].announcement, flows::journal::AnnouncementBoard::Outcome::TextTooLong);
    EXPECT_EQ(byLine.count(6), 0u);
    EXPECT_EQ(byLine[7].code, Code::DuplicateRow);
    EXPECT_EQ(byLine[8].code, Code::UnknownReference);
    EXPECT_EQ(database.count("announcements"), 0);
}
