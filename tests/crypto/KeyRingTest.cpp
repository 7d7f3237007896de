#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "crypto/KeyRing.h"

using netcity::crypto::KeyRing;

TEST(KeyRing, CreatesPrivateFileAndReloadsSameKeys) {
    auto dir = std::filesystem::temp_directory_path() / ("keyring-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto path = (dir / "netcity.key").string();
    std::filesystem::remove(path);
    auto a = KeyRing::loadOrCreate(path);
    auto b = KeyRing::loadOrCreate(path);
    EXPECT_EQ(a.subkey("snils"), b.subkey("snils"));
    EXPECT_NE(a.subkey("snils"), a.subkey("csrf"));
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    std::filesystem::remove_all(dir);
}
