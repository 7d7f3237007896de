#include <gtest/gtest.h>

#include "log/JsonEscape.h"

using netcity::log::jsonEscape;

TEST(JsonEscape, QuotesBackslashesAndWhitespaceEscapes) {
    EXPECT_EQ(jsonEscape("a\"b\\c\nd\re\tf"), "a\\\"b\\\\c\\nd\\re\\tf");
}

TEST(JsonEscape, OtherControlCharactersAsUnicodeEscapes) {
    EXPECT_EQ(jsonEscape(std::string("\x01x\x1f", 3)), "\\u0001x\\u001f");
    EXPECT_EQ(jsonEscape(std::string("\0", 1)), "\\u0000");
}

TEST(JsonEscape, Utf8AndPrintableTextUnchanged) {
    EXPECT_EQ(jsonEscape("Ошибка: 42 / ok"), "Ошибка: 42 / ok");
}
