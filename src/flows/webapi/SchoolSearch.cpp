#include "flows/webapi/SchoolSearch.h"

#include "domain/Utf8Text.h"

namespace netcity::flows::webapi {

std::vector<SchoolFound> SchoolSearch::run(const std::string& text) {
    std::vector<store::webapi::SchoolListing> all;
    {
        auto s = db_.session();
        all = store::webapi::SchoolListings(db_, s).all();
    }
    std::string needle = domain::lowerCase(domain::collapseSpaces(text));
    std::vector<SchoolFound> found;
    for (auto& listing : all) {
        SchoolFound f{listing, listing.name + " (" + listing.place + ")", listing.name};
        if (domain::lowerCase(f.fullName).find(needle) == std::string::npos &&
            domain::lowerCase(f.shortName).find(needle) == std::string::npos)
            continue;
        found.push_back(std::move(f));
    }
    return found;
}

}  // namespace netcity::flows::webapi
