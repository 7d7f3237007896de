#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Role.h"

namespace netcity::flows {

// Every column an import file may name: the 17 of the directory and people (each header names
// them all), then the journal's (a header names those its rows need; one not named is empty).
const std::vector<std::string>& importColumns();
std::size_t peopleColumnCount();

// One line of the file, its values in the order of importColumns(). Compact on purpose: a
// migrating school's marks are hundreds of thousands of rows, all held until they are checked.
struct ImportRow {
    int line = 0;
    std::vector<std::string> values;
    std::string passwordHash;  // accounts: computed before the transaction

    const std::string& operator[](std::string_view column) const;
};

// Columns a record kind uses besides record, key and parent; the first `required` of them must
// be filled, every other column must be empty. Kinds without a key of their own (the journal's)
// are found by what they are: organization and start date, class and lesson, …
struct KindColumns {
    std::vector<std::string> used;
    std::size_t required = 0;
    bool keyed = true;
    // A column of several lines (an announcement's text): its kind checks it, not the file's
    // rule of one line of at most 200 characters.
    std::string prose = {};
};

// What the rows checked so far, and the database, say about an account.
struct KnownAccount {
    domain::RoleSet roles;
    std::string classKey;                 // a student's class, when the file gives the account
    std::optional<std::int64_t> classId;  // … or when it is in the database
};

// The directory and accounts as the journal rows see them: the file's earlier rows first, then
// the database.
class KnownPeople {
  public:
    virtual ~KnownPeople() = default;
    virtual bool knows(const std::string& kind, const std::string& key) = 0;
    virtual bool isAuthority(const std::string& organizationKey) = 0;
    virtual std::string classOrganization(const std::string& classKey) = 0;
    virtual std::optional<KnownAccount> account(const std::string& organizationKey,
                                                const std::string& login) = 0;
};

}  // namespace netcity::flows
