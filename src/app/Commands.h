#pragma once

#include <string>
#include <vector>

namespace netcity::app {

// Entry point of the `netcity` binary; returns the process exit status.
int runCommand(const std::vector<std::string>& args);

}  // namespace netcity::app
