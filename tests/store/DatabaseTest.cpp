#include <gtest/gtest.h>

#include <latch>
#include <thread>
#include <vector>

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
    EXPECT_EQ(renderDdl("{sqlite}x {blob}", Dialect::SQLite), "x BLOB");
    EXPECT_EQ(renderDdl("{sqlite}x {blob}", Dialect::PostgreSQL), "");
    EXPECT_EQ(renderDdl("{postgresql}x {blob}", Dialect::PostgreSQL), "x BYTEA");
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

TEST(Database, ACheckoutWaitsForAFreeConnectionThenGivesUp) {
    netcity::testing::TestDatabase database;
    auto db = Database::open(database.url(), {2, std::chrono::milliseconds(300)});
    std::latch held(2), release(1);
    std::vector<std::thread> holders;
    for (int i = 0; i < 2; ++i)
        holders.emplace_back([&] {
            auto s = db->session();
            held.count_down();
            release.wait();
        });
    held.wait();
    // Both busy: a third waits its bounded time and is told the database is unavailable…
    std::thread third([&] { EXPECT_THROW(db->session(), Unavailable); });
    third.join();
    // …while one that comes when a connection frees up gets it.
    std::thread fourth([&] {
        auto s = db->session();
        int one = 0;
        s << "SELECT 1", Poco::Data::Keywords::into(one), Poco::Data::Keywords::now;
        EXPECT_EQ(one, 1);
    });
    release.count_down();
    fourth.join();
    for (auto& t : holders) t.join();
    EXPECT_EQ(db->nestedCheckouts(), 0);
}

TEST(Database, ANestedCheckoutIsCountedAndDoesNotDeadlock) {
    netcity::testing::TestDatabase database;
    auto db = Database::open(database.url(), {1, std::chrono::milliseconds(200)});
    auto outer = db->session();
    auto inner = db->session();  // the bug this counter exists to find
    EXPECT_EQ(db->nestedCheckouts(), 1);
}

TEST(Database, ATransactionRollsBackUnlessCommitted) {
    netcity::testing::TestDatabase database;
    auto& db = database.db();
    auto before = database.count("regions");
    {
        auto s = db.session();
        Transaction tx(db, s);
        s << "INSERT INTO regions (key, name) VALUES ('r-x', 'X')", Poco::Data::Keywords::now;
    }
    EXPECT_EQ(database.count("regions"), before);
    {
        auto s = db.session();
        Transaction tx(db, s);
        s << "INSERT INTO regions (key, name) VALUES ('r-x', 'X')", Poco::Data::Keywords::now;
        tx.commit();
    }
    EXPECT_EQ(database.count("regions"), before + 1);
}

TEST(Database, AnUnreachableServerIsUnavailable) {
    // Nothing listens on port 1: a 503 for the person, not a 500.
    auto db =
        Database::open("postgresql://nobody@127.0.0.1:1/none", {2, std::chrono::milliseconds(200)});
    try {
        db->session();
        ADD_FAILURE() << "connected to nothing";
    } catch (const std::exception& e) {
        EXPECT_TRUE(isUnavailable(e)) << e.what();
    }
}
