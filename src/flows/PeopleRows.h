#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "flows/Clock.h"
#include "flows/ImportProblem.h"
#include "flows/ImportRow.h"
#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::flows {
namespace webapi {
class LegacyVerifiers;
}

// The directory's and people's record kinds (docs/csv-format.md): region, municipality,
// locality, organization, class, person, account, relation. Found by key.
const std::map<std::string, KindColumns>& peopleKinds();
// The table that keeps a keyed kind's keys (the kinds other rows name in `parent`).
const std::string& tableOf(const std::string& kind);

// Checks those rows, whose columns are checked already, against the file's earlier rows and
// the database; what they make known is what the journal's rows see (KnownPeople).
class PeopleValidator : public KnownPeople {
  public:
    PeopleValidator(store::Database& db, Poco::Data::Session& session, const Clock& clock);
    ~PeopleValidator() override;
    // nullopt: the row is good, and its key becomes known to later rows.
    std::optional<ImportProblem> check(const ImportRow& row);

    bool knows(const std::string& kind, const std::string& key) override;
    bool isAuthority(const std::string& organizationKey) override;
    std::string classOrganization(const std::string& classKey) override;
    std::optional<KnownAccount> account(const std::string& organizationKey,
                                        const std::string& login) override;

  private:
    struct State;
    std::unique_ptr<State> s_;
};

// Writes checked rows inside the import's transaction (accounts with their hashes computed).
class PeopleWriter {
  public:
    PeopleWriter(store::Database& db, Poco::Data::Session& session, const store::SnilsVault& vault,
                 std::int64_t now, webapi::LegacyVerifiers* verifiers = nullptr);
    ~PeopleWriter();
    void write(const ImportRow& row);

  private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace netcity::flows
