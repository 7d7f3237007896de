#pragma once

#include <cstddef>
#include <string>

#include "domain/SnilsNumber.h"
#include "flows/CsvReader.h"

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
        BadBirthDate,  // value
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
    };

    Code code = Code::BadHeader;
    std::string column;
    std::string kind;
    std::string value;
    std::size_t expected = 0, found = 0;
    CsvProblem csv = CsvProblem::None;
    domain::SnilsNumber::ParseError snils = domain::SnilsNumber::ParseError::Empty;
};

}  // namespace netcity::flows
