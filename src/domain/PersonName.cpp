#include "domain/PersonName.h"

#include "domain/Utf8Text.h"

namespace netcity::domain {
namespace {

std::string firstLetter(const std::string& s) {
    if (s.empty()) return {};
    std::size_t len = 1;
    auto c = static_cast<unsigned char>(s[0]);
    if (c >= 0xF0)
        len = 4;
    else if (c >= 0xE0)
        len = 3;
    else if (c >= 0xC0)
        len = 2;
    return s.substr(0, len) + ".";
}

bool isSeparatorAt(std::string_view s, std::size_t i, std::size_t& width) {
    if (s[i] == ' ' || s[i] == '-' || s[i] == '\t') return (width = 1), true;
    // U+2010..U+2015 (hyphens and dashes) and U+00A0 (no-break space)
    if (i + 2 < s.size() && s.substr(i, 2) == "\xE2\x80") {
        auto c = static_cast<unsigned char>(s[i + 2]);
        if (c >= 0x90 && c <= 0x95) return (width = 3), true;
    }
    if (s.substr(i, 2) == "\xC2\xA0") return (width = 2), true;
    return false;
}

}  // namespace

std::string PersonName::full() const {
    std::string out = last + " " + first;
    if (!middle.empty()) out += " " + middle;
    return out;
}

std::string PersonName::shortForm() const {
    std::string out = last + " " + firstLetter(first);
    if (!middle.empty()) out += " " + firstLetter(middle);
    return out;
}

std::string normalizeNamePart(std::string_view part) {
    std::string lowered = lowerCase(part);
    std::string out;
    bool pendingSeparator = false;
    for (std::size_t i = 0; i < lowered.size();) {
        std::size_t width = 0;
        if (isSeparatorAt(lowered, i, width)) {
            pendingSeparator = !out.empty();
            i += width;
            continue;
        }
        if (pendingSeparator) out.push_back('-');
        pendingSeparator = false;
        if (lowered.compare(i, 2, "\xD1\x91") == 0) {  // ё -> е
            out += "\xD0\xB5";
            i += 2;
        } else {
            out.push_back(lowered[i++]);
        }
    }
    return out;
}

bool sameName(const PersonName& a, const PersonName& b) {
    return normalizeNamePart(a.last) == normalizeNamePart(b.last) &&
           normalizeNamePart(a.first) == normalizeNamePart(b.first) &&
           normalizeNamePart(a.middle) == normalizeNamePart(b.middle);
}

}  // namespace netcity::domain
