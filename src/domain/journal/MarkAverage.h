#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/journal/MarkScale.h"

namespace netcity::domain::journal {

struct WeightedMark {
    MarkEntry entry;
    int weight = 1;  // the assignment's weight
};

// SGO's average: Σ mark·weight / Σ weight over the marks given. A duty («долг») is not a mark
// yet, so it counts neither way; nullopt when there is no mark at all.
std::optional<double> weightedAverage(const std::vector<WeightedMark>& marks);
// Two decimals with a comma, as the journal prints it: "4,67".
std::string averageText(std::optional<double> average);

}  // namespace netcity::domain::journal
