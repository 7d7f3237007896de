#include "domain/Utf8Text.h"

#include <cstdint>

namespace netcity::domain {
namespace {

// Decodes one code point at `i`; returns false on malformed, overlong or surrogate sequences.
bool decode(std::string_view s, std::size_t& i, char32_t& cp) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    int extra;
    char32_t min;
    if (b0 < 0x80) {
        cp = b0;
        ++i;
        return true;
    } else if ((b0 & 0xE0) == 0xC0) {
        extra = 1, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        extra = 2, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        extra = 3, cp = b0 & 0x07, min = 0x10000;
    } else {
        return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
        unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
    return true;
}

}  // namespace

bool isValidUtf8(std::string_view text) {
    std::size_t i = 0;
    char32_t cp;
    while (i < text.size())
        if (!decode(text, i, cp)) return false;
    return true;
}

bool hasControlCharacters(std::string_view text, bool allowNewlines) {
    std::size_t i = 0;
    char32_t cp;
    while (i < text.size()) {
        if (!decode(text, i, cp)) return true;
        if (cp == '\t') continue;
        if (allowNewlines && (cp == '\n' || cp == '\r')) continue;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return true;
        if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)) return true;
    }
    return false;
}

std::size_t codePointCount(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string collapseSpaces(std::string_view text) {
    std::string out;
    bool pendingSpace = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out.push_back(' ');
        pendingSpace = false;
        out.push_back(c);
    }
    return out;
}

std::string lowerCase(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            out.push_back(static_cast<char>(c + 32));
        } else if (c == 0xD0 && i + 1 < text.size()) {
            unsigned char d = text[i + 1];
            ++i;
            if (d >= 0x90 && d <= 0x9F) {  // А-П -> а-п
                out += "\xD0";
                out.push_back(static_cast<char>(d + 0x20));
            } else if (d >= 0xA0 && d <= 0xAF) {  // Р-Я -> р-я
                out += "\xD1";
                out.push_back(static_cast<char>(d - 0x20));
            } else if (d == 0x81) {  // Ё -> ё
                out += "\xD1\x91";
            } else {
                out.push_back(static_cast<char>(c));
                out.push_back(static_cast<char>(d));
            }
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

}  // namespace netcity::domain
