#include <gtest/gtest.h>

#include "crypto/Random.h"
#include "crypto/SecretBox.h"

using namespace netcity::crypto;

TEST(SecretBox, RoundTripAndFreshNonce) {
    SecretBox box(randomBytes(32));
    auto a = box.seal("11223344595", "snils");
    auto b = box.seal("11223344595", "snils");
    EXPECT_NE(a, b);
    EXPECT_EQ(box.open(a, "snils"), "11223344595");
    EXPECT_EQ(a.find("11223344595"), std::string::npos);
}

TEST(SecretBox, RejectsTamperingWrongContextAndWrongKey) {
    SecretBox box(randomBytes(32)), other(randomBytes(32));
    auto sealed = box.seal("secret", "snils");
    auto tampered = sealed;
    tampered[14] ^= 1;
    EXPECT_FALSE(box.open(tampered, "snils"));
    EXPECT_FALSE(box.open(sealed, "email"));
    EXPECT_FALSE(other.open(sealed, "snils"));
    EXPECT_FALSE(box.open("short", "snils"));
}
