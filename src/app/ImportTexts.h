#pragma once

#include <string>

#include "flows/CsvReader.h"
#include "flows/ImportProblem.h"

namespace netcity::app {

// The Russian wording of `netcity admin import`'s problems (docs/csv-format.md quotes it).
std::string describe(flows::CsvProblem problem);
std::string describe(const flows::ImportProblem& problem);

}  // namespace netcity::app
