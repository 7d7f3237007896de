#pragma once

#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace netcity::http {

using TemplateData = kainjow::mustache::data;

// A text for `{{#key}}…{{key}}…{{/key}}`: Mustache opens a section for every string, an empty one
// too, so an empty text goes in as false.
inline TemplateData optionalText(const std::string& text) {
    return text.empty() ? TemplateData(false) : TemplateData(text);
}

// kainjow's data copies what it is handed: set() copies the value, push_back() the item, and a
// copied object or list copies every object and list under it — a page's data built bottom-up
// copied each lesson of a diary week three or four times. These move instead.
inline void put(TemplateData& object, const std::string& name, TemplateData&& value) {
    object[name] = std::move(value);
}
inline TemplateData listOf(std::vector<TemplateData>&& items) {
    TemplateData list(TemplateData::type::list);
    // list_value() is const only in kainjow's interface: the vector is this object's own.
    const_cast<kainjow::mustache::list&>(list.list_value()) = std::move(items);
    return list;
}

// Mustache templates compiled once at start from files embedded in the binary (NAME.mustache
// and static/NAME). Every page is rendered into layout.mustache; {{x}} escapes HTML, so user
// text is safe.
class Templates {
  public:
    explicit Templates(const std::map<std::string, std::string>& files);
    // HTML written outside Mustache (the class journal's grid, a few hundred kilobytes): each
    // slot appends its part to the page where the template has {{{name}}} and the data
    // Templates::slot(name). Handed to Mustache as a value, it would be copied and streamed
    // through once more; written in place, the page is one buffer.
    using Slots = std::map<std::string, std::function<void(std::string& out)>>;
    std::string page(const std::string& name, const std::string& title, const TemplateData& data,
                     const Slots& slots = {}, std::size_t slotsSize = 0) const;
    static std::string slot(const std::string& name);
    std::string render(const std::string& name, const TemplateData& data) const;
    // Static assets (CSS, JS) embedded beside the templates: nullptr when unknown.
    const std::string* asset(const std::string& name) const;

  private:
    const std::map<std::string, std::string>& files_;
    std::map<std::string, kainjow::mustache::mustache> compiled_;
};

}  // namespace netcity::http
