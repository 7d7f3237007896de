#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/journal/MarkScale.h"
#include "domain/journal/SchoolCalendar.h"
#include "flows/ImportProblem.h"
#include "flows/ImportRow.h"
#include "store/Database.h"

namespace netcity::flows {

// The journal's record kinds (docs/csv-format.md, «Journal records»): no key, always a parent.
const std::map<std::string, KindColumns>& journalKinds();

// Checks the journal's rows (docs/csv-format.md, «Journal records») by the domain's rules,
// against the file's earlier rows and the database.
class JournalValidator {
  public:
    JournalValidator(store::Database& db, Poco::Data::Session& session, KnownPeople& people,
                     const domain::journal::MarkScale& scale);
    ~JournalValidator();
    // Every row of the file, before any is checked: what it will give (the bells, so that the
    // stored bells the file replaces are not held against its others).
    void preview(const ImportRow& row);
    // nullopt: the row is good, and later rows may refer to it.
    std::optional<ImportProblem> check(const ImportRow& row);

  private:
    struct State;
    std::unique_ptr<State> s_;
};

// Writes checked journal rows inside the import's transaction.
class JournalWriter {
  public:
    JournalWriter(store::Database& db, Poco::Data::Session& session,
                  const domain::journal::MarkScale& scale, std::int64_t now);
    ~JournalWriter();
    void write(const ImportRow& row);
    // Makes the lessons of the timetables written; returns how many were added.
    int finish();

  private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace netcity::flows
