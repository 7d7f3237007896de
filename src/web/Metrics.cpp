#include "web/Metrics.h"

#include <sstream>

namespace netcity::web {

void Metrics::observeRequest(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++buckets_[i];
    ++count_;
    sum_ += seconds;
}

void Metrics::countSignIn(const std::string& outcome) {
    std::lock_guard lock(mutex_);
    ++signIns_[outcome];
}

void Metrics::countEsiaSignIn(const std::string& outcome) {
    std::lock_guard lock(mutex_);
    ++esiaSignIns_[outcome];
}

std::string Metrics::exposition() const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP netcity_http_requests_total HTTP requests by route and status.\n"
           "# TYPE netcity_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out << "netcity_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << n << "\n";
    out << "# HELP netcity_sign_ins_total Password sign-in attempts by outcome.\n"
           "# TYPE netcity_sign_ins_total counter\n";
    for (const auto& [outcome, n] : signIns_)
        out << "netcity_sign_ins_total{outcome=\"" << outcome << "\"} " << n << "\n";
    out << "# HELP netcity_esia_sign_ins_total Gosuslugi sign-in steps by outcome.\n"
           "# TYPE netcity_esia_sign_ins_total counter\n";
    for (const auto& [outcome, n] : esiaSignIns_)
        out << "netcity_esia_sign_ins_total{outcome=\"" << outcome << "\"} " << n << "\n";
    out << "# HELP netcity_http_request_duration_seconds Time to answer a request.\n"
           "# TYPE netcity_http_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        out << "netcity_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
            << buckets_[i] << "\n";
    out << "netcity_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
        << "netcity_http_request_duration_seconds_sum " << sum_ << "\n"
        << "netcity_http_request_duration_seconds_count " << count_ << "\n";
    return out.str();
}

}  // namespace netcity::web
