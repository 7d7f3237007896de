#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/PersonName.h"
#include "domain/Role.h"
#include "store/Database.h"

namespace netcity::store {

// A school-issued account: a login within one organization.
struct Account {
    std::int64_t id = 0;
    std::int64_t organizationId = 0;
    std::int64_t personId = 0;
    std::string login;
    std::string passwordHash;  // empty: no password issued
    domain::RoleSet roles;
    std::optional<std::int64_t> classId;
    bool blocked = false;
    bool mustChangePassword = false;
    std::optional<std::int64_t> temporaryPasswordExpiresAt;
    bool hasControlQuestion = false;
};

// What the main page shows about the signed-in user.
struct AccountProfile {
    std::int64_t accountId = 0, personId = 0, organizationId = 0;
    domain::PersonName name;
    domain::RoleSet roles;
    std::string login, organizationName, className;
    bool mustChangePassword = false;
};

// Logins compare case-insensitively within an organization.
std::string loginKey(const std::string& login);

class AccountRepository {
  public:
    AccountRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::optional<Account> byLogin(std::int64_t organizationId, const std::string& login);
    std::optional<Account> byId(std::int64_t id);
    std::optional<AccountProfile> profile(std::int64_t accountId);

    // Creates or updates the account (organization, login); an empty hash keeps the old one.
    std::int64_t upsert(const Account& account, std::int64_t at);
    // A new account only: nullopt when the login is taken in the organization.
    std::optional<std::int64_t> insert(const Account& account, std::int64_t at);
    void setPasswordHash(std::int64_t accountId, const std::string& hash, bool mustChange);
    // A password the school issues: valid until `expiresAt`, to be changed at first sign-in.
    void issueTemporaryPassword(std::int64_t accountId, const std::string& hash,
                                std::int64_t expiresAt);
    void setBlocked(std::int64_t accountId, bool blocked);
    void setControlQuestion(std::int64_t accountId, const std::string& question,
                            const std::string& answerHash);
    std::int64_t count();
    // The control question and the hash of its normalised answer, when set.
    std::optional<std::pair<std::string, std::string>> controlQuestion(std::int64_t accountId);
    // Active accounts whose person's card has this e-mail (compared without case).
    std::vector<std::int64_t> activeByEmail(const std::string& email, int limit);

  private:
    void forgetWebApiVerifier(std::int64_t accountId);
    std::optional<Account> one(const std::string& where, std::int64_t a, const std::string* b);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
