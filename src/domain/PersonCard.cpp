#include "domain/PersonCard.h"

#include "domain/EmailAddress.h"
#include "domain/Utf8Text.h"

namespace netcity::domain {
namespace {

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

std::optional<std::string> checkName(const std::string& raw, bool required, std::string& out) {
    out = collapseSpaces(raw);
    if (out.empty()) return required ? std::optional<std::string>("Заполните поле.") : std::nullopt;
    if (!isValidUtf8(out)) return "Недопустимые символы.";
    if (codePointCount(out) > 60) return "Не длиннее 60 символов.";
    for (std::size_t i = 0; i < out.size();)
        if (!nameCharacter(next(out, i))) return "Только буквы, пробел, дефис и апостроф.";
    return std::nullopt;
}

bool phoneLike(const std::string& phone) {
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

}  // namespace

CardCheck checkCard(const CardInput& in, const CalendarDate& today) {
    CardCheck r;
    auto name = [&](const char* field, const std::string& raw, bool required, std::string& out) {
        if (auto problem = checkName(raw, required, out)) r.problems[field] = *problem;
    };
    name("last_name", in.lastName, true, r.fields.name.last);
    name("first_name", in.firstName, true, r.fields.name.first);
    name("middle_name", in.middleName, false, r.fields.name.middle);
    std::string birth = collapseSpaces(in.birthDate);
    if (!birth.empty()) {
        r.fields.birthDate = CalendarDate::parse(birth);
        if (!r.fields.birthDate || r.fields.birthDate->year() < 1900 || *r.fields.birthDate > today)
            r.problems["birth_date"] = "Укажите дату рождения в виде ДД.ММ.ГГГГ.";
    }
    r.fields.gender = collapseSpaces(in.gender);
    if (!r.fields.gender.empty() && r.fields.gender != "М" && r.fields.gender != "Ж")
        r.problems["gender"] = "Выберите пол.";
    std::string snils = collapseSpaces(in.snils);
    if (!snils.empty()) {
        r.fields.snils = SnilsNumber::parse(snils);
        if (!r.fields.snils)
            r.problems["snils"] = "СНИЛС указан неверно: проверьте цифры (ХХХ-ХХХ-ХХХ ХХ).";
    }
    std::string email = collapseSpaces(in.email);
    if (!email.empty()) {
        auto parsed = EmailAddress::parse(email);
        if (parsed)
            r.fields.email = parsed->text();
        else
            r.problems["email"] = "Адрес электронной почты указан неверно.";
    }
    r.fields.phone = collapseSpaces(in.phone);
    if (!r.fields.phone.empty() && !phoneLike(r.fields.phone))
        r.problems["phone"] = "Телефон указан неверно.";
    return r;
}

}  // namespace netcity::domain
