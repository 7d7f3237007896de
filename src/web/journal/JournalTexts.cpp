#include "web/journal/JournalTexts.h"

namespace netcity::web::journal {

using Issue = flows::journal::ClassJournal::Issue;
using Outcome = flows::journal::ClassJournalTimetable::Outcome;

namespace {

std::string quoted(const std::string& text) {
    return "«" + text + "»";
}

std::string scaleText(const domain::journal::MarkScale& scale) {
    return std::to_string(scale.lowest) + "–" + std::to_string(scale.highest);
}

std::string valueText(const std::string& value) {
    return value.empty() ? "пусто" : quoted(value);
}

std::string changedText(const flows::journal::ClassJournal::Problem& p) {
    if (p.key.rfind("hw-", 0) == 0 || !p.current)
        return "пока журнал был открыт, это изменил кто-то другой — проверьте и сохраните снова";
    return "пока журнал был открыт, здесь изменили: сейчас " + valueText(*p.current) + ", у вас " +
           valueText(p.typed) + " — проверьте и сохраните снова";
}

}  // namespace

std::string issueText(const flows::journal::ClassJournal::Problem& p,
                      const domain::journal::MarkScale& scale,
                      const domain::journal::SchoolYear& year) {
    switch (p.issue) {
        case Issue::MarkOutOfScale:
            return "оценка " + quoted(p.typed) + " вне шкалы " + scaleText(scale);
        case Issue::MarkUnreadable:
            return quoted(p.typed) + " — не оценка: введите число от " + scaleText(scale) +
                   " или «д» (долг)";
        case Issue::StudentNotInClass:
            return "ученик не из этого класса";
        case Issue::LessonNotHere:
            return "урок не из этого журнала (другого класса, предмета или другой школы)";
        case Issue::LessonCancelled:
            return "урок отменён: на него нельзя ставить оценки и задания";
        case Issue::AssignmentNotHere:
            return "задание не из этого журнала";
        case Issue::UnknownAbsenceCode:
            return "нет такой отметки о посещаемости: " + quoted(p.typed);
        case Issue::UnknownType:
            return "выберите тип задания из списка";
        case Issue::WeightOutOfRange:
            return "вес задания " + quoted(p.typed) + " — нужно целое число от 1 до 10";
        case Issue::DueDateUnreadable:
            return "срок сдачи " + quoted(p.typed) + " — не дата (ДД.ММ.ГГГГ)";
        case Issue::DueDateOutsideYear:
            return "срок сдачи " +
                   quoted(domain::CalendarDate::parse(p.typed)
                              ? domain::CalendarDate::parse(p.typed)->russian()
                              : p.typed) +
                   " вне учебного года " + year.name + " (" + year.startsOn.russian() + "–" +
                   year.endsOn.russian() + ")";
        case Issue::TextTooLong:
            return "текст задания длиннее 2000 знаков";
        case Issue::ChangedMeanwhile:
            return changedText(p);
    }
    return "ячейка заполнена неверно";
}

std::string monthName(int month) {
    static const char* const kNames[] = {"Январь",   "Февраль", "Март",   "Апрель",
                                         "Май",      "Июнь",    "Июль",   "Август",
                                         "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"};
    return month >= 1 && month <= 12 ? kNames[month - 1] : "";
}

std::string monthKey(const domain::CalendarDate& day) {
    return day.iso().substr(0, 7);
}

std::optional<flows::journal::ClassJournal::Period> parsePeriod(const std::string& month) {
    flows::journal::ClassJournal::Period period;
    if (month.empty()) return period;
    if (month == kWholeTermKey) {
        period.wholeTerm = true;
        return period;
    }
    if (month.size() != 7 || month[4] != '-') return std::nullopt;
    auto first = domain::CalendarDate::parse(month + "-01");
    if (!first || monthKey(*first) != month) return std::nullopt;
    period.month = first;
    return period;
}

std::string timetableText(Outcome outcome) {
    switch (outcome) {
        case Outcome::Done:
            return "";
        case Outcome::NotFound:
            return "Урок не найден.";
        case Outcome::PlaceTaken:
            return "Это время у класса уже занято другим уроком: выберите другой день или номер "
                   "урока.";
        case Outcome::DateUnreadable:
            return "Дата урока не распознана: введите её как ДД.ММ.ГГГГ.";
        case Outcome::OutsideYear:
            return "Эта дата вне учебного года: урок можно перенести только в пределах года.";
        case Outcome::Holiday:
            return "Эта дата приходится на каникулы: урок можно перенести только на день "
                   "учебного периода (четверти, триместра или полугодия).";
        case Outcome::NumberOutOfRange:
            return "Такого номера урока нет в расписании звонков.";
        case Outcome::AlreadyCancelled:
            return "Урок уже отменён.";
    }
    return "";
}

}  // namespace netcity::web::journal
