#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/EsiaLinkRule.h"
#include "store/Database.h"

namespace netcity::store {

// ESIA account (oid) ↔ school accounts.
class EsiaLinkRepository {
  public:
    EsiaLinkRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::vector<std::int64_t> accountsLinkedTo(std::int64_t oid);
    // The same, with what domain::checkLink needs of each.
    std::vector<domain::LinkCandidate> linkedAccounts(std::int64_t oid);
    std::optional<std::int64_t> linkedOid(std::int64_t accountId);
    // Links under domain::EsiaLinkRule, decided by the database's keys at the moment of
    // writing, so a link that lost a race says so. Call it inside a store::Transaction.
    domain::LinkVerdict link(std::int64_t oid, const domain::LinkCandidate& account,
                             const std::string& createdBy, std::int64_t at);
    bool unlink(std::int64_t accountId);

    // The linked accounts of an organization by login key (store::loginKey), each with its
    // Gosuslugi account: an import re-checks their slots when it changes their roles.
    struct LinkedLogin {
        std::int64_t accountId = 0;
        std::int64_t oid = 0;
    };
    std::map<std::string, LinkedLogin> linkedLogins(std::int64_t organizationId);
    // A linked account's roles changed: its slots become those of its new roles. False when
    // one of them is another account's (the account keeps its old slots).
    bool reclaimSlots(std::int64_t oid, const domain::LinkCandidate& account);

  private:
    // Inserts the account's slots; false at the first taken one. Inside the caller's savepoint.
    bool claimSlots(std::int64_t oid, const domain::LinkCandidate& account);

    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
