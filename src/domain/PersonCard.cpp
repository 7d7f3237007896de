#include "domain/PersonCard.h"

#include "domain/EmailAddress.h"
#include "domain/PersonFields.h"
#include "domain/Utf8Text.h"

namespace netcity::domain {
namespace {

std::optional<std::string> checkName(const std::string& raw, bool required, std::string& out) {
    out = collapseSpaces(raw);
    switch (checkPersonName(out, required)) {
        case NameProblem::None:
            return std::nullopt;
        case NameProblem::Empty:
            return "Заполните поле.";
        case NameProblem::InvalidUtf8:
            return "Недопустимые символы.";
        case NameProblem::TooLong:
            return "Не длиннее 60 символов.";
        case NameProblem::Characters:
            return "Только буквы, пробел, дефис и апостроф.";
    }
    return std::nullopt;
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
        if (!r.fields.birthDate || !isPlausibleBirthDate(*r.fields.birthDate, today))
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
    if (!r.fields.phone.empty() && !isPhoneLike(r.fields.phone))
        r.problems["phone"] = "Телефон указан неверно.";
    return r;
}

}  // namespace netcity::domain
