#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "crypto/PasswordHasher.h"
#include "domain/UtcOffset.h"
#include "domain/journal/MarkScale.h"
#include "flows/Clock.h"
#include "flows/ImportProblem.h"
#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::flows {
namespace webapi {
class LegacyVerifiers;
}

// The deployment's choices an import's rows are read by.
struct ImportSettings {
    domain::journal::MarkScale scale;                               // marks (--mark-scale)
    domain::UtcOffset timeZone = *domain::UtcOffset::parse("UTC");  // announcements' days
    webapi::LegacyVerifiers* verifiers = nullptr;  // written with the accounts' passwords
};

// `netcity admin import FILE.csv`: directory entries, people, accounts and relations
// (PeopleRows), the journal's school years, bells, subjects, teaching, timetable (which makes
// the lessons), past assignments, marks and absences (JournalRows), and announcements
// (AnnouncementRows) — docs/csv-format.md. Idempotent by external key. All rows are
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

    using Settings = ImportSettings;

    PeopleImport(store::Database& db, crypto::PasswordHasher& hasher,
                 const store::SnilsVault& vault, const Clock& clock, Settings settings = {})
        : db_(db), hasher_(hasher), vault_(vault), clock_(clock), settings_(settings) {}

    Report run(std::string_view csvText, bool skipBad, const Progress& progress = {});

  private:
    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    const store::SnilsVault& vault_;
    const Clock& clock_;
    Settings settings_;
};

}  // namespace netcity::flows
