#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"

namespace netcity::store::webapi {

// An organization as the web API's school list shows it.
struct SchoolListing {
    std::int64_t id = 0;
    std::string name, place;  // the organization's name; its locality (or municipality)
    std::int64_t municipalityId = 0;
    std::optional<std::int64_t> localityId;
};

class SchoolListings {
  public:
    SchoolListings(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::vector<SchoolListing> all();

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::webapi
