#include "store/webapi/SchoolListings.h"

using namespace Poco::Data::Keywords;

namespace netcity::store::webapi {

std::vector<SchoolListing> SchoolListings::all() {
    std::vector<std::int64_t> ids, municipalities;
    std::vector<Poco::Nullable<std::int64_t>> localities;
    std::vector<std::string> names, places;
    s_ << db_.sql(
        "SELECT o.id, o.name, COALESCE(l.name, m.name), o.municipality_id, o.locality_id"
        " FROM organizations o JOIN municipalities m ON m.id = o.municipality_id"
        " LEFT JOIN localities l ON l.id = o.locality_id ORDER BY o.name, o.id"),
        into(ids), into(names), into(places), into(municipalities), into(localities), now;
    std::vector<SchoolListing> out;
    out.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        SchoolListing l{ids[i], names[i], places[i], municipalities[i], std::nullopt};
        if (!localities[i].isNull()) l.localityId = localities[i].value();
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace netcity::store::webapi
