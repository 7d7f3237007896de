#include <gtest/gtest.h>

#include "domain/journal/BellSchedule.h"
#include "domain/journal/SchoolCalendar.h"

using namespace netcity::domain::journal;
using netcity::domain::CalendarDate;

namespace {

CalendarDate d(const char* iso) {
    return *CalendarDate::parse(iso);
}

SchoolYear quarters() {
    SchoolYear y{0, "2026/2027", d("2026-09-01"), d("2027-08-31"), TermKind::Quarter, {}};
    y.terms = {{1, 1, d("2026-09-01"), d("2026-10-25")},
               {2, 2, d("2026-11-05"), d("2026-12-28")},
               {3, 3, d("2027-01-09"), d("2027-03-21")},
               {4, 4, d("2027-03-30"), d("2027-05-26")}};
    return y;
}

}  // namespace

TEST(SchoolCalendar, FindsTheTermOfADate) {
    auto y = quarters();
    EXPECT_EQ(y.termOf(d("2026-09-01"))->number, 1);
    EXPECT_EQ(y.termOf(d("2026-10-25"))->number, 1);
    EXPECT_EQ(y.termOf(d("2026-12-01"))->number, 2);
    EXPECT_FALSE(y.termOf(d("2026-11-01")));  // autumn holidays
    EXPECT_EQ(y.termFor(d("2026-11-01"))->number, 1);
    EXPECT_EQ(y.termFor(d("2027-06-15"))->number, 4);
    EXPECT_FALSE(y.termFor(d("2026-08-31")));
    EXPECT_FALSE(y.termFor(d("2027-09-01")));
    EXPECT_TRUE(y.contains(d("2027-08-31")));
}

TEST(SchoolCalendar, ALessonStandsOnlyOnADayOfATerm) {
    auto y = quarters();
    EXPECT_EQ(lessonDay(y, d("2026-09-01")), LessonDay::InTerm);
    EXPECT_EQ(lessonDay(y, d("2026-12-28")), LessonDay::InTerm);
    EXPECT_EQ(lessonDay(y, d("2026-11-02")), LessonDay::Holiday);  // autumn holidays
    EXPECT_EQ(lessonDay(y, d("2027-06-15")), LessonDay::Holiday);  // summer, still the year
    EXPECT_EQ(lessonDay(y, d("2026-08-31")), LessonDay::OutsideYear);
    EXPECT_EQ(lessonDay(y, d("2027-09-01")), LessonDay::OutsideYear);
}

TEST(SchoolCalendar, SchoolDaysSkipHolidays) {
    auto days = schoolDays(quarters(), 2);  // Tuesdays
    ASSERT_FALSE(days.empty());
    EXPECT_EQ(days.front().iso(), "2026-09-01");
    EXPECT_EQ(days.back().iso(), "2027-05-25");
    for (const auto& day : days) {
        EXPECT_EQ(day.weekday(), 2);
        EXPECT_TRUE(quarters().termOf(day)) << day.iso();
    }
    // Term 1 has 8 Tuesdays (Sep 1 … Oct 20); the autumn holidays none.
    EXPECT_EQ(days[7].iso(), "2026-10-20");
    EXPECT_EQ(days[8].iso(), "2026-11-10");
}

TEST(SchoolCalendar, ATermsMonthsAreCutToTheTerm) {
    auto y = quarters();
    auto second = monthsOf(y.terms[1]);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(second[0].from, d("2026-11-05"));
    EXPECT_EQ(second[0].to, d("2026-11-30"));
    EXPECT_EQ(second[1].from, d("2026-12-01"));
    EXPECT_EQ(second[1].to, d("2026-12-28"));
    EXPECT_TRUE(second[1].contains(d("2026-12-28")));
    EXPECT_FALSE(second[1].contains(d("2026-11-30")));
    auto third = monthsOf(y.terms[2]);  // across the new year: январь, февраль, март
    ASSERT_EQ(third.size(), 3u);
    EXPECT_EQ(third[0].from, d("2027-01-09"));
    EXPECT_EQ(third[1].from, d("2027-02-01"));
    EXPECT_EQ(third[1].to, d("2027-02-28"));
    EXPECT_EQ(third[2].to, d("2027-03-21"));
    Term oneDay{0, 1, d("2026-12-31"), d("2026-12-31")};
    ASSERT_EQ(monthsOf(oneDay).size(), 1u);
    EXPECT_EQ(monthsOf(oneDay)[0].to, d("2026-12-31"));
}

TEST(SchoolCalendar, ChecksTermsAgainstTheYear) {
    EXPECT_EQ(check(quarters()), CalendarProblem::None);
    auto y = quarters();
    y.terms.pop_back();
    EXPECT_EQ(check(y), CalendarProblem::WrongTermCount);
    y = quarters();
    y.termKind = TermKind::Half;
    EXPECT_EQ(check(y), CalendarProblem::WrongTermCount);
    y = quarters();
    y.terms[1].startsOn = d("2026-10-20");
    EXPECT_EQ(check(y), CalendarProblem::TermsOverlap);
    y = quarters();
    y.terms[0].startsOn = d("2026-08-25");
    EXPECT_EQ(check(y), CalendarProblem::TermOutsideYear);
    y = quarters();
    y.terms[2].endsOn = d("2027-01-01");
    EXPECT_EQ(check(y), CalendarProblem::TermBackwards);
    y = quarters();
    y.endsOn = y.startsOn;
    EXPECT_EQ(check(y), CalendarProblem::YearBackwards);
}

TEST(SchoolCalendar, NamesTermsAsSchoolsDo) {
    EXPECT_EQ(termName(TermKind::Quarter, 2), "2 четверть");
    EXPECT_EQ(termName(TermKind::Trimester, 3), "3 триместр");
    EXPECT_EQ(termName(TermKind::Half, 1), "1 полугодие");
    EXPECT_EQ(parseTermKind("trimester"), TermKind::Trimester);
    EXPECT_FALSE(parseTermKind("semester"));
}

TEST(BellSchedule, KeepsLessonsInOrderWithoutOverlap) {
    auto t = [](const char* s) { return *LessonTime::parse(s); };
    BellSchedule bells;
    EXPECT_EQ(bells.add(1, {t("08:30"), t("09:15")}), BellProblem::None);
    EXPECT_EQ(bells.add(2, {t("09:25"), t("10:10")}), BellProblem::None);
    EXPECT_EQ(bells.add(3, {t("10:05"), t("10:50")}), BellProblem::Overlaps);
    EXPECT_EQ(bells.add(2, {t("11:00"), t("11:45")}), BellProblem::Overlaps);
    EXPECT_EQ(bells.add(0, {t("08:00"), t("08:40")}), BellProblem::Overlaps);
    EXPECT_EQ(bells.add(0, {t("07:40"), t("08:20")}), BellProblem::None);
    EXPECT_EQ(bells.add(4, {t("12:00"), t("11:15")}), BellProblem::EndsBeforeStart);
    EXPECT_EQ(bells.add(13, {t("18:00"), t("18:45")}), BellProblem::NumberOutOfRange);
    EXPECT_EQ(bells.of(2)->starts.text(), "09:25");
    EXPECT_FALSE(bells.of(4));
}

TEST(LessonTime, ParsesClockTimes) {
    EXPECT_EQ(LessonTime::parse("8:30")->text(), "08:30");
    EXPECT_EQ(LessonTime::parse("23:59")->minutes(), 23 * 60 + 59);
    for (const char* bad : {"24:00", "12:60", "1230", "12:3", ":30", "ab:cd", ""})
        EXPECT_FALSE(LessonTime::parse(bad)) << bad;
}
