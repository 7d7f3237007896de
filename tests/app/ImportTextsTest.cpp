#include <gtest/gtest.h>

#include "app/ImportTexts.h"

using namespace netcity;
using Code = flows::ImportProblem::Code;

namespace {

flows::ImportProblem make(Code code, std::string value = {}, std::string column = {},
                          std::string kind = {}) {
    flows::ImportProblem p;
    p.code = code;
    p.value = std::move(value);
    p.column = std::move(column);
    p.kind = std::move(kind);
    return p;
}

}  // namespace

// The wording docs/csv-format.md quotes and operators search for: word for word.
TEST(ImportTexts, FileAndColumnProblems) {
    flows::ImportProblem csv = make(Code::Csv);
    csv.csv = flows::CsvProblem::UnclosedQuote;
    EXPECT_EQ(app::describe(csv), "кавычка не закрыта до конца файла");
    csv.csv = flows::CsvProblem::TextAfterClosingQuote;
    EXPECT_EQ(app::describe(csv), "после закрывающей кавычки ожидается запятая");
    EXPECT_EQ(app::describe(make(Code::BadHeader, "record,key")),
              "в заголовке должны быть по одному разу столбцы record,key");
    flows::ImportProblem count = make(Code::WrongFieldCount);
    count.expected = 17;
    count.found = 4;
    EXPECT_EQ(app::describe(count), "ожидалось 17 полей, а их 4");
    EXPECT_EQ(app::describe(make(Code::InvalidUtf8, {}, "name")),
              "поле name: текст не в кодировке UTF-8");
    EXPECT_EQ(app::describe(make(Code::ControlCharacters, {}, "name")),
              "поле name: управляющие символы");
    EXPECT_EQ(app::describe(make(Code::TooLong, {}, "name")), "поле name: длиннее 200 символов");
    EXPECT_EQ(app::describe(make(Code::UnknownKind, "school")), "неизвестный вид записи «school»");
    EXPECT_EQ(app::describe(make(Code::UnusedColumnFilled, {}, "type", "region")),
              "столбец type не используется в записи вида region (сдвиг столбцов?)");
    EXPECT_EQ(app::describe(make(Code::RequiredColumnEmpty, {}, "birth_date", "person")),
              "для записи вида person обязателен столбец birth_date");
}

TEST(ImportTexts, DirectoryAndPersonProblems) {
    EXPECT_EQ(app::describe(make(Code::BadKey)), "ключ пуст или содержит недопустимые символы");
    EXPECT_EQ(app::describe(make(Code::DuplicateKey, "reg-a")),
              "ключ reg-a уже встречался в файле");
    EXPECT_EQ(app::describe(make(Code::NoReference, {}, {}, "region")),
              "не указан ключ записи вида region");
    EXPECT_EQ(app::describe(make(Code::UnknownReference, "org-x", {}, "organization")),
              "нет записи вида organization с ключом org-x");
    EXPECT_EQ(app::describe(make(Code::NoName)), "не указано название");
    EXPECT_EQ(app::describe(make(Code::AuthorityHasNoClasses)),
              "у органа управления образованием нет классов");
    EXPECT_EQ(app::describe(make(Code::UnknownOrganizationType, "школа")),
              "неизвестный тип организации «школа»");
    EXPECT_EQ(app::describe(make(Code::NoPersonName)), "не указаны фамилия или имя");
    EXPECT_EQ(app::describe(make(Code::BadBirthDate, "31.02.2010")),
              "неверная дата рождения «31.02.2010» (нужно ДД.ММ.ГГГГ, не раньше 01.01.1900)");
    EXPECT_EQ(app::describe(make(Code::BirthDateInFuture)), "дата рождения в будущем");
    EXPECT_EQ(app::describe(make(Code::BadGender)), "пол указывается буквой М или Ж");
    flows::ImportProblem snils = make(Code::BadSnils);
    snils.snils = domain::SnilsNumber::ParseError::BadChecksum;
    EXPECT_EQ(app::describe(snils), domain::describe(snils.snils));  // the domain's wording
    EXPECT_EQ(app::describe(make(Code::BadEmail)), "неверный адрес e-mail");
    EXPECT_EQ(app::describe(make(Code::BadPhone)),
              "телефон указан неверно: нужно от 10 до 15 цифр (можно с +, пробелами, скобками и "
              "дефисами)");
    auto name = make(Code::BadPersonName, "Иванов2");
    name.column = "last_name";
    EXPECT_EQ(app::describe(name),
              "в столбце last_name «Иванов2»: допустимы только буквы, пробел, дефис, апостроф и "
              "точка, не длиннее 60 символов");
    EXPECT_EQ(app::describe(make(Code::OwnParent)), "человек не может быть родителем самому себе");
    EXPECT_EQ(app::describe(make(Code::DuplicateRelation)), "эта связь уже встречалась в файле");
}

TEST(ImportTexts, AccountProblems) {
    EXPECT_EQ(app::describe(make(Code::BadLogin)), "логин пуст или содержит недопустимые символы");
    EXPECT_EQ(app::describe(make(Code::DuplicateLogin, "ivanov")),
              "логин ivanov уже встречался в этой организации");
    EXPECT_EQ(app::describe(make(Code::UnknownRole, "janitor")), "неизвестная роль в «janitor»");
    EXPECT_EQ(app::describe(make(Code::AuthorityNeedsAuthorityRole)),
              "в органе управления образованием нужна роль authority");
    EXPECT_EQ(app::describe(make(Code::AuthorityRoleOutsideAuthority)),
              "роль authority допустима только в органе управления образованием");
    EXPECT_EQ(app::describe(make(Code::AuthorityOnlyStaffRoles)),
              "в органе управления образованием допустимы только роли authority и administrator");
    EXPECT_EQ(app::describe(make(Code::ClassForOtherRoles)),
              "класс указывается только обучающемуся или классному руководителю");
    EXPECT_EQ(app::describe(make(Code::ClassOfOtherOrganization, "cls-5a")),
              "класс cls-5a относится к другой организации");
    EXPECT_EQ(app::describe(make(Code::LoginOfOtherPerson, "lebedev.ka")),
              "логин lebedev.ka в этой организации принадлежит другому человеку");
}

TEST(ImportTexts, CalendarBellAndAnnouncementProblems) {
    auto overlap = make(Code::YearsOverlap, "2026/2027");
    overlap.date = "01.09.2026–31.08.2027";
    EXPECT_EQ(app::describe(overlap),
              "учебный год пересекается с учебным годом «2026/2027» (01.09.2026–31.08.2027) этой "
              "организации");
    auto outside = make(Code::LessonsOutsideTerms);
    outside.date = "19.10.2026";
    outside.found = 2;
    EXPECT_EQ(app::describe(outside),
              "при таких периодах уроки вне периодов года: 19.10.2026 и ещё 1 (перенесите или "
              "отмените их в журнале, или оставьте периоды)");
    auto bell = make(Code::BellAgainstStored, "08:30–09:15");
    bell.number = 3;
    bell.found = 1;
    EXPECT_EQ(app::describe(bell),
              "урок 3 не согласуется с уроком 1 (08:30–09:15) в сохранённом расписании звонков: "
              "уроки идут по порядку номеров и не пересекаются");
    EXPECT_EQ(app::describe(make(Code::UnknownAdministrator, "sokolov.pi")),
              "в организации нет администратора с логином sokolov.pi");
    auto text = make(Code::AnnouncementText);
    text.announcement = flows::journal::AnnouncementBoard::Outcome::TextTooLong;
    EXPECT_EQ(app::describe(text), "текст объявления длиннее 5000 символов");
    auto future = make(Code::AnnouncementInFuture);
    future.date = "23.11.2026";
    EXPECT_EQ(app::describe(future), "дата объявления 23.11.2026 ещё не наступила");
}
