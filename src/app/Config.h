#pragma once

#include <map>
#include <string>
#include <vector>

namespace netcity::app {

// Settings from, in order of precedence: --flags, NETCITY_* environment variables, the
// --config file (key = value lines), built-in defaults. Names are the same everywhere:
// flag --password-login, variable NETCITY_PASSWORD_LOGIN, file key password-login.
class Config {
  public:
    struct Option {
        std::string name, defaultValue, help;
    };
    static const std::vector<Option>& options();

    // Parses flags; positional arguments are returned in `positional`. Throws on unknown flags.
    static Config load(const std::vector<std::string>& args, std::vector<std::string>& positional);

    std::string get(const std::string& name) const;
    int getInt(const std::string& name) const;
    bool getBool(const std::string& name) const;
    bool isSet(const std::string& name) const;  // given by flag, environment or file
    void set(const std::string& name, const std::string& value) { values_[name] = value; }

    std::string databaseUrl() const;  // --database, or SQLite in the data directory
    static std::string help();

  private:
    std::map<std::string, std::string> values_;
    std::map<std::string, bool> explicit_;
};

}  // namespace netcity::app
