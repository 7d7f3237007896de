#pragma once

#include <string>
#include <vector>

#include "store/Database.h"

namespace netcity::store {

struct Migration {
    int version;
    const char* description;
    std::vector<std::string> statements;  // {pk} and {blob} are filled in per dialect
};

const std::vector<Migration>& migrations();
// The schema of an SQLite database's queue store (Database::queueStore).
const std::vector<Migration>& queueStoreMigrations();
std::string renderDdl(const std::string& statement, Dialect dialect);

}  // namespace netcity::store
