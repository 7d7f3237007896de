#include <gtest/gtest.h>

#include "domain/SnilsNumber.h"

using netcity::domain::SnilsNumber;

TEST(SnilsNumber, AcceptsFormattedAndBareDigits) {
    auto a = SnilsNumber::parse("112-233-445 95");
    auto b = SnilsNumber::parse("11223344595");
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    EXPECT_EQ(*a, *b);
    EXPECT_EQ(a->digits(), "11223344595");
    EXPECT_EQ(b->formatted(), "112-233-445 95");
}

TEST(SnilsNumber, ChecksumRules) {
    EXPECT_EQ(SnilsNumber::checksumFor("112233445"), 95);
    // sum 100 and 101 give 00; above 101 it is taken mod 101
    EXPECT_EQ(SnilsNumber::checksumFor("000000000"), 0);
    EXPECT_EQ(SnilsNumber::checksumFor("999999999"), (9 * 45) % 101);
    EXPECT_TRUE(SnilsNumber::parse("000-000-600 06"));
}

TEST(SnilsNumber, RejectsWrongChecksumLengthAndLetters) {
    SnilsNumber::ParseError err{};
    EXPECT_FALSE(SnilsNumber::parse("112-233-445 96", &err));
    EXPECT_EQ(err, SnilsNumber::ParseError::BadChecksum);
    EXPECT_FALSE(SnilsNumber::parse("112-233-445 9", &err));
    EXPECT_EQ(err, SnilsNumber::ParseError::WrongLength);
    EXPECT_FALSE(SnilsNumber::parse("112-233-44a 95", &err));
    EXPECT_EQ(err, SnilsNumber::ParseError::NotDigits);
    EXPECT_FALSE(SnilsNumber::parse("  - ", &err));
    EXPECT_EQ(err, SnilsNumber::ParseError::Empty);
    EXPECT_FALSE(SnilsNumber::parse("'; DROP TABLE persons; --", &err));
}

TEST(SnilsNumber, OldNumbersHaveNoChecksum) {
    EXPECT_TRUE(SnilsNumber::parse("001-001-998 77"));
    EXPECT_FALSE(SnilsNumber::parse("001-001-999 77"));
}
