#include <gtest/gtest.h>

#include "crypto/SgoChallenge.h"
#include "domain/webapi/Cp1251.h"

using namespace netcity::crypto;

TEST(SgoChallenge, Md5OfKnownTexts) {
    EXPECT_EQ(md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(md5Hex("Secret-123"), "35eddb1ed5b26db276b9445345bfae2b");
}

TEST(SgoChallenge, TheVerifierIsTheMd5OfTheWindows1251Password) {
    auto bytes = netcity::domain::webapi::toCp1251("пароль");
    ASSERT_TRUE(bytes);
    EXPECT_EQ(md5Hex(*bytes), "749789e4982b0c563f6729aac100a614");
}

TEST(SgoChallenge, TheAnswerHashesTheSaltBeforeTheVerifier) {
    // What netschoolapi computes for salt 9369808045 and the password «пароль».
    EXPECT_EQ(challengeAnswer("9369808045", "749789e4982b0c563f6729aac100a614"),
              "4b577141faca86c6c5e89136410e5c93");
}

TEST(SgoChallenge, TheSaltOfThePublishedSamples) {
    EXPECT_EQ(saltOf(878792729, 679337794), "9369808045");
    EXPECT_EQ(saltOf(1073163840, 768253229), "1458933352");
}
