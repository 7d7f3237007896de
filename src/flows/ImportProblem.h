#pragma once

#include <cstddef>
#include <string>

#include "domain/SnilsNumber.h"
#include "domain/journal/BellSchedule.h"
#include "domain/journal/MarkScale.h"
#include "domain/journal/SchoolCalendar.h"
#include "flows/CsvReader.h"
#include "flows/journal/AnnouncementBoard.h"

namespace netcity::flows {

// What is wrong with one line of an import file. The import reports it; the command's layer
// words it (app/ImportTexts). The fields a code uses are named beside it.
struct ImportProblem {
    enum class Code {
        Csv,                  // csv: the file is not valid CSV
        BadHeader,            // value: the columns expected, comma-separated
        WrongFieldCount,      // expected, found
        InvalidUtf8,          // column
        ControlCharacters,    // column
        TooLong,              // column
        UnknownKind,          // value: the record kind
        UnusedColumnFilled,   // column, kind
        RequiredColumnEmpty,  // column, kind
        BadKey,
        DuplicateKey,      // value: the key
        NoReference,       // kind: the kind of the key that is missing
        UnknownReference,  // kind, value: the key
        NoName,
        AuthorityHasNoClasses,
        UnknownOrganizationType,  // value
        NoPersonName,
        BadPersonName,  // column, value
        BadBirthDate,   // value
        BirthDateInFuture,
        BadGender,
        BadSnils,  // snils
        BadEmail,
        BadPhone,
        BadLogin,
        DuplicateLogin,  // value: the login
        UnknownRole,     // value: the roles
        AuthorityNeedsAuthorityRole,
        AuthorityRoleOutsideAuthority,
        AuthorityOnlyStaffRoles,
        ClassForOtherRoles,
        ClassOfOtherOrganization,  // value: the class key
        LoginOfOtherPerson,        // value: the login
        OwnParent,
        DuplicateRelation,
        LinkSlotTaken,  // value: the login
        // the journal's rows
        AuthorityHasNoJournal,
        BadDate,          // column, value
        UnknownTermKind,  // value
        BadTerms,
        Calendar,               // calendar; expected, found: term counts
        YearNameTaken,          // value: the year's name
        YearsOverlap,           // value: the other year's name; date: its first–last day
        LessonsOutsideTerms,    // date: the first such lesson's; found: how many
        BellAgainstStored,      // number; found: the stored bell's number, value: its times
        UnknownYear,            // value: the year's name
        BadNumber,              // column, value
        BadTime,                // column, value
        Bell,                   // bell, number
        UnknownSubject,         // value
        UnknownTeacher,         // value: the login
        UnknownStudent,         // value: the login
        BadWeekday,             // value
        NoBell,                 // number
        DateOutsideYear,        // date
        NoLesson,               // date, number
        UnknownAssignmentType,  // value
        DueBeforeLesson,
        BadWeight,           // value
        NoAssignment,        // value: the type; date, number
        Mark,                // mark, value, scale
        UnknownAbsenceKind,  // value
        DuplicateRow,        // kind; value: what identifies the row
        // announcements
        UnknownAdministrator,  // value: the login
        AnnouncementText,      // announcement: what is wrong with the title or text
        AnnouncementInFuture,  // date
    };

    Code code = Code::BadHeader;
    std::string column;
    std::string kind;
    std::string value;
    std::size_t expected = 0, found = 0;
    std::string date;  // DD.MM.YYYY
    int number = 0;    // a lesson number
    CsvProblem csv = CsvProblem::None;
    domain::SnilsNumber::ParseError snils = domain::SnilsNumber::ParseError::Empty;
    domain::journal::CalendarProblem calendar = domain::journal::CalendarProblem::None;
    domain::journal::BellProblem bell = domain::journal::BellProblem::None;
    domain::journal::MarkProblem mark = domain::journal::MarkProblem::None;
    domain::journal::MarkScale scale;
    journal::AnnouncementBoard::Outcome announcement = journal::AnnouncementBoard::Outcome::Posted;
};

inline ImportProblem importProblem(ImportProblem::Code code, std::string value = {}) {
    ImportProblem p;
    p.code = code;
    p.value = std::move(value);
    return p;
}

}  // namespace netcity::flows
