#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/PersonName.h"
#include "domain/Role.h"
#include "domain/SnilsNumber.h"
#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::store {

struct Person {
    std::int64_t id = 0;
    std::string key;
    domain::PersonName name;
    std::optional<domain::CalendarDate> birthDate;
    std::string gender;  // "М", "Ж" or empty
    std::optional<domain::SnilsNumber> snils;
    std::string email, phone;
};

// A school account of a person with a given SNILS: a candidate for automatic linking.
struct AccountOfPerson {
    std::int64_t accountId = 0;
    domain::RoleSet roles;
    Person person;
};

// A child of a parent, with where the child studies (if the child has an account).
struct ChildView {
    std::int64_t personId = 0;
    domain::PersonName name;
    std::string organizationName, className;
};

class PersonRepository {
  public:
    PersonRepository(Database& db, Poco::Data::Session& session, const SnilsVault& vault)
        : db_(db), s_(session), vault_(vault) {}

    std::int64_t upsertByKey(const Person& person, std::int64_t at);
    // A person staff add by hand (no import key).
    std::int64_t create(const Person& person, std::int64_t at);
    // Saves the card's fields (name, birth date, gender, SNILS, e-mail, phone) by id.
    void updateCard(const Person& person, std::int64_t at);
    std::optional<Person> byId(std::int64_t id);
    void addRelation(std::int64_t parentPersonId, std::int64_t childPersonId);
    void removeRelation(std::int64_t parentPersonId, std::int64_t childPersonId);
    std::vector<std::int64_t> parentsOf(std::int64_t childPersonId);
    std::vector<ChildView> children(std::int64_t parentPersonId);
    // Accounts of the people whose SNILS is this one, found through the blind index.
    std::vector<AccountOfPerson> accountsBySnils(const domain::SnilsNumber& snils);
    std::int64_t count();

  private:
    Database& db_;
    Poco::Data::Session& s_;
    const SnilsVault& vault_;
};

}  // namespace netcity::store
