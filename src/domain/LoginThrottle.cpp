#include "domain/LoginThrottle.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace netcity::domain {

std::chrono::seconds LoginThrottle::waitFor(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.lockedUntil <= now) return std::chrono::seconds{0};
    auto left = std::chrono::ceil<std::chrono::seconds>(it->second.lockedUntil - now);
    return std::max(left, std::chrono::seconds{1});
}

void LoginThrottle::recordFailure(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= settings_.maxTrackedKeys) forgetStale(now);
    Entry& e = entries_[key];
    if (e.failures > 0 && now - e.lastFailure > settings_.forgetAfter) e = Entry{};
    ++e.failures;
    e.lastFailure = now;
    int over = e.failures - settings_.freeAttempts + 1;  // the last free failure starts the lock
    if (over <= 0) return;
    auto lock_ = settings_.baseLock * (1LL << std::min(over - 1, 20));
    e.lockedUntil = now + std::min<std::chrono::seconds>(lock_, settings_.maxLock);
}

void LoginThrottle::recordSuccess(const std::string& key) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
}

void LoginThrottle::takeBackFailure(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    if (--it->second.failures <= 0) {
        entries_.erase(it);
    } else if (it->second.failures < settings_.freeAttempts) {
        it->second.lockedUntil = {};
    }
}

void LoginThrottle::forgetStale(Clock::time_point now) {
    std::erase_if(entries_, [&](const auto& kv) {
        return now - kv.second.lastFailure > settings_.forgetAfter && kv.second.lockedUntil <= now;
    });
    if (entries_.size() >= settings_.maxTrackedKeys) forgetOldestHalf(now);
}

void LoginThrottle::forgetOldestHalf(Clock::time_point now) {
    // Under a flood of distinct keys, keep memory bounded: forget the oldest half by last
    // failure, live locks last, so a flood cannot free a locked account.
    using Item = std::map<std::string, Entry>::iterator;
    std::vector<Item> items;
    items.reserve(entries_.size());
    for (auto it = entries_.begin(); it != entries_.end(); ++it) items.push_back(it);
    auto age = [&](Item it) {
        return std::pair(it->second.lockedUntil > now, it->second.lastFailure);
    };
    std::size_t excess = entries_.size() - settings_.maxTrackedKeys / 2;
    std::nth_element(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(excess),
                     items.end(), [&](Item a, Item b) { return age(a) < age(b); });
    for (std::size_t i = 0; i < excess; ++i) entries_.erase(items[i]);
}

std::string minutesPhrase(std::chrono::seconds wait) {
    long long m = std::max<long long>(1, (wait.count() + 59) / 60);
    const char* word = "минут";
    if (m % 10 == 1 && m % 100 != 11)
        word = "минуту";
    else if (m % 10 >= 2 && m % 10 <= 4 && (m % 100 < 12 || m % 100 > 14))
        word = "минуты";
    return std::to_string(m) + " " + word;
}

}  // namespace netcity::domain
