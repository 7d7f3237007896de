#pragma once

#include <string>

#include "domain/PersonName.h"

namespace netcity::domain {

// The login staff get for an account they create from an appeal, in the way schools write
// them: last name and initials, no spaces or hyphens («ИвановаМП»). `attempt` > 1 appends a
// number for the second, third… person of that name in the organization.
std::string suggestLogin(const PersonName& name, int attempt);

}  // namespace netcity::domain
