// The diary's pure rules: a week's days, per-subject weighted averages, what is overdue.
#include <gtest/gtest.h>

#include "flows/journal/DiaryRules.h"

using namespace netcity;
using namespace netcity::flows::journal;
using domain::journal::MarkEntry;

namespace {

domain::CalendarDate d(const char* iso) {
    return *domain::CalendarDate::parse(iso);
}

DiaryLesson lessonOn(const char* iso, int number) {
    DiaryLesson l;
    l.day = d(iso);
    l.number = number;
    return l;
}

SubjectMarkFact fact(std::int64_t subject, const char* name, int mark, int weight) {
    return {subject, name, {{MarkEntry::Kind::Mark, mark}, weight}};
}

DiaryAssignment assignment(std::int64_t type, const char* due, std::optional<DiaryMark> mark) {
    DiaryAssignment a;
    a.typeId = type;
    a.dueDate = d(due);
    a.mark = mark;
    return a;
}

constexpr std::int64_t kHomework = 2, kTest = 3;

}  // namespace

TEST(DiaryWeek, RunsMondayToSaturdayWhateverDayIsAsked) {
    auto week = arrangeWeek(d("2026-11-22"), {lessonOn("2026-11-16", 1), lessonOn("2026-11-16", 2),
                                              lessonOn("2026-11-21", 1)});
    EXPECT_EQ(week.weekStart, d("2026-11-16"));
    EXPECT_EQ(week.weekEnd, d("2026-11-21"));
    ASSERT_EQ(week.days.size(), 6u);
    EXPECT_EQ(week.days[0].lessons.size(), 2u);
    EXPECT_EQ(week.days[1].date, d("2026-11-17"));
    EXPECT_TRUE(week.days[1].lessons.empty());
    EXPECT_EQ(week.days[5].lessons.size(), 1u);
}

TEST(DiaryWeek, LeavesOutASundayAndAnotherWeeksLessons) {
    auto week =
        arrangeWeek(d("2026-11-18"), {lessonOn("2026-11-22", 1), lessonOn("2026-11-13", 1)});
    for (const auto& day : week.days) EXPECT_TRUE(day.lessons.empty()) << day.date.iso();
}

TEST(DiaryAverages, WeighEachMarkByItsAssignment) {
    auto rows = subjectAverages({{1, "Математика"}},
                                {fact(1, "Математика", 5, 1), fact(1, "Математика", 3, 3)});
    ASSERT_EQ(rows.size(), 1u);
    ASSERT_TRUE(rows[0].average);
    EXPECT_DOUBLE_EQ(*rows[0].average, 3.5);  // (5·1 + 3·3) / 4, not (5 + 3) / 2
    EXPECT_EQ(rows[0].marks, 2);
}

TEST(DiaryAverages, ListTheClassSubjectsWithoutMarksAndSubjectsBeyondThem) {
    SubjectMarkFact duty{2, "Русский язык", {{MarkEntry::Kind::Duty, 0}, 2}};
    auto rows =
        subjectAverages({{1, "Математика"}, {2, "Русский язык"}}, {duty, fact(7, "Музыка", 4, 1)});
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].subjectName, "Математика");
    EXPECT_FALSE(rows[0].average);
    EXPECT_FALSE(rows[1].average);  // a duty is not a mark
    EXPECT_EQ(rows[1].marks, 0);
    EXPECT_EQ(rows[2].subjectName, "Музыка");
    EXPECT_DOUBLE_EQ(*rows[2].average, 4.0);
}

TEST(DiaryOverdue, IsADutyOrUnmarkedHomeworkDueBeforeToday) {
    auto today = d("2026-11-22");
    DiaryMark duty{std::nullopt, true, ""}, five{5, false, ""};
    EXPECT_TRUE(isOverdue(assignment(kHomework, "2026-11-19", std::nullopt), kHomework, today));
    EXPECT_TRUE(isOverdue(assignment(kTest, "2026-11-19", duty), kHomework, today));
    EXPECT_FALSE(isOverdue(assignment(kHomework, "2026-11-19", five), kHomework, today));
    EXPECT_FALSE(isOverdue(assignment(kTest, "2026-11-19", std::nullopt), kHomework, today));
    EXPECT_FALSE(isOverdue(assignment(kHomework, "2026-11-22", std::nullopt), kHomework, today));
    EXPECT_FALSE(isOverdue(assignment(kTest, "2026-11-23", duty), kHomework, today));
}
