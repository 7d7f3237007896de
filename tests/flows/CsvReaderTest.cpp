#include <gtest/gtest.h>

#include "flows/CsvReader.h"

using netcity::flows::CsvProblem;
using netcity::flows::parseCsv;

TEST(CsvReader, QuotesCommasNewlinesAndCrlf) {
    auto r = parseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\n\n");
    ASSERT_EQ(r.problem, CsvProblem::None);
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
    auto open = parseCsv("x\n\"open\nmore");
    EXPECT_EQ(open.problem, CsvProblem::UnclosedQuote);
    EXPECT_EQ(open.problemLine, 2);
    auto after = parseCsv("x\n\"a\"b,c");
    EXPECT_EQ(after.problem, CsvProblem::TextAfterClosingQuote);
    EXPECT_EQ(after.problemLine, 2);
}
