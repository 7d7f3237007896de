#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <memory>
#include <string>

namespace netcity::store {

enum class Dialect { SQLite, PostgreSQL };

// The one place that knows which database is behind the repositories. Everything above sees
// the same SQL text: written with `?` placeholders, rewritten to `$n` for PostgreSQL (POCO 1.11
// hands SQL to PQprepare verbatim).
class Database {
  public:
    // "sqlite:/path/to/file.db", or a PostgreSQL URL / libpq string
    // ("postgresql://user:pw@127.0.0.1:5432/db", "host=… dbname=…").
    static std::unique_ptr<Database> open(const std::string& url, int maxSessions = 64);
    ~Database();

    Dialect dialect() const { return dialect_; }
    // One session per request or thread; returns it to the pool when destroyed.
    Poco::Data::Session session();
    std::string sql(const std::string& text) const;

    // Brings the schema to the newest version; safe to call on every start.
    void migrate();
    int schemaVersion();

  private:
    Database(Dialect dialect, const std::string& connector, const std::string& connection,
             int maxSessions);
    Dialect dialect_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
};

// Rewrites `?` outside string literals to `$1, $2, …`.
std::string numberPlaceholders(const std::string& text);

}  // namespace netcity::store
