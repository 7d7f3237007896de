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
