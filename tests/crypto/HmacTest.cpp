#include <gtest/gtest.h>

#include "crypto/Hmac.h"
#include "crypto/Random.h"

using namespace netcity::crypto;

TEST(Hmac, Rfc4231Case2) {
    EXPECT_EQ(toHex(hmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Hmac, Sha256AndCompare) {
    EXPECT_EQ(toHex(sha256("abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(constantTimeEquals("abc", "abc"));
    EXPECT_FALSE(constantTimeEquals("abc", "abd"));
    EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
}

TEST(Random, TokensAreLongAndDistinct) {
    auto a = randomToken(16), b = randomToken(16);
    EXPECT_EQ(a.size(), 22u);
    EXPECT_NE(a, b);
    Bytes back;
    ASSERT_TRUE(base64UrlDecode(a, back));
    EXPECT_EQ(back.size(), 16u);
    EXPECT_FALSE(base64UrlDecode("***", back));
}
