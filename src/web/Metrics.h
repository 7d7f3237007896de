#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace netcity::web {

// Prometheus text exposition: requests by route and status, sign-ins (by password and through
// Gosuslugi) by outcome, and a latency histogram.
class Metrics {
  public:
    void observeRequest(const std::string& route, int status, double seconds);
    void countSignIn(const std::string& outcome);      // by login and password
    void countEsiaSignIn(const std::string& outcome);  // each step back from Gosuslugi
    std::string exposition() const;

  private:
    static constexpr std::array<double, 10> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                     0.025,  0.05,  0.1,    0.5,   2.5};
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, unsigned long> requests_;
    std::map<std::string, unsigned long> signIns_, esiaSignIns_;
    std::array<unsigned long, kBuckets.size()> buckets_{};
    unsigned long count_ = 0;
    double sum_ = 0;
};

}  // namespace netcity::web
