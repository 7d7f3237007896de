#include <gtest/gtest.h>

#include "crypto/PasswordHasher.h"

using netcity::crypto::PasswordHasher;

namespace {
PasswordHasher::Settings fast() {
    return {.memoryKiB = 8 * 1024, .iterations = 2, .maxConcurrent = 2};
}
}  // namespace

TEST(PasswordHasher, HashesVerifyAndDiffer) {
    PasswordHasher hasher(fast());
    auto h1 = hasher.hash("Пароль-2025");
    auto h2 = hasher.hash("Пароль-2025");
    EXPECT_EQ(h1.rfind("$argon2id$v=19$m=8192,t=2,p=1$", 0), 0u) << h1;
    EXPECT_NE(h1, h2);
    EXPECT_TRUE(hasher.verify(h1, "Пароль-2025"));
    EXPECT_FALSE(hasher.verify(h1, "пароль-2025"));
    EXPECT_FALSE(hasher.verify("not a hash", "x"));
}

TEST(PasswordHasher, NeedsRehashWhenParametersRise) {
    PasswordHasher weak(fast());
    auto h = weak.hash("secret");
    EXPECT_FALSE(weak.needsRehash(h));
    PasswordHasher strong({.memoryKiB = 16 * 1024, .iterations = 2, .maxConcurrent = 1});
    EXPECT_TRUE(strong.needsRehash(h));
    EXPECT_TRUE(strong.verify(h, "secret"));  // old hashes still verify
}
