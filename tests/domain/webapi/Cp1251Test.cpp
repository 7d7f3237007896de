#include <gtest/gtest.h>

#include "domain/webapi/Cp1251.h"

using netcity::domain::webapi::toCp1251;

TEST(Cp1251, AsciiStaysAsItIs) {
    EXPECT_EQ(toCp1251("Secret-123 !~"), "Secret-123 !~");
}

TEST(Cp1251, CyrillicLettersTakeOneByteEach) {
    EXPECT_EQ(toCp1251("пароль"), std::string("\xEF\xE0\xF0\xEE\xEB\xFC"));
    EXPECT_EQ(toCp1251("АЯая"), std::string("\xC0\xDF\xE0\xFF"));
}

TEST(Cp1251, TheLettersOutsideTheAlphabetBlock) {
    EXPECT_EQ(toCp1251("Ёё№€"), std::string("\xA8\xB8\xB9\x88"));
    EXPECT_EQ(toCp1251("«»–—"), std::string("\xAB\xBB\x96\x97"));
}

TEST(Cp1251, CharactersTheCodePageLacksGiveNothing) {
    EXPECT_FALSE(toCp1251("пароль😀"));
    EXPECT_FALSE(toCp1251("密码"));
    EXPECT_FALSE(toCp1251("\xC3\xA9"));  // é: Latin-1, not in windows-1251
}

TEST(Cp1251, InvalidUtf8GivesNothing) {
    EXPECT_FALSE(toCp1251("\xD0"));
    EXPECT_FALSE(toCp1251("\xFF\xFE"));
}
