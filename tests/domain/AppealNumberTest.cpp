#include <gtest/gtest.h>

#include "domain/AppealNumber.h"

using netcity::domain::AppealNumber;

TEST(AppealNumber, HasTheSeedsShapeWithCheckDigitsAndMonth) {
    auto n = AppealNumber::make(107119599, 7);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->text().substr(0, 2), "\xD0\x90");  // Cyrillic «А»
    EXPECT_EQ(n->text().substr(2), "-107119599-" + n->text().substr(13, 2) + "-07");
    EXPECT_EQ(AppealNumber::parse(n->text()), n);
}

TEST(AppealNumber, RejectsSerialsAndMonthsOutOfRange) {
    EXPECT_FALSE(AppealNumber::make(99999999, 1));
    EXPECT_FALSE(AppealNumber::make(1000000000, 1));
    EXPECT_FALSE(AppealNumber::make(107119599, 0));
    EXPECT_FALSE(AppealNumber::make(107119599, 13));
}

TEST(AppealNumber, ParsesWhatPeopleTypeAndCatchesAMisheardDigit) {
    auto n = AppealNumber::make(553662835, 11);
    std::string latin = "A" + n->text().substr(2);
    EXPECT_EQ(AppealNumber::parse(latin), n);
    EXPECT_EQ(AppealNumber::parse("  \xE2\x84\x96 " + n->text() + " "), n);
    std::string misheard = n->text();
    misheard[5] = misheard[5] == '9' ? '8' : static_cast<char>(misheard[5] + 1);
    EXPECT_FALSE(AppealNumber::parse(misheard));
    EXPECT_FALSE(AppealNumber::parse(""));
    EXPECT_FALSE(AppealNumber::parse("А-12345-12-12"));
    EXPECT_FALSE(AppealNumber::parse("Б" + n->text().substr(2)));
}
