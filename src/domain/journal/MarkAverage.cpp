#include "domain/journal/MarkAverage.h"

#include <cmath>
#include <cstdio>

namespace netcity::domain::journal {

std::optional<double> weightedAverage(const std::vector<WeightedMark>& marks) {
    long long sum = 0, weights = 0;
    for (const auto& m : marks) {
        if (m.entry.kind != MarkEntry::Kind::Mark || m.weight <= 0) continue;
        sum += static_cast<long long>(m.entry.mark) * m.weight;
        weights += m.weight;
    }
    if (weights == 0) return std::nullopt;
    return static_cast<double>(sum) / static_cast<double>(weights);
}

std::string averageText(std::optional<double> average) {
    if (!average) return "";
    // Rounded half up on hundredths from the exact integer ratio's double: 4.665 prints 4,67.
    long long hundredths = std::llround(*average * 100.0 + 1e-9);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld,%02lld", hundredths / 100, hundredths % 100);
    return buf;
}

}  // namespace netcity::domain::journal
