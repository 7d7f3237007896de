#pragma once

#include <string>
#include <vector>

#include "store/Database.h"

namespace netcity::store {

struct Migration {
    int version;
    const char* description;
    // {pk} and {blob} are filled in per dialect; a statement that starts with {sqlite} or
    // {postgresql} is run on that database only.
    std::vector<std::string> statements;
};

const std::vector<Migration>& migrations();
// The schema of an SQLite database's queue store (Database::queueStore).
const std::vector<Migration>& queueStoreMigrations();
std::string renderDdl(const std::string& statement, Dialect dialect);

}  // namespace netcity::store
