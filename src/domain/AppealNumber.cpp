#include "domain/AppealNumber.h"

#include <cstdio>

#include "domain/Utf8Text.h"

namespace netcity::domain {
namespace {

constexpr std::string_view kCyrillicA = "\xD0\x90";  // «А»

int checkDigits(std::uint32_t serial) {
    // ISO 7064 MOD 97-10: the serial followed by the two check digits is ≡ 1 (mod 97).
    return static_cast<int>(98 - (static_cast<std::uint64_t>(serial) * 100 % 97));
}

bool digitsOnly(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int toInt(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::optional<AppealNumber> AppealNumber::make(std::uint32_t serial, int month) {
    if (serial < 100000000 || serial > 999999999 || month < 1 || month > 12) return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "-%09u-%02d-%02d", serial, checkDigits(serial), month);
    return AppealNumber(std::string(kCyrillicA) + buf);
}

std::optional<AppealNumber> AppealNumber::parse(std::string_view input) {
    std::string text = collapseSpaces(input);
    std::string_view t = text;
    if (t.starts_with("\xE2\x84\x96")) t = t.substr(3);  // «№»
    while (t.starts_with(" ")) t = t.substr(1);
    if (t.starts_with(kCyrillicA))
        t = t.substr(kCyrillicA.size());
    else if (t.starts_with("A") || t.starts_with("a"))
        t = t.substr(1);
    else if (t.starts_with("\xD0\xB0"))  // «а»
        t = t.substr(2);
    else
        return std::nullopt;
    // "-SSSSSSSSS-CC-MM"
    if (t.size() != 16 || t[0] != '-' || t[10] != '-' || t[13] != '-') return std::nullopt;
    auto serial = t.substr(1, 9), check = t.substr(11, 2), month = t.substr(14, 2);
    if (!digitsOnly(serial) || !digitsOnly(check) || !digitsOnly(month)) return std::nullopt;
    auto number = make(static_cast<std::uint32_t>(toInt(serial)), toInt(month));
    if (!number || toInt(check) != checkDigits(static_cast<std::uint32_t>(toInt(serial))))
        return std::nullopt;
    return number;
}

}  // namespace netcity::domain
