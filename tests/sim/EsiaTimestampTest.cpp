#include <gtest/gtest.h>

#include "sim/EsiaTimestamp.h"

using namespace netcity::sim;

TEST(EsiaTimestamp, ParsesOffsetsAndFormatsUtc) {
    auto utc = parseEsiaTimestamp("2025.12.29 17:47:23 +0000");
    auto msk = parseEsiaTimestamp("2025.12.29 20:47:23 +0300");
    ASSERT_TRUE(utc && msk);
    EXPECT_EQ(*utc, *msk);
    EXPECT_EQ(*utc, 1767030443);
    EXPECT_EQ(formatEsiaTimestamp(*utc), "2025.12.29 17:47:23 +0000");
}

TEST(EsiaTimestamp, RejectsOtherShapes) {
    EXPECT_FALSE(parseEsiaTimestamp("2025-12-29 17:47:23 +0000"));
    EXPECT_FALSE(parseEsiaTimestamp("2025.12.29 17:47:23"));
    EXPECT_FALSE(parseEsiaTimestamp("2025.02.30 17:47:23 +0000"));
    EXPECT_FALSE(parseEsiaTimestamp("2025.12.29 25:47:23 +0000"));
    EXPECT_FALSE(parseEsiaTimestamp("2025.12.29 17:47:23 +1500"));
    EXPECT_FALSE(parseEsiaTimestamp(""));
}
