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
// later. A TTL of 0 turns the cache off.
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

    void put(const Key& key, Value value, std::int64_t now) {
        if (ttl_ <= 0) return;
        std::lock_guard lock(mutex_);
        if (entries_.size() >= maxEntries_) {
            std::erase_if(entries_,
                          [&](const auto& kv) { return now - kv.second.storedAt >= ttl_; });
            if (entries_.size() >= maxEntries_) entries_.clear();
        }
        entries_.insert_or_assign(key, Entry{std::move(value), now});
    }

    void erase(const Key& key) {
        std::lock_guard lock(mutex_);
        entries_.erase(key);
    }

    void eraseIf(const std::function<bool(const Key&, const Value&)>& predicate) {
        std::lock_guard lock(mutex_);
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
    std::unordered_map<Key, Entry> entries_;
};

}  // namespace netcity::flows
