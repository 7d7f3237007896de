#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <string>

namespace netcity::http {

using TemplateData = kainjow::mustache::data;

// A text for `{{#key}}…{{key}}…{{/key}}`: Mustache opens a section for every string, an empty one
// too, so an empty text goes in as false.
inline TemplateData optionalText(const std::string& text) {
    return text.empty() ? TemplateData(false) : TemplateData(text);
}

// Mustache templates compiled once at start from files embedded in the binary (NAME.mustache
// and static/NAME). Every page is rendered into layout.mustache; {{x}} escapes HTML, so user
// text is safe.
class Templates {
  public:
    explicit Templates(const std::map<std::string, std::string>& files);
    std::string page(const std::string& name, const std::string& title, TemplateData data) const;
    std::string render(const std::string& name, const TemplateData& data) const;
    // Static assets (CSS, JS) embedded beside the templates: nullptr when unknown.
    const std::string* asset(const std::string& name) const;

  private:
    const std::map<std::string, std::string>& files_;
    std::map<std::string, kainjow::mustache::mustache> compiled_;
};

}  // namespace netcity::http
