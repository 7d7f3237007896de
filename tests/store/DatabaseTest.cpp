#include <gtest/gtest.h>

#include "store/Database.h"
#include "store/Migrations.h"
#include "support/TestDatabase.h"

using namespace netcity::store;

TEST(Database, NumbersPlaceholdersOutsideStrings) {
    EXPECT_EQ(numberPlaceholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
              "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
}

TEST(Database, DdlPerDialect) {
    EXPECT_EQ(renderDdl("CREATE TABLE t (id {pk}, b {blob})", Dialect::SQLite),
              "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
    EXPECT_EQ(renderDdl("x {blob}", Dialect::PostgreSQL), "x BYTEA");
}

TEST(Database, MigrationsAreIdempotent) {
    netcity::testing::TestDatabase database;
    int version = database.db().schemaVersion();
    EXPECT_EQ(version, migrations().back().version);
    database.db().migrate();
    EXPECT_EQ(database.db().schemaVersion(), version);
    EXPECT_EQ(database.count("schema_migrations"), static_cast<std::int64_t>(migrations().size()));
}

TEST(Database, RejectsUnknownUrls) {
    EXPECT_THROW(Database::open("mysql://x"), std::invalid_argument);
}
