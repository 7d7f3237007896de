#include "http/Templates.h"

#include <stdexcept>
#include <string_view>
#include <utility>

namespace netcity::http {

namespace {
constexpr const char* kContent = "{{{content}}}";
// layout.mustache before and after its {{{content}}}: a page is spliced in between, not handed
// to Mustache as one more string to copy (the class journal's is a few hundred kilobytes).
constexpr const char* kLayoutHead = " layout head";
constexpr const char* kLayoutTail = " layout tail";
}  // namespace

Templates::Templates(const std::map<std::string, std::string>& files) : files_(files) {
    for (const auto& [name, text] : files_) {
        if (name.size() < 9 || name.compare(name.size() - 9, 9, ".mustache") != 0) continue;
        kainjow::mustache::mustache m(text);
        if (!m.is_valid()) throw std::runtime_error("template " + name + ": " + m.error_message());
        compiled_.emplace(name.substr(0, name.size() - 9), std::move(m));
    }
    if (auto layout = files_.find("layout.mustache"); layout != files_.end()) {
        const std::string& text = layout->second;
        auto at = text.find(kContent);
        if (at == std::string::npos) throw std::runtime_error("layout.mustache: no {{{content}}}");
        std::pair<const char*, std::string> parts[] = {
            {kLayoutHead, text.substr(0, at)},
            {kLayoutTail, text.substr(at + std::string_view(kContent).size())}};
        for (auto& [part, partText] : parts) {
            kainjow::mustache::mustache m(partText);
            if (!m.is_valid()) throw std::runtime_error("layout.mustache: " + m.error_message());
            compiled_.insert_or_assign(part, std::move(m));
        }
    }
}

std::string Templates::render(const std::string& name, const TemplateData& data) const {
    auto it = compiled_.find(name);
    if (it == compiled_.end()) throw std::runtime_error("no template " + name);
    // render() is const in use but not declared so; each call works on its own context.
    return const_cast<kainjow::mustache::mustache&>(it->second).render(data);
}

std::string Templates::slot(const std::string& name) {
    // Control characters never reach a page: every query and form value is refused with them.
    return "\x1F" + name + "\x1F";
}

// `slotsSize`: about how much the slots write, so that the page is allocated once.
std::string Templates::page(const std::string& name, const std::string& title,
                            const TemplateData& data, const Slots& slots,
                            std::size_t slotsSize) const {
    TemplateData layout{"title", title};
    std::string content = render(name, data);
    std::string head = render(kLayoutHead, layout), tail = render(kLayoutTail, layout);
    std::string out;
    out.reserve(head.size() + content.size() + tail.size() + slotsSize);
    out.append(head);
    std::size_t from = 0;  // the slots in the order they appear in the content
    while (true) {
        auto at = content.find('\x1F', from);
        auto end = at == std::string::npos ? at : content.find('\x1F', at + 1);
        auto it = end == std::string::npos ? slots.end()
                                           : slots.find(content.substr(at + 1, end - at - 1));
        if (it == slots.end()) break;
        out.append(content, from, at - from);
        it->second(out);
        from = end + 1;
    }
    out.append(content, from, std::string::npos).append(tail);
    return out;
}

const std::string* Templates::asset(const std::string& name) const {
    auto it = files_.find("static/" + name);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace netcity::http
