#pragma once

#include <chrono>
#include <cstdint>

namespace netcity::flows {

// Flows read time through this, so tests can move it (temporary passwords, session expiry).
class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::int64_t unixSeconds() const = 0;
    virtual std::chrono::steady_clock::time_point steady() const = 0;
};

class SystemClock final : public Clock {
  public:
    std::int64_t unixSeconds() const override {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
    std::chrono::steady_clock::time_point steady() const override {
        return std::chrono::steady_clock::now();
    }
};

}  // namespace netcity::flows
