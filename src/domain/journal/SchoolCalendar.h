#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/CalendarDate.h"

namespace netcity::domain::journal {

// How an organization divides its year: четверти, триместры or полугодия.
enum class TermKind { Quarter, Trimester, Half };

std::optional<TermKind> parseTermKind(std::string_view code);  // "quarter", "trimester", "half"
const char* code(TermKind kind);
int termCount(TermKind kind);
std::string termName(TermKind kind, int number);  // «2 четверть», «1 полугодие»

struct Term {
    std::int64_t id = 0;
    int number = 0;
    CalendarDate startsOn, endsOn;
};

struct SchoolYear {
    std::int64_t id = 0;
    std::string name;  // «2026/2027»
    CalendarDate startsOn, endsOn;
    TermKind termKind = TermKind::Quarter;
    std::vector<Term> terms;  // in order

    bool contains(const CalendarDate& date) const { return date >= startsOn && date <= endsOn; }
    // The term a date falls in; nullopt in the holidays between terms or outside the year.
    std::optional<Term> termOf(const CalendarDate& date) const;
    // The term a date belongs to for averages and the journal: the one it is in, or the one
    // that ended last before it (holiday marks count for the term just finished).
    std::optional<Term> termFor(const CalendarDate& date) const;
};

// Days from `from` to `to`, both included.
struct DateSpan {
    CalendarDate from, to;
    bool contains(const CalendarDate& date) const { return date >= from && date <= to; }
};

// The term's calendar months, each cut to the term (05.11–30.11, 01.12–28.12): the class
// journal shows one at a time, as a paper journal's spread does.
std::vector<DateSpan> monthsOf(const Term& term);

enum class CalendarProblem {
    None,
    YearBackwards,    // the year ends before it starts
    WrongTermCount,   // four quarters, three trimesters, two halves
    TermBackwards,    // a term ends before it starts
    TermOutsideYear,  // a term begins before the year or ends after it
    TermsOverlap,     // terms out of order or sharing days
};

// Where a lesson may stand: on a day of one of the year's terms. The class journal lists a
// term's lessons, so a lesson in the holidays between terms, or outside the year, would be in no
// grid while its marks stayed.
enum class LessonDay { InTerm, Holiday, OutsideYear };
LessonDay lessonDay(const SchoolYear& year, const CalendarDate& date);

// Every date of the year's terms that falls on `weekday` (1 = Monday): where a timetable slot
// makes a lesson. Holidays between terms have none.
std::vector<CalendarDate> schoolDays(const SchoolYear& year, int weekday);

// Terms numbered 1…n in order, inside the year, not overlapping.
CalendarProblem check(const SchoolYear& year);

}  // namespace netcity::domain::journal
