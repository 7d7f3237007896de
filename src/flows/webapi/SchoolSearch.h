#pragma once

#include <string>
#include <vector>

#include "store/Database.h"
#include "store/webapi/SchoolListings.h"

namespace netcity::flows::webapi {

// `schools/search?name=`: the organizations whose full name («Name (place)») or short name
// (the name alone) contains the text, compared without case (Cyrillic included).
struct SchoolFound {
    store::webapi::SchoolListing listing;
    std::string fullName, shortName;
};

class SchoolSearch {
  public:
    explicit SchoolSearch(store::Database& db) : db_(db) {}
    std::vector<SchoolFound> run(const std::string& text);

  private:
    store::Database& db_;
};

}  // namespace netcity::flows::webapi
