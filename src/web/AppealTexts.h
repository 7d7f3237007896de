#pragma once

#include <map>
#include <string>

#include "flows/AppealSubmission.h"

namespace netcity::web {

// The appeal form's field messages in the words applicants read: the flow returns codes, the
// page says them (issue #17).
const char* describe(flows::AppealSubmission::Problem problem);
// Field → text, as Portal::setFieldProblems takes them.
std::map<std::string, std::string> problemTexts(const flows::AppealSubmission::Problems& problems);

}  // namespace netcity::web
