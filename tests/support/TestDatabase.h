#pragma once

#include <memory>
#include <string>

#include "store/Database.h"

namespace netcity::testing {

// A fresh, migrated database for one test: a new SQLite file, or — when the test runs in the
// PostgreSQL variant (NETCITY_TEST_PG_URL_FILE names the file scripts/pg-cluster.sh wrote) —
// the throwaway cluster's database with its schema dropped and recreated.
class TestDatabase {
  public:
    TestDatabase();
    ~TestDatabase();
    store::Database& db() { return *db_; }
    bool postgres() const { return db_->dialect() == store::Dialect::PostgreSQL; }
    const std::string& dataDir() const { return dir_; }
    std::int64_t count(const std::string& table);
    std::int64_t countQueued(const std::string& table);  // in db().queueStore()
    std::string url() const { return url_; }
    // For a race: `holder` has written in a transaction it has not committed yet, and another
    // connection is about to write the same rows. Returns once that writer waits for the
    // holder's lock (PostgreSQL, read from pg_locks), or after a moment (SQLite, where the
    // writer waits at BEGIN IMMEDIATE and, whenever it gets in, finds the holder's write done).
    void waitForBlockedWriter(Poco::Data::Session& holder);

  private:
    std::string dir_, url_;
    std::unique_ptr<store::Database> db_;
};

}  // namespace netcity::testing
