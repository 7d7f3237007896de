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

// Columns each record kind uses besides record, key and parent; the first `required` of them
// must be filled. The journal's kinds have no key of their own (they are found by what they
// are: organization and start date, class and lesson, …) and always a parent.
struct KindColumns {
    std::vector<std::string> used;
    std::size_t required = 0;
    bool keyed = true;
};

const std::map<std::string, KindColumns>& journalKinds();

// Checks the journal's rows (docs/csv-format.md, «Journal records») by the domain's rules,
// against the file's earlier rows and the database.
class JournalValidator {
  public:
    JournalValidator(store::Database& db, Poco::Data::Session& session, KnownPeople& people,
                     const domain::journal::MarkScale& scale);
    ~JournalValidator();
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
