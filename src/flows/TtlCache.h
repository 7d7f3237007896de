#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace netcity::flows {

// A small map whose entries live `ttlSeconds`. Used for what every signed-in request reads —
// the session and the account overview — so repeated requests skip the database. On this
// node a change is visible at once (callers erase); on another node at most `ttlSeconds`
// later. A TTL of 0 turns the cache off. A reader that reads what it puts outside the lock
// takes generation() before reading and hands it to put(): a value read before an erase or
// clear, and put after it, would otherwise keep what the change replaced for a whole TTL.
template <typename Key, typename Value>
class TtlCache {
  public:
    explicit TtlCache(std::int64_t ttlSeconds, std::size_t maxEntries = 100000)
        : ttl_(ttlSeconds), maxEntries_(maxEntries) {}

    std::optional<Value> get(const Key& key, std::int64_t now) {
        if (ttl_ <= 0) return std::nullopt;
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        if (now - it->second.storedAt >= ttl_) {
            entries_.erase(it);
            return std::nullopt;
        }
        return it->second.value;
    }

    std::uint64_t generation() {
        std::lock_guard lock(mutex_);
        return generation_;
    }

    void put(const Key& key, Value value, std::int64_t now,
             std::optional<std::uint64_t> readAt = std::nullopt) {
        if (ttl_ <= 0) return;
        std::lock_guard lock(mutex_);
        if (readAt && *readAt != generation_) return;  // changed while it was read
        if (entries_.size() >= maxEntries_) {
            std::erase_if(entries_,
                          [&](const auto& kv) { return now - kv.second.storedAt >= ttl_; });
            if (entries_.size() >= maxEntries_) entries_.clear();
        }
        entries_.insert_or_assign(key, Entry{std::move(value), now});
    }

    void erase(const Key& key) {
        std::lock_guard lock(mutex_);
        ++generation_;
        entries_.erase(key);
    }

    void clear() {
        std::lock_guard lock(mutex_);
        ++generation_;
        entries_.clear();
    }

    void eraseIf(const std::function<bool(const Key&, const Value&)>& predicate) {
        std::lock_guard lock(mutex_);
        ++generation_;
        std::erase_if(entries_,
                      [&](const auto& kv) { return predicate(kv.first, kv.second.value); });
    }

  private:
    struct Entry {
        Value value;
        std::int64_t storedAt;
    };
    std::int64_t ttl_;
    std::size_t maxEntries_;
    std::mutex mutex_;
    std::uint64_t generation_ = 0;  // erases and clears so far
    std::unordered_map<Key, Entry> entries_;
};

}  // namespace netcity::flows
