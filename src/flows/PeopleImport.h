#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "crypto/PasswordHasher.h"
#include "domain/journal/MarkScale.h"
#include "flows/Clock.h"
#include "flows/ImportProblem.h"
#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::flows {

// `netcity admin import FILE.csv`: directory entries, people, accounts and relations, and the
// journal's school years, bells, subjects, teaching, timetable (which makes the lessons), past
// assignments, marks and absences (docs/csv-format.md). Idempotent by external key. All rows are
// checked before anything is written; a file with a bad row writes nothing unless bad rows are to
// be skipped, and then whatever depends on a skipped row is skipped too. Problems are codes
// (ImportProblem); the caller words them.
class PeopleImport {
  public:
    struct RowError {
        int line;
        ImportProblem problem;
    };
    struct Report {
        std::vector<RowError> errors;
        std::map<std::string, int> imported;  // record kind -> rows written
        bool written = false;
    };
    using Progress = std::function<void(std::size_t done, std::size_t total)>;

    PeopleImport(store::Database& db, crypto::PasswordHasher& hasher,
                 const store::SnilsVault& vault, const Clock& clock,
                 const domain::journal::MarkScale& scale = {})
        : db_(db), hasher_(hasher), vault_(vault), clock_(clock), scale_(scale) {}

    Report run(std::string_view csvText, bool skipBad, const Progress& progress = {});

  private:
    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    const store::SnilsVault& vault_;
    const Clock& clock_;
    domain::journal::MarkScale scale_;
};

}  // namespace netcity::flows
