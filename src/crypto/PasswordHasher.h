#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace netcity::crypto {

// argon2id through libsodium, computed on a few dedicated threads.
//
// Each hash holds `memoryKiB` of RAM while it runs. Running them only on `maxConcurrent`
// workers bounds that memory under a login storm (requests queue here instead), and lets each
// worker reuse its allocation instead of faulting in fresh pages for every hash.
class PasswordHasher {
  public:
    struct Settings {
        unsigned long long memoryKiB = 19 * 1024;  // OWASP minimum for argon2id
        unsigned long long iterations = 2;
        int maxConcurrent = 2;
    };

    explicit PasswordHasher(Settings settings);
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    std::string hash(std::string_view password);
    bool verify(std::string_view storedHash, std::string_view password);
    // True when the stored hash was made with weaker parameters than the current ones.
    bool needsRehash(std::string_view storedHash) const;
    // Spends the same time as a real verification; used when the login is unknown.
    void verifyDummy(std::string_view password);

    const Settings& settings() const { return settings_; }
    // CPU time the workers have spent hashing: lets the server report its own cost per
    // sign-in apart from argon2id (bench/README.md).
    double cpuSeconds() const { return static_cast<double>(cpuNanos_.load()) / 1e9; }

  private:
    void runOnWorker(const std::function<void()>& job);
    void workerLoop();

    Settings settings_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
    std::atomic<unsigned long long> cpuNanos_{0};
    std::string dummyHash_;
};

}  // namespace netcity::crypto
