#include <gtest/gtest.h>

#include "domain/Utf8Text.h"

using namespace netcity::domain;

TEST(Utf8Text, Validity) {
    EXPECT_TRUE(isValidUtf8("Сетевой Город"));
    EXPECT_TRUE(isValidUtf8("emoji \xF0\x9F\x98\x80"));
    EXPECT_FALSE(isValidUtf8("\xC3"));          // truncated
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));      // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));  // surrogate
    EXPECT_FALSE(isValidUtf8("\xFF\xFE"));
    EXPECT_FALSE(isValidUtf8("ab\xE2\x82"));  // truncated at the end
}

TEST(Utf8Text, ControlCharacters) {
    EXPECT_FALSE(hasControlCharacters("Иванов\tИван"));
    EXPECT_TRUE(hasControlCharacters(std::string("a\0b", 3)));
    EXPECT_TRUE(hasControlCharacters("a\nb"));
    EXPECT_FALSE(hasControlCharacters("a\r\nb", true));
    EXPECT_TRUE(hasControlCharacters("a\x7f"));
    EXPECT_TRUE(hasControlCharacters("abc\xE2\x80\xAE"));  // right-to-left override
}

TEST(Utf8Text, CaseSpacesAndCounting) {
    EXPECT_EQ(lowerCase("ИВАНОВ Ёж Abc"), "иванов ёж abc");
    EXPECT_EQ(collapseSpaces("  a \t b\n"), "a b");
    EXPECT_EQ(codePointCount("Ёж"), 2u);
}
