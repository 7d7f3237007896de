#include "domain/journal/SchoolCalendar.h"

namespace netcity::domain::journal {

std::optional<TermKind> parseTermKind(std::string_view c) {
    if (c == "quarter") return TermKind::Quarter;
    if (c == "trimester") return TermKind::Trimester;
    if (c == "half") return TermKind::Half;
    return std::nullopt;
}

const char* code(TermKind kind) {
    switch (kind) {
        case TermKind::Quarter:
            return "quarter";
        case TermKind::Trimester:
            return "trimester";
        case TermKind::Half:
            break;
    }
    return "half";
}

int termCount(TermKind kind) {
    switch (kind) {
        case TermKind::Quarter:
            return 4;
        case TermKind::Trimester:
            return 3;
        case TermKind::Half:
            break;
    }
    return 2;
}

std::string termName(TermKind kind, int number) {
    const char* noun = kind == TermKind::Quarter     ? "четверть"
                       : kind == TermKind::Trimester ? "триместр"
                                                     : "полугодие";
    return std::to_string(number) + " " + noun;
}

std::optional<Term> SchoolYear::termOf(const CalendarDate& date) const {
    for (const auto& t : terms)
        if (date >= t.startsOn && date <= t.endsOn) return t;
    return std::nullopt;
}

std::optional<Term> SchoolYear::termFor(const CalendarDate& date) const {
    if (!contains(date)) return std::nullopt;
    std::optional<Term> last;
    for (const auto& t : terms) {
        if (date < t.startsOn) break;
        last = t;
    }
    // Before the first term starts (the year's first days): the first term.
    if (!last && !terms.empty()) return terms.front();
    return last;
}

LessonDay lessonDay(const SchoolYear& year, const CalendarDate& date) {
    if (!year.contains(date)) return LessonDay::OutsideYear;
    return year.termOf(date) ? LessonDay::InTerm : LessonDay::Holiday;
}

std::vector<CalendarDate> schoolDays(const SchoolYear& year, int weekday) {
    std::vector<CalendarDate> days;
    for (const auto& t : year.terms) {
        auto first = t.startsOn.plusDays((weekday - t.startsOn.weekday() + 7) % 7);
        for (auto d = first; d <= t.endsOn; d = d.plusDays(7)) days.push_back(d);
    }
    return days;
}

std::vector<DateSpan> monthsOf(const Term& term) {
    std::vector<DateSpan> months;
    for (auto first = term.startsOn; first <= term.endsOn;) {
        int year = first.year(), month = first.month();
        auto next = month == 12 ? *CalendarDate::make(year + 1, 1, 1)
                                : *CalendarDate::make(year, month + 1, 1);
        auto last = next.plusDays(-1);
        months.push_back({first, last < term.endsOn ? last : term.endsOn});
        first = next;
    }
    return months;
}

CalendarProblem check(const SchoolYear& year) {
    if (year.endsOn <= year.startsOn) return CalendarProblem::YearBackwards;
    if (static_cast<int>(year.terms.size()) != termCount(year.termKind))
        return CalendarProblem::WrongTermCount;
    const Term* previous = nullptr;
    for (std::size_t i = 0; i < year.terms.size(); ++i) {
        const Term& t = year.terms[i];
        if (t.number != static_cast<int>(i) + 1) return CalendarProblem::TermsOverlap;
        if (t.endsOn < t.startsOn) return CalendarProblem::TermBackwards;
        if (t.startsOn < year.startsOn || t.endsOn > year.endsOn)
            return CalendarProblem::TermOutsideYear;
        if (previous && t.startsOn <= previous->endsOn) return CalendarProblem::TermsOverlap;
        previous = &t;
    }
    return CalendarProblem::None;
}

}  // namespace netcity::domain::journal
