#include <gtest/gtest.h>

#include <regex>

#include "log/JsonLog.h"

using netcity::log::logJson;

namespace {

std::string logged(const std::string& event, const std::map<std::string, std::string>& fields) {
    testing::internal::CaptureStderr();
    logJson(event, fields);
    return testing::internal::GetCapturedStderr();
}

}  // namespace

// The line's shape is the log's contract (docs, operators' tools): keep it exactly.
TEST(JsonLog, OneLineTimestampEventThenFieldsByName) {
    auto line = logged("mail.failed", {{"what", "SMTP 550"}, {"attempt", "2"}});
    std::smatch m;
    ASSERT_TRUE(std::regex_match(
        line, m,
        std::regex(
            R"(\{"ts":([0-9]{13}),"event":"mail\.failed","attempt":"2","what":"SMTP 550"\}\n)")))
        << line;
}

TEST(JsonLog, EventAndFieldsEscaped) {
    auto line = logged("e\"1", {{"k\n", "v\\"}});
    EXPECT_NE(line.find(R"("event":"e\"1","k\n":"v\\"})"), std::string::npos) << line;
}

TEST(JsonLog, NoFieldsNoTrailingComma) {
    auto line = logged("started", {});
    EXPECT_TRUE(std::regex_match(line, std::regex(R"(\{"ts":[0-9]+,"event":"started"\}\n)")))
        << line;
}
