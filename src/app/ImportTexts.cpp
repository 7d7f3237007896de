#include "app/ImportTexts.h"

namespace netcity::app {

using Code = flows::ImportProblem::Code;

std::string describe(flows::CsvProblem problem) {
    switch (problem) {
        case flows::CsvProblem::None:
            return {};
        case flows::CsvProblem::TextAfterClosingQuote:
            return "после закрывающей кавычки ожидается запятая";
        case flows::CsvProblem::UnclosedQuote:
            return "кавычка не закрыта до конца файла";
    }
    return {};
}

// One switch without a default: a new code that has no wording does not compile.
std::string describe(const flows::ImportProblem& p) {
    switch (p.code) {
        case Code::Csv:
            return describe(p.csv);
        case Code::BadHeader:
            return "в заголовке должны быть по одному разу столбцы " + p.value;
        case Code::WrongFieldCount:
            return "ожидалось " + std::to_string(p.expected) + " полей, а их " +
                   std::to_string(p.found);
        case Code::InvalidUtf8:
            return "поле " + p.column + ": текст не в кодировке UTF-8";
        case Code::ControlCharacters:
            return "поле " + p.column + ": управляющие символы";
        case Code::TooLong:
            return "поле " + p.column + ": длиннее 200 символов";
        case Code::UnknownKind:
            return "неизвестный вид записи «" + p.value + "»";
        case Code::UnusedColumnFilled:
            return "столбец " + p.column + " не используется в записи вида " + p.kind +
                   " (сдвиг столбцов?)";
        case Code::RequiredColumnEmpty:
            return "для записи вида " + p.kind + " обязателен столбец " + p.column;
        case Code::BadKey:
            return "ключ пуст или содержит недопустимые символы";
        case Code::DuplicateKey:
            return "ключ " + p.value + " уже встречался в файле";
        case Code::NoReference:
            return "не указан ключ записи вида " + p.kind;
        case Code::UnknownReference:
            return "нет записи вида " + p.kind + " с ключом " + p.value;
        case Code::NoName:
            return "не указано название";
        case Code::AuthorityHasNoClasses:
            return "у органа управления образованием нет классов";
        case Code::UnknownOrganizationType:
            return "неизвестный тип организации «" + p.value + "»";
        case Code::NoPersonName:
            return "не указаны фамилия или имя";
        case Code::BadBirthDate:
            return "неверная дата рождения «" + p.value + "» (нужно ДД.ММ.ГГГГ)";
        case Code::BirthDateInFuture:
            return "дата рождения в будущем";
        case Code::BadGender:
            return "пол указывается буквой М или Ж";
        case Code::BadSnils:
            return domain::describe(p.snils);
        case Code::BadEmail:
            return "неверный адрес e-mail";
        case Code::BadPhone:
            return "телефон нужен в виде +7XXXXXXXXXX";
        case Code::OwnParent:
            return "человек не может быть родителем самому себе";
        case Code::DuplicateRelation:
            return "эта связь уже встречалась в файле";
        case Code::BadLogin:
            return "логин пуст или содержит недопустимые символы";
        case Code::DuplicateLogin:
            return "логин " + p.value + " уже встречался в этой организации";
        case Code::UnknownRole:
            return "неизвестная роль в «" + p.value + "»";
        case Code::AuthorityNeedsAuthorityRole:
            return "в органе управления образованием нужна роль authority";
        case Code::AuthorityRoleOutsideAuthority:
            return "роль authority допустима только в органе управления образованием";
        case Code::AuthorityOnlyStaffRoles:
            return "в органе управления образованием допустимы только роли authority и "
                   "administrator";
        case Code::ClassForOtherRoles:
            return "класс указывается только обучающемуся или классному руководителю";
        case Code::ClassOfOtherOrganization:
            return "класс " + p.value + " относится к другой организации";
        case Code::LoginOfOtherPerson:
            return "логин " + p.value + " в этой организации принадлежит другому человеку";
    }
    return {};
}

}  // namespace netcity::app
