#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crypto/Gost.h"

namespace netcity::sim {

struct SimDocument {
    std::string type;  // RF_PASSPORT, RF_BRTH_CERT, …
    std::string series, number, issueDate, issueId, issuedBy;
};

// A Gosuslugi account of the emulator (docs/esia-sim.md).
struct SimPerson {
    enum class Level { Simplified, Standard, Confirmed, Child };

    std::int64_t oid = 0;
    std::string password;
    std::string lastName, firstName, middleName;
    std::string birthDate;  // DD.MM.YYYY
    std::string gender;     // M or F
    std::string snils;      // 11 digits, or empty
    std::string inn, email, mobile, birthPlace;
    Level level = Level::Confirmed;
    bool twoFactor = false;
    std::vector<SimDocument> documents;
    std::vector<std::int64_t> kids;  // oids of the person's children

    bool trusted() const { return level == Level::Confirmed || level == Level::Child; }
    const char* levelClaim() const;  // urn:esia:sbj:lvl: P, PR, KD
};

// A relying party registered at the emulator, as on the technology portal.
struct SimClient {
    std::string mnemonic, name;
    std::vector<std::string> redirectUris;
    std::set<std::string> scopes;
    std::string certificatePem;
    bool requireTrusted = false;  // answer ESIA-007055 for unconfirmed accounts
};

// The emulator's accounts and clients: loaded from the JSON data file, changed through the
// admin API. Thread-safe; hands out copies.
class SimData {
  public:
    // `baseDir` resolves "certificateFile" entries. Throws std::invalid_argument naming the
    // bad entry.
    void load(const std::string& json, const std::string& baseDir);

    std::optional<SimPerson> findByLogin(const std::string& login) const;
    std::optional<SimPerson> person(std::int64_t oid) const;
    std::optional<SimClient> client(const std::string& mnemonic) const;
    std::vector<SimPerson> persons() const;

    void upsertPerson(const SimPerson& person);
    bool removePerson(std::int64_t oid);
    void upsertClient(const SimClient& client);

    static SimPerson parsePerson(const Poco::JSON::Object::Ptr& json);
    static SimClient parseClient(const Poco::JSON::Object::Ptr& json, const std::string& baseDir);
    static Poco::JSON::Object::Ptr toJson(const SimPerson& person);

  private:
    mutable std::mutex mutex_;
    std::map<std::int64_t, SimPerson> persons_;
    std::map<std::string, SimClient> clients_;
};

// Login identifiers: a phone (+7…, 8…, any punctuation), an e-mail, or a SNILS.
std::string normalizeLogin(const std::string& login);

}  // namespace netcity::sim
