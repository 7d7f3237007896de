#include "http/Templates.h"

#include <stdexcept>

namespace netcity::http {

Templates::Templates(const std::map<std::string, std::string>& files) : files_(files) {
    for (const auto& [name, text] : files_) {
        if (name.size() < 9 || name.compare(name.size() - 9, 9, ".mustache") != 0) continue;
        kainjow::mustache::mustache m(text);
        if (!m.is_valid()) throw std::runtime_error("template " + name + ": " + m.error_message());
        compiled_.emplace(name.substr(0, name.size() - 9), std::move(m));
    }
}

std::string Templates::render(const std::string& name, const TemplateData& data) const {
    auto it = compiled_.find(name);
    if (it == compiled_.end()) throw std::runtime_error("no template " + name);
    // render() is const in use but not declared so; each call works on its own context.
    return const_cast<kainjow::mustache::mustache&>(it->second).render(data);
}

std::string Templates::page(const std::string& name, const std::string& title,
                            TemplateData data) const {
    TemplateData layout;
    layout.set("title", title);
    layout.set("content", render(name, data));
    return render("layout", layout);
}

const std::string* Templates::asset(const std::string& name) const {
    auto it = files_.find("static/" + name);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace netcity::http
