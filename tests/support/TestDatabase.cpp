#include "support/TestDatabase.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace Poco::Data::Keywords;

namespace netcity::testing {
namespace {

std::int64_t countIn(store::Database& db, const std::string& table) {
    auto s = db.session();
    std::int64_t n = 0;
    s << "SELECT COUNT(*) FROM " + table, into(n), now;
    return n;
}

}  // namespace

TestDatabase::TestDatabase() {
    char pattern[] = "/tmp/netcity-test-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    const char* pgFile = std::getenv("NETCITY_TEST_PG_URL_FILE");
    if (pgFile) {
        std::ifstream in(pgFile);
        std::getline(in, url_);
        if (url_.empty()) throw std::runtime_error(std::string("no PostgreSQL URL in ") + pgFile);
        auto db = store::Database::open(url_, {4, std::chrono::milliseconds(5000)});
        auto s = db->session();
        s << "DROP SCHEMA IF EXISTS public CASCADE", now;
        s << "CREATE SCHEMA public", now;
    } else {
        url_ = "sqlite:" + dir_ + "/test.db";
    }
    db_ = store::Database::open(url_, {24, std::chrono::milliseconds(5000)});
    db_->migrate();
}

TestDatabase::~TestDatabase() {
    db_.reset();
    std::filesystem::remove_all(dir_);
}

std::int64_t TestDatabase::count(const std::string& table) {
    return countIn(*db_, table);
}

std::int64_t TestDatabase::countQueued(const std::string& table) {
    return countIn(db_->queueStore(), table);
}

void TestDatabase::waitForBlockedWriter(Poco::Data::Session& holder) {
    using namespace std::chrono_literals;
    if (!postgres()) {
        std::this_thread::sleep_for(300ms);
        return;
    }
    for (auto until = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(10ms)) {
        std::int64_t waiting = 0;
        holder << "SELECT COUNT(*) FROM pg_locks WHERE NOT granted", into(waiting), now;
        if (waiting > 0) return;
    }
    ADD_FAILURE() << "no writer came to wait for the held lock";
}

}  // namespace netcity::testing
