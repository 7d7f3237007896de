#include "app/DemoLogins.h"

#include <map>
#include <set>

#include "flows/CsvReader.h"

namespace netcity::app {
namespace {

struct Place {
    std::string record, name, parent;
};

// Region → town (the locality; the municipality for an education authority) → organization.
std::string whereIs(const std::map<std::string, Place>& places, const std::string& key) {
    std::map<std::string, std::string> names;  // record kind → name, from the organization up
    for (auto it = places.find(key); it != places.end() && !names.count(it->second.record);
         it = places.find(it->second.parent))
        names[it->second.record] = it->second.name;
    std::string town = names.count("locality") ? names["locality"] : names["municipality"];
    return names["region"] + " → " + town + " → " + names["organization"];
}

}  // namespace

std::string demoLogins(const std::string& csv) {
    auto parsed = flows::parseCsv(csv);
    if (parsed.rows.empty()) return {};
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < parsed.rows[0].fields.size(); ++i)
        col[parsed.rows[0].fields[i]] = i;
    std::map<std::string, Place> places;
    std::set<std::string> shown;
    std::string out = "  Демо-входы (регион → населённый пункт → организация; логин / пароль):\n";
    for (const auto& row : parsed.rows) {
        const auto& f = row.fields;
        if (f.size() != col.size()) continue;
        const std::string& record = f[col["record"]];
        if (record == "region" || record == "municipality" || record == "locality" ||
            record == "organization")
            places[f[col["key"]]] = {record, f[col["name"]], f[col["parent"]]};
        if (record != "account" || f[col["password"]].empty()) continue;
        if (!shown.insert(f[col["roles"]]).second) continue;
        out += "    " + f[col["roles"]] + ": " + whereIs(places, f[col["parent"]]) + "\n      " +
               f[col["login"]] + " / " + f[col["password"]] + "\n";
    }
    return out;
}

}  // namespace netcity::app
