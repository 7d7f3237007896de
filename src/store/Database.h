#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <semaphore>
#include <stdexcept>
#include <string>
#include <vector>

namespace netcity::store {

struct Migration;

enum class Dialect { SQLite, PostgreSQL };

// The database cannot serve now (down, unreachable, every connection busy for too long):
// temporary trouble, a 503 for the person who asked.
class Unavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// How many connections a node may hold, and how long a request waits for one. Several nodes
// share PostgreSQL's max_connections (100 by default): 3 nodes of 24 leave room for the rest.
struct PoolSettings {
    int maxConnections = 24;
    std::chrono::milliseconds wait{5000};
};

// A pooled connection. While one is held, a thread takes no other (pass it down instead):
// with a bounded pool, nested checkouts are how a storm of requests deadlocks.
class DbSession : public Poco::Data::Session {
  public:
    // `permit` is the pool slot this checkout holds; null for a nested one.
    DbSession(Poco::Data::Session session, std::counting_semaphore<>* permit);
    DbSession(DbSession&& other) noexcept;
    DbSession(const DbSession&) = delete;
    DbSession& operator=(const DbSession&) = delete;
    DbSession& operator=(DbSession&&) = delete;
    ~DbSession();

  private:
    std::counting_semaphore<>* permit_;
    bool live_ = true;
};

// The one place that knows which database is behind the repositories. Everything above sees
// the same SQL text: written with `?` placeholders, rewritten to `$n` for PostgreSQL (POCO 1.11
// hands SQL to PQprepare verbatim).
class Database {
  public:
    // "sqlite:/path/to/file.db", or a PostgreSQL URL / libpq string
    // ("postgresql://user:pw@127.0.0.1:5432/db", "host=… dbname=…").
    static std::unique_ptr<Database> open(const std::string& url, PoolSettings pool = {});
    ~Database();

    Dialect dialect() const { return dialect_; }
    // One connection per user action, returned to the pool when destroyed. Waits (bounded) for
    // a free one; throws Unavailable when none frees up in time or the database is down.
    DbSession session();
    // Checkouts made by a thread that already held a connection: zero in a healthy program
    // (the tests check it).
    long nestedCheckouts() const { return nested_.load(); }
    std::string sql(const std::string& text) const;

    // Where a page queues work for a background worker (the «Восстановить пароль» requests)
    // without waiting for this database's writer: PostgreSQL locks rows, so it is this
    // database itself; SQLite has one writer per file, so it is a file of its own beside this
    // one (NAME.queue.db), whose writes never wait for a transaction here (issue #17).
    Database& queueStore() { return queue_ ? *queue_ : *this; }

    // Brings the schema (and the queue store's) to the newest version; safe on every start.
    void migrate();
    int schemaVersion();

  private:
    // `ownQueue`: an SQLite database opens its queue store beside it (the queue store itself
    // has none).
    Database(Dialect dialect, const std::string& connector, const std::string& connection,
             PoolSettings pool, bool ownQueue = true);
    void apply(const std::vector<Migration>& migrations);
    Dialect dialect_;
    PoolSettings settings_;
    std::counting_semaphore<> permits_;
    std::atomic<long> nested_{0};
    std::unique_ptr<Poco::Data::SessionPool> pool_;
    std::unique_ptr<Database> queue_;  // SQLite only
};

// One user action's writes, all or nothing: rolled back unless committed. On SQLite it takes
// the write lock at once (BEGIN IMMEDIATE): two actions that both read and then write would
// otherwise fail to upgrade, instead of waiting their turn.
class Transaction {
  public:
    Transaction(Database& db, Poco::Data::Session& session);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();
    void rollback();  // now, before reading on in the same session

  private:
    Database& db_;
    Poco::Data::Session& s_;
    bool open_ = true;
};

// Is this exception the database being unreachable or overloaded (rather than a bug)?
bool isUnavailable(const std::exception& e);

// Rewrites `?` outside string literals to `$1, $2, …`.
std::string numberPlaceholders(const std::string& text);

}  // namespace netcity::store
