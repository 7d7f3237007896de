#include <gtest/gtest.h>

#include "domain/CalendarDate.h"
#include "domain/UtcOffset.h"

using netcity::domain::CalendarDate;
using netcity::domain::UtcOffset;

TEST(CalendarDate, ParsesRussianAndIso) {
    auto a = CalendarDate::parse("07.03.2010");
    auto b = CalendarDate::parse("2010-03-07");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
    EXPECT_EQ(a->iso(), "2010-03-07");
    EXPECT_EQ(b->russian(), "07.03.2010");
}

TEST(CalendarDate, RejectsImpossibleDates) {
    EXPECT_FALSE(CalendarDate::parse("31.02.2010"));
    EXPECT_FALSE(CalendarDate::parse("29.02.2023"));
    EXPECT_TRUE(CalendarDate::parse("29.02.2024"));
    EXPECT_FALSE(CalendarDate::parse("2010-13-01"));
    EXPECT_FALSE(CalendarDate::parse("7.3.2010"));
    EXPECT_FALSE(CalendarDate::parse("07.03.20a0"));
    EXPECT_FALSE(CalendarDate::parse(""));
    EXPECT_FALSE(CalendarDate::parse("01.01.1800"));
}

TEST(CalendarDate, AgeAndUnixConversion) {
    auto birth = *CalendarDate::parse("15.06.2012");
    EXPECT_EQ(birth.ageOn(*CalendarDate::parse("14.06.2026")), 13);
    EXPECT_EQ(birth.ageOn(*CalendarDate::parse("15.06.2026")), 14);
    EXPECT_EQ(CalendarDate::fromUnixSeconds(0).iso(), "1970-01-01");
    EXPECT_EQ(CalendarDate::fromUnixSeconds(1795356816).iso(), "2026-11-22");
    EXPECT_LT(*CalendarDate::parse("16.03.2025"), *CalendarDate::parse("17.03.2025"));
}

TEST(CalendarDate, MidnightUtcRoundTrips) {
    auto d = CalendarDate::parse("22.11.2026");
    EXPECT_EQ(d->unixSeconds(), 1795305600);
    EXPECT_EQ(CalendarDate::fromUnixSeconds(d->unixSeconds() + 86399), *d);
    EXPECT_EQ(CalendarDate::parse("01.01.1970")->unixSeconds(), 0);
    EXPECT_EQ(CalendarDate::fromUnixSeconds(CalendarDate::parse("29.02.2024")->unixSeconds()),
              *CalendarDate::parse("29.02.2024"));
}

TEST(UtcOffset, TheRegionsClockOnSlipsAndLogs) {
    auto tomsk = UtcOffset::parse("+07:00");
    ASSERT_TRUE(tomsk);
    EXPECT_EQ(tomsk->format(1795305600 + 17 * 3600 + 16 * 60), "23.11.2026 00:16 (UTC+7)");
    EXPECT_EQ(UtcOffset::parse("+5")->label(), "UTC+5");
    EXPECT_EQ(UtcOffset::parse("-03:30")->label(), "UTC-3:30");
    EXPECT_EQ(UtcOffset::parse("UTC")->format(0), "01.01.1970 00:00 (UTC)");
    for (const char* bad : {"7", "+", "+15", "+07:60", "+07:0", "+07-00", "MSK"})
        EXPECT_FALSE(UtcOffset::parse(bad)) << bad;
}

// The cut-off date and the appeal's month are the region's: at 23:30 UTC on 16.03.2025 it is
// already 17.03.2025 in Томск (+07:00), still 16.03 in UTC, and 16.03 west of Greenwich.
TEST(UtcOffset, TheRegionsDateAtAnInstant) {
    std::int64_t lateOn16th = CalendarDate::parse("16.03.2025")->unixSeconds() + 23 * 3600 + 1800;
    EXPECT_EQ(UtcOffset::parse("+07:00")->dateAt(lateOn16th).russian(), "17.03.2025");
    EXPECT_EQ(UtcOffset::parse("UTC")->dateAt(lateOn16th).russian(), "16.03.2025");
    EXPECT_EQ(UtcOffset::parse("+00:29")->dateAt(lateOn16th).russian(), "16.03.2025");
    EXPECT_EQ(UtcOffset::parse("+00:30")->dateAt(lateOn16th).russian(), "17.03.2025");
    std::int64_t earlyOn1st = CalendarDate::parse("01.04.2025")->unixSeconds() + 1800;
    EXPECT_EQ(UtcOffset::parse("-03:00")->dateAt(earlyOn1st).russian(), "31.03.2025");
    EXPECT_EQ(UtcOffset::parse("-03:00")->dateAt(earlyOn1st).month(), 3);
    // Before 1970 too: the day starts at midnight, not at the epoch.
    EXPECT_EQ(UtcOffset::parse("-01:00")->dateAt(0).russian(), "31.12.1969");
    EXPECT_EQ(CalendarDate::fromUnixSeconds(-1).russian(), "31.12.1969");
    EXPECT_EQ(CalendarDate::fromUnixSeconds(-86400).russian(), "31.12.1969");
}

TEST(CalendarDate, WeekdaysAndWeeks) {
    auto monday = *CalendarDate::parse("2026-11-30");
    EXPECT_EQ(monday.weekday(), 1);
    EXPECT_EQ(CalendarDate::parse("2026-12-06")->weekday(), 7);
    EXPECT_EQ(CalendarDate::parse("1970-01-01")->weekday(), 4);
    EXPECT_EQ(CalendarDate::parse("1969-12-29")->weekday(), 1);
    EXPECT_EQ(CalendarDate::parse("2026-12-05")->monday(), monday);
    EXPECT_EQ(monday.monday(), monday);
    EXPECT_EQ(monday.plusDays(-1).iso(), "2026-11-29");
    EXPECT_EQ(CalendarDate::parse("2028-02-28")->plusDays(1).iso(), "2028-02-29");
    EXPECT_EQ(CalendarDate::parse("2026-12-31")->plusDays(1).iso(), "2027-01-01");
}
