#include <gtest/gtest.h>

#include "domain/journal/MarkAverage.h"
#include "domain/journal/MarkScale.h"

using namespace netcity::domain::journal;

TEST(MarkScale, ParsesRangesInsideTheDatabaseBound) {
    EXPECT_EQ(MarkScale::parse("1-5")->highest, 5);
    EXPECT_EQ(MarkScale::parse("1-10")->highest, 10);
    EXPECT_EQ(MarkScale::parse("2-5")->lowest, 2);
    EXPECT_FALSE(MarkScale::parse("0-5"));
    EXPECT_FALSE(MarkScale::parse("1-11"));
    EXPECT_FALSE(MarkScale::parse("5-1"));
    EXPECT_FALSE(MarkScale::parse("5"));
    EXPECT_FALSE(MarkScale::parse("a-b"));
}

TEST(MarkEntry, ReadsMarksDutiesAndClearedCells) {
    MarkScale five;
    EXPECT_EQ(parseMarkEntry("5", five).entry, (MarkEntry{MarkEntry::Kind::Mark, 5}));
    EXPECT_EQ(parseMarkEntry(" 3 ", five).entry, (MarkEntry{MarkEntry::Kind::Mark, 3}));
    EXPECT_EQ(parseMarkEntry("", five).entry.kind, MarkEntry::Kind::Clear);
    EXPECT_EQ(parseMarkEntry("  ", five).problem, MarkProblem::None);
    for (const char* duty : {".", "•", "д", "Д", "долг"})
        EXPECT_EQ(parseMarkEntry(duty, five).entry.kind, MarkEntry::Kind::Duty) << duty;
}

TEST(MarkEntry, RefusesMarksOutsideTheScaleAndNonsense) {
    MarkScale five;
    EXPECT_EQ(parseMarkEntry("7", five).problem, MarkProblem::OutOfScale);
    EXPECT_EQ(parseMarkEntry("0", five).problem, MarkProblem::OutOfScale);
    EXPECT_EQ(parseMarkEntry("10", five).problem, MarkProblem::OutOfScale);
    EXPECT_EQ(parseMarkEntry("10", *MarkScale::parse("1-10")).entry.mark, 10);
    for (const char* bad : {"5+", "-1", "4.5", "пять", "100", "5 4"})
        EXPECT_EQ(parseMarkEntry(bad, five).problem, MarkProblem::Unreadable) << bad;
}

TEST(MarkEntry, CellTextRoundTrips) {
    MarkScale five;
    for (const char* text : {"4", "•", ""})
        EXPECT_EQ(cellText(parseMarkEntry(text, five).entry), text);
}

TEST(WeightedAverage, WeighsByAssignmentWeightAndSkipsDuties) {
    auto mark = [](int m, int w) { return WeightedMark{{MarkEntry::Kind::Mark, m}, w}; };
    WeightedMark duty{{MarkEntry::Kind::Duty, 0}, 5};
    EXPECT_FALSE(weightedAverage({}));
    EXPECT_FALSE(weightedAverage({duty}));
    EXPECT_DOUBLE_EQ(*weightedAverage({mark(5, 1), mark(4, 1)}), 4.5);
    // A test (weight 3) of 3 and two answers of 5: (9 + 10) / 5.
    EXPECT_DOUBLE_EQ(*weightedAverage({mark(3, 3), mark(5, 1), mark(5, 1), duty}), 3.8);
    EXPECT_EQ(averageText(weightedAverage({mark(5, 2), mark(4, 1)})), "4,67");
    EXPECT_EQ(averageText(weightedAverage({mark(5, 1)})), "5,00");
    EXPECT_EQ(averageText(std::nullopt), "");
}
