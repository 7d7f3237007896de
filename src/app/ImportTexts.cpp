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

namespace {

std::string describe(domain::journal::CalendarProblem c, const flows::ImportProblem& p) {
    using domain::journal::CalendarProblem;
    switch (c) {
        case CalendarProblem::None:
            return {};
        case CalendarProblem::YearBackwards:
            return "учебный год заканчивается раньше, чем начинается";
        case CalendarProblem::WrongTermCount:
            return "при таком делении года нужно периодов: " + std::to_string(p.expected) +
                   ", а указано " + std::to_string(p.found);
        case CalendarProblem::TermBackwards:
            return "период заканчивается раньше, чем начинается";
        case CalendarProblem::TermOutsideYear:
            return "период выходит за границы учебного года";
        case CalendarProblem::TermsOverlap:
            return "периоды идут не по порядку или пересекаются";
    }
    return {};
}

std::string describe(domain::journal::BellProblem b, int number) {
    using domain::journal::BellProblem;
    switch (b) {
        case BellProblem::None:
            return {};
        case BellProblem::NumberOutOfRange:
            return "номер урока должен быть от 0 до 12";
        case BellProblem::EndsBeforeStart:
            return "урок " + std::to_string(number) + " заканчивается раньше, чем начинается";
        case BellProblem::Overlaps:
            return "урок " + std::to_string(number) +
                   " пересекается с соседним в расписании звонков";
    }
    return {};
}

std::string describe(flows::journal::AnnouncementBoard::Outcome o) {
    using O = flows::journal::AnnouncementBoard::Outcome;
    switch (o) {
        case O::Posted:
        case O::NotAllowed:
        case O::NoClassChosen:
        case O::UnknownClass:
            return {};  // not a title or text's: the import names authors and classes itself
        case O::TitleMissing:
            return "не указан заголовок объявления";
        case O::TitleTooLong:
            return "заголовок объявления длиннее 200 символов";
        case O::TitleNotText:
            return "заголовок объявления должен быть одной строкой текста";
        case O::TextMissing:
            return "не указан текст объявления";
        case O::TextTooLong:
            return "текст объявления длиннее 5000 символов";
        case O::TextNotText:
            return "в тексте объявления недопустимые символы";
    }
    return {};
}

std::string describeMark(const flows::ImportProblem& p) {
    std::string scale = std::to_string(p.scale.lowest) + "–" + std::to_string(p.scale.highest);
    if (p.mark == domain::journal::MarkProblem::OutOfScale)
        return "оценка «" + p.value + "» вне шкалы " + scale;
    return "оценка «" + p.value + "» не распознана: нужна оценка " + scale + " или «долг»";
}

}  // namespace

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
        case Code::BadPersonName:
            return "в столбце " + p.column + " «" + p.value +
                   "»: допустимы только буквы, пробел, дефис, апостроф и точка, не длиннее 60"
                   " символов";
        case Code::BadBirthDate:
            return "неверная дата рождения «" + p.value +
                   "» (нужно ДД.ММ.ГГГГ, не раньше 01.01.1900)";
        case Code::BirthDateInFuture:
            return "дата рождения в будущем";
        case Code::BadGender:
            return "пол указывается буквой М или Ж";
        case Code::BadSnils:
            return domain::describe(p.snils);
        case Code::BadEmail:
            return "неверный адрес e-mail";
        case Code::BadPhone:
            return "телефон указан неверно: нужно от 10 до 15 цифр (можно с +, пробелами, скобками"
                   " и дефисами)";
        case Code::OwnParent:
            return "человек не может быть родителем самому себе";
        case Code::DuplicateRelation:
            return "эта связь уже встречалась в файле";
        case Code::AuthorityHasNoJournal:
            return "у органа управления образованием нет журнала";
        case Code::BadDate:
            return "неверная дата «" + p.value + "» в столбце " + p.column + " (нужно ДД.ММ.ГГГГ)";
        case Code::UnknownTermKind:
            return "неизвестное деление учебного года «" + p.value +
                   "» (нужно quarter, trimester или half)";
        case Code::BadTerms:
            return "периоды записываются как ДД.ММ.ГГГГ-ДД.ММ.ГГГГ через «;»";
        case Code::Calendar:
            return describe(p.calendar, p);
        case Code::YearNameTaken:
            return "в организации уже есть учебный год «" + p.value + "» с другой датой начала";
        case Code::YearsOverlap:
            return "учебный год пересекается с учебным годом «" + p.value + "» (" + p.date +
                   ") этой организации";
        case Code::LessonsOutsideTerms:
            return "при таких периодах уроки вне периодов года: " + p.date +
                   (p.found > 1 ? " и ещё " + std::to_string(p.found - 1) : "") +
                   " (перенесите или отмените их в журнале, или оставьте периоды)";
        case Code::BellAgainstStored:
            return "урок " + std::to_string(p.number) + " не согласуется с уроком " +
                   std::to_string(p.found) + " (" + p.value +
                   ") в сохранённом расписании звонков: уроки идут по порядку номеров и не "
                   "пересекаются";
        case Code::UnknownYear:
            return "в организации нет учебного года «" + p.value + "»";
        case Code::BadNumber:
            return "в столбце " + p.column + " нужно целое число, а не «" + p.value + "»";
        case Code::BadTime:
            return "неверное время «" + p.value + "» в столбце " + p.column + " (нужно ЧЧ:ММ)";
        case Code::Bell:
            return describe(p.bell, p.number);
        case Code::UnknownSubject:
            return "в организации нет предмета «" + p.value + "»";
        case Code::UnknownTeacher:
            return "в организации нет учителя с логином " + p.value;
        case Code::UnknownStudent:
            return "в классе нет обучающегося с логином " + p.value;
        case Code::BadWeekday:
            return "день недели — число от 1 (понедельник) до 6 (суббота) или пн, вт, ср, чт, пт, "
                   "сб, а не «" +
                   p.value + "»";
        case Code::NoBell:
            return "в расписании звонков нет урока " + std::to_string(p.number);
        case Code::DateOutsideYear:
            return "дата " + p.date + " не входит ни в один учебный год организации";
        case Code::NoLesson:
            return "у класса нет урока № " + std::to_string(p.number) + " " + p.date;
        case Code::UnknownAssignmentType:
            return "неизвестный вид задания «" + p.value + "»";
        case Code::DueBeforeLesson:
            return "срок сдачи раньше дня урока";
        case Code::BadWeight:
            return "вес задания — целое число от 1 до 10, а не «" + p.value + "»";
        case Code::NoAssignment:
            return "нет задания «" + p.value + "» на уроке № " + std::to_string(p.number) + " " +
                   p.date;
        case Code::Mark:
            return describeMark(p);
        case Code::UnknownAbsenceKind:
            return "неизвестная отметка посещаемости «" + p.value + "»";
        case Code::DuplicateRow:
            return "запись вида " + p.kind + " (" + p.value + ") уже встречалась в файле";
        case Code::UnknownAdministrator:
            return "в организации нет администратора с логином " + p.value;
        case Code::AnnouncementText:
            return describe(p.announcement);
        case Code::AnnouncementInFuture:
            return "дата объявления " + p.date + " ещё не наступила";
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
        case Code::LinkSlotTaken:
            return "логин " + p.value +
                   " связан с учётной записью Госуслуг, к которой в этой организации уже"
                   " привязана другая учётная запись с такой ролью";
    }
    return {};
}

}  // namespace netcity::app
