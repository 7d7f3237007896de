#include "crypto/PasswordHasher.h"

#include <pthread.h>
#include <sodium.h>

#include <ctime>
#include <future>
#include <stdexcept>

namespace netcity::crypto {

PasswordHasher::PasswordHasher(Settings settings) : settings_(settings) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    for (int i = 0; i < std::max(1, settings_.maxConcurrent); ++i)
        workers_.emplace_back([this] { workerLoop(); });
    dummyHash_ = hash("dummy password that matches nothing");
}

PasswordHasher::~PasswordHasher() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
}

void PasswordHasher::workerLoop() {
    pthread_setname_np(pthread_self(), "argon2id");  // tells profiles apart from HTTP work
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        timespec before{}, after{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before);
        job();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after);
        cpuNanos_ += static_cast<unsigned long long>((after.tv_sec - before.tv_sec) * 1000000000LL +
                                                     (after.tv_nsec - before.tv_nsec));
    }
}

void PasswordHasher::runOnWorker(const std::function<void()>& job) {
    std::promise<void> done;
    auto finished = done.get_future();
    {
        std::lock_guard lock(mutex_);
        jobs_.emplace_back([&] {
            try {
                job();
                done.set_value();
            } catch (...) {
                done.set_exception(std::current_exception());
            }
        });
    }
    wake_.notify_one();
    finished.get();
}

std::string PasswordHasher::hash(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    int rc = 0;
    runOnWorker([&] {
        rc = crypto_pwhash_str_alg(out, password.data(), password.size(), settings_.iterations,
                                   settings_.memoryKiB * 1024, crypto_pwhash_ALG_ARGON2ID13);
    });
    if (rc != 0) throw std::runtime_error("argon2id: out of memory");
    return out;
}

bool PasswordHasher::verify(std::string_view storedHash, std::string_view password) {
    std::string hashCopy(storedHash);  // libsodium wants a NUL-terminated string
    if (hashCopy.size() >= crypto_pwhash_STRBYTES) return false;
    bool ok = false;
    runOnWorker([&] {
        ok = crypto_pwhash_str_verify(hashCopy.c_str(), password.data(), password.size()) == 0;
    });
    return ok;
}

bool PasswordHasher::needsRehash(std::string_view storedHash) const {
    std::string hashCopy(storedHash);
    return crypto_pwhash_str_needs_rehash(hashCopy.c_str(), settings_.iterations,
                                          settings_.memoryKiB * 1024) != 0;
}

void PasswordHasher::verifyDummy(std::string_view password) {
    verify(dummyHash_, password);
}

}  // namespace netcity::crypto
