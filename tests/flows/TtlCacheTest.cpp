// flows::TtlCache: entries live their TTL; a value read before a change cannot outlive the
// change's clear.
#include <gtest/gtest.h>

#include <string>

#include "flows/TtlCache.h"

using netcity::flows::TtlCache;

TEST(TtlCache, AnEntryLivesItsTtlAndAZeroTtlKeepsNothing) {
    TtlCache<int, std::string> cache(2);
    cache.put(1, "one", 100);
    EXPECT_EQ(cache.get(1, 101).value_or(""), "one");
    EXPECT_FALSE(cache.get(1, 102));
    TtlCache<int, std::string> off(0);
    off.put(1, "one", 100);
    EXPECT_FALSE(off.get(1, 100));
}

// A reader that read before a change and puts after the change's clear() would keep what the
// change replaced for a whole TTL on the very node that made it.
TEST(TtlCache, WhatWasReadBeforeAClearIsNotKeptAfterIt) {
    TtlCache<int, std::string> cache(2);
    auto readAt = cache.generation();
    cache.clear();  // the change, committed while the reader was reading
    cache.put(1, "before the change", 100, readAt);
    EXPECT_FALSE(cache.get(1, 100));
    auto again = cache.generation();
    cache.put(1, "after it", 100, again);
    EXPECT_EQ(cache.get(1, 100).value_or(""), "after it");
}
