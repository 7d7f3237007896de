#include "flows/ImportRow.h"

#include <map>
#include <stdexcept>

namespace netcity::flows {

const std::vector<std::string>& importColumns() {
    static const std::vector<std::string> kColumns{
        "record", "key", "parent", "name", "type", "last_name", "first_name", "middle_name",
        "birth_date", "gender", "snils", "email", "phone", "login", "password", "roles", "class",
        // the journal's (docs/csv-format.md, «Journal records»)
        "year", "terms", "start", "end", "date", "number", "weekday", "subject", "room", "text",
        "due_date", "weight", "mark",
        // announcements
        "title"};
    return kColumns;
}

std::size_t peopleColumnCount() {
    return 17;
}

const std::string& ImportRow::operator[](std::string_view column) const {
    static const std::map<std::string_view, std::size_t> kIndex = [] {
        std::map<std::string_view, std::size_t> index;
        for (std::size_t i = 0; i < importColumns().size(); ++i) index[importColumns()[i]] = i;
        return index;
    }();
    auto it = kIndex.find(column);
    if (it == kIndex.end()) throw std::logic_error("no import column " + std::string(column));
    return values.at(it->second);
}

}  // namespace netcity::flows
