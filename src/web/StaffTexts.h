#pragma once

#include <map>
#include <string>

#include "flows/AccountAdministration.h"
#include "flows/AppealReview.h"
#include "flows/PersonalCards.h"

namespace netcity::web {

// The staff tools' refusals in the words staff read: the flows return codes, the pages say
// them (issue #17).
struct StaffRefusal {
    int status;
    std::string text;
};

// Any outcome but Done.
StaffRefusal refusalOf(flows::AppealReview::Outcome outcome);
// Any outcome but Done and Invalid (the card's fields, in the domain's wording).
StaffRefusal refusalOf(flows::PersonalCards::Outcome outcome);

const char* describe(flows::AccountAdministration::Problem problem);
// A new account's problems, field → text: the card's (domain wording) and the flow's own.
std::map<std::string, std::string> problemTexts(const flows::AccountAdministration::Result& r);

}  // namespace netcity::web
