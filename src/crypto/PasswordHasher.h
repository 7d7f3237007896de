#pragma once

#include <memory>
#include <semaphore>
#include <string>
#include <string_view>

namespace netcity::crypto {

// argon2id through libsodium. Each hash holds `memoryKiB` of RAM for its duration, so the number
// computed at once is bounded: under a login storm requests queue here instead of exhausting
// memory.
class PasswordHasher {
public:
    struct Settings {
        unsigned long long memoryKiB = 19 * 1024;  // OWASP minimum for argon2id
        unsigned long long iterations = 2;
        int maxConcurrent = 2;
    };

    explicit PasswordHasher(Settings settings);

    std::string hash(std::string_view password);
    bool verify(std::string_view storedHash, std::string_view password);
    // True when the stored hash was made with weaker parameters than the current ones.
    bool needsRehash(std::string_view storedHash) const;
    // Spends the same time as a real verification; used when the login is unknown.
    void verifyDummy(std::string_view password);

    const Settings& settings() const { return settings_; }

private:
    Settings settings_;
    std::counting_semaphore<1024> slots_;
    std::string dummyHash_;
};

}  // namespace netcity::crypto
