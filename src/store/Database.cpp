#include "store/Database.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/PostgreSQLException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SessionPool.h>
#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <stdexcept>

#include "store/Migrations.h"
#include "store/RecoveryRequests.h"

using namespace Poco::Data::Keywords;

namespace netcity::store {
namespace {

// Connections the current thread holds (of any Database): more than one means a nested
// checkout.
thread_local int tHeld = 0;

void registerConnectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLite's memory statistics take one process-wide mutex on every allocation: under
        // load every request thread queued on it (measured, bench/README.md). No pooled
        // connection is used by two threads at once, so per-connection mutexes go too.
        sqlite3_shutdown();
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_initialize();
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// postgresql://user:pw@host:port/db -> "host=… port=… dbname=… user=… password=…"
std::string libpqString(const std::string& url) {
    const std::string scheme = "postgresql://";
    if (url.rfind(scheme, 0) != 0) return url;
    std::string rest = url.substr(scheme.size());
    std::string user, password, host = "127.0.0.1", port = "5432", db;
    if (auto at = rest.find('@'); at != std::string::npos) {
        std::string cred = rest.substr(0, at);
        rest = rest.substr(at + 1);
        auto colon = cred.find(':');
        user = cred.substr(0, colon);
        if (colon != std::string::npos) password = cred.substr(colon + 1);
    }
    auto slash = rest.find('/');
    std::string hostPort = rest.substr(0, slash);
    if (slash != std::string::npos) db = rest.substr(slash + 1);
    if (auto colon = hostPort.find(':'); colon != std::string::npos) {
        host = hostPort.substr(0, colon);
        port = hostPort.substr(colon + 1);
    } else if (!hostPort.empty()) {
        host = hostPort;
    }
    std::string out = "host=" + host + " port=" + port;
    if (!db.empty()) out += " dbname=" + db;
    if (!user.empty()) out += " user=" + user;
    if (!password.empty()) out += " password=" + password;
    return out;
}

// Settings every SQLite connection needs, applied once when the pool opens it rather than
// on every checkout.
class SqlitePool : public Poco::Data::SessionPool {
  public:
    using Poco::Data::SessionPool::SessionPool;

  protected:
    void customizeSession(Poco::Data::Session& s) override {
        s.setConnectionTimeout(10);  // seconds of sqlite3_busy_timeout for concurrent writers
        s << "PRAGMA foreign_keys=ON", now;
        s << "PRAGMA synchronous=NORMAL", now;
    }
};

// netcity.db -> netcity.queue.db
std::string queuePathBeside(const std::string& path) {
    const std::string suffix = ".db";
    bool dotDb = path.size() > suffix.size() &&
                 path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    return (dotDb ? path.substr(0, path.size() - suffix.size()) : path) + ".queue.db";
}

}  // namespace

std::string numberPlaceholders(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 16);
    int n = 0;
    bool inString = false;
    for (char c : text) {
        if (c == '\'') inString = !inString;
        if (c == '?' && !inString) {
            out += "$" + std::to_string(++n);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// Where a debugger breaks to see who checked out a nested connection
// (gdb: break netcity::store::nestedCheckoutTrap).
__attribute__((noinline)) void nestedCheckoutTrap() {
    asm volatile("");
}

DbSession::DbSession(Poco::Data::Session session, std::counting_semaphore<>* permit)
    : Poco::Data::Session(std::move(session)), permit_(permit) {
    ++tHeld;
}

DbSession::DbSession(DbSession&& other) noexcept
    : Poco::Data::Session(other), permit_(other.permit_) {
    other.live_ = false;
    other.permit_ = nullptr;
}

DbSession::~DbSession() {
    if (!live_) return;
    --tHeld;
    if (permit_) permit_->release();
}

std::unique_ptr<Database> Database::open(const std::string& url, PoolSettings pool) {
    registerConnectors();
    if (url.rfind("sqlite:", 0) == 0)
        return std::unique_ptr<Database>(
            new Database(Dialect::SQLite, "SQLite", url.substr(7), pool));
    if (url.rfind("postgresql://", 0) == 0 || url.find("dbname=") != std::string::npos)
        return std::unique_ptr<Database>(
            new Database(Dialect::PostgreSQL, "PostgreSQL", libpqString(url), pool));
    throw std::invalid_argument("unknown database URL (want sqlite:PATH or postgresql://…)");
}

Database::Database(Dialect dialect, const std::string& connector, const std::string& connection,
                   PoolSettings pool, bool ownQueue)
    : dialect_(dialect), settings_(pool), permits_(pool.maxConnections) {
    // Room above the permits for nested checkouts, which take none (they are a bug to fix,
    // not a reason to deadlock).
    int capacity = pool.maxConnections + 8;
    if (dialect_ == Dialect::SQLite) {
        pool_ = std::make_unique<SqlitePool>(connector, connection, 1, capacity, 60);
        // WAL lets readers run while one writer commits; the sessions table is read on every
        // request. The mode is stored in the file, so once is enough.
        {
            auto s = session();
            s << "PRAGMA journal_mode=WAL", now;
        }
        if (ownQueue)
            queue_.reset(
                new Database(Dialect::SQLite, connector, queuePathBeside(connection), pool, false));
    } else {
        pool_ = std::make_unique<Poco::Data::SessionPool>(connector, connection, 1, capacity, 60);
    }
}

Database::~Database() = default;

DbSession Database::session() {
    std::counting_semaphore<>* permit = nullptr;
    if (tHeld > 0) {
        nestedCheckoutTrap();
        ++nested_;
    } else {
        if (!permits_.try_acquire_for(settings_.wait))
            throw Unavailable("every database connection stayed busy");
        permit = &permits_;
    }
    try {
        return DbSession(pool_->get(), permit);
    } catch (const Poco::Exception& e) {
        if (permit) permit->release();
        throw Unavailable(std::string("cannot connect to the database: ") + e.what());
    }
}

Transaction::Transaction(Database& db, Poco::Data::Session& s) : db_(db), s_(s) {
    if (db_.dialect() == Dialect::SQLite)
        s_ << "BEGIN IMMEDIATE", now;
    else
        s_.begin();
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        rollback();
    } catch (...) {  // the connection is gone: so is the transaction
    }
}

void Transaction::rollback() {
    open_ = false;
    if (db_.dialect() == Dialect::SQLite)
        s_ << "ROLLBACK", now;
    else
        s_.rollback();
}

void Transaction::commit() {
    if (db_.dialect() == Dialect::SQLite)
        s_ << "COMMIT", now;
    else
        s_.commit();
    open_ = false;
}

bool isUnavailable(const std::exception& e) {
    if (dynamic_cast<const Unavailable*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::PostgreSQL::ConnectionException*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::ConnectionFailedException*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::SessionPoolExhaustedException*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::SessionUnavailableException*>(&e)) return true;
    // SQLite: still busy after the busy timeout, or the disk in trouble.
    if (dynamic_cast<const Poco::Data::SQLite::DBLockedException*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::SQLite::TableLockedException*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::SQLite::IOErrorException*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::SQLite::CantOpenDBFileException*>(&e)) return true;
    if (dynamic_cast<const Poco::Data::SQLite::DatabaseFullException*>(&e)) return true;
    // libpq reports a connection lost mid-statement as a statement error.
    if (auto* pg = dynamic_cast<const Poco::Data::PostgreSQL::PostgreSQLException*>(&e)) {
        std::string what = pg->displayText();
        return what.find("server closed the connection") != std::string::npos ||
               what.find("no connection to the server") != std::string::npos ||
               what.find("terminating connection") != std::string::npos;
    }
    return false;
}

std::string Database::sql(const std::string& text) const {
    return dialect_ == Dialect::PostgreSQL ? numberPlaceholders(text) : text;
}

int Database::schemaVersion() {
    auto s = session();
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
         " applied_at BIGINT NOT NULL)",
        now;
    int version = 0;
    s << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
    return version;
}

void Database::migrate() {
    apply(migrations());
    if (!queue_) return;
    queue_->apply(queueStoreMigrations());
    moveQueuedRecoveryRequests(*this, *queue_);
}

void Database::apply(const std::vector<Migration>& list) {
    int current = schemaVersion();
    for (const auto& m : list) {
        if (m.version <= current) continue;
        auto s = session();
        Transaction tx(*this, s);
        for (const auto& statement : m.statements)
            if (auto ddl = renderDdl(statement, dialect_); !ddl.empty()) s << ddl, now;
        int version = m.version;
        std::int64_t at = unixNow();
        s << sql("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
            bind(version), bind(at), now;
        tx.commit();
    }
}

}  // namespace netcity::store
