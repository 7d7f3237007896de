#include "domain/PersonFields.h"

#include "domain/Utf8Text.h"

namespace netcity::domain {
namespace {

constexpr std::size_t kMaxNameLength = 60;

// Decodes one UTF-8 code point at `i` (the text is valid UTF-8) and advances `i`.
char32_t next(std::string_view s, std::size_t& i) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

bool nameCharacter(char32_t c) {
    return (c >= U'А' && c <= U'я') || c == U'Ё' || c == U'ё' || (c >= U'A' && c <= U'Z') ||
           (c >= U'a' && c <= U'z') || c == U' ' || c == U'-' || c == U'\'' || c == U'’' ||
           c == U'.';
}

}  // namespace

NameProblem checkPersonName(std::string_view name, bool required) {
    if (name.empty()) return required ? NameProblem::Empty : NameProblem::None;
    if (!isValidUtf8(name)) return NameProblem::InvalidUtf8;
    if (codePointCount(name) > kMaxNameLength) return NameProblem::TooLong;
    for (std::size_t i = 0; i < name.size();)
        if (!nameCharacter(next(name, i))) return NameProblem::Characters;
    return NameProblem::None;
}

bool isPhoneLike(std::string_view phone) {
    std::size_t digits = 0;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        char c = phone[i];
        if (c >= '0' && c <= '9')
            ++digits;
        else if (!(c == ' ' || c == '(' || c == ')' || c == '-' || (c == '+' && i == 0)))
            return false;
    }
    return digits >= 10 && digits <= 15;
}

bool isPlausibleBirthDate(const CalendarDate& date, const CalendarDate& today) {
    return date.year() >= 1900 && !(today < date);
}

}  // namespace netcity::domain
