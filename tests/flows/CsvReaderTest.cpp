#include <gtest/gtest.h>

#include "flows/CsvReader.h"

using netcity::flows::parseCsv;

TEST(CsvReader, QuotesCommasNewlinesAndCrlf) {
    auto r = parseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\n\n");
    ASSERT_TRUE(r.error.empty());
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
    EXPECT_EQ(r.rows[1].fields, (std::vector<std::string>{"multi\nline", "", "x"}));
    EXPECT_EQ(r.rows[1].line, 2);
}

TEST(CsvReader, BomAndMissingFinalNewline) {
    auto r = parseCsv("\xEF\xBB\xBFx,y");
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].fields[0], "x");
}

TEST(CsvReader, Errors) {
    EXPECT_FALSE(parseCsv("\"open").error.empty());
    EXPECT_FALSE(parseCsv("\"a\"b,c").error.empty());
}
