#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/PersonName.h"
#include "store/Database.h"

namespace netcity::store::journal {

// A student account with where it studies: whose diary a page shows.
struct StudentPlace {
    std::int64_t accountId = 0;
    std::int64_t organizationId = 0;
    std::int64_t classId = 0;  // 0: not in a class
    domain::PersonName name;
    std::string organizationName, className;
};

// Students as the diary finds them: an account itself, or a parent's children.
class StudentRepository {
  public:
    StudentRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // An active account with the student role; nullopt for anything else.
    std::optional<StudentPlace> student(std::int64_t accountId);
    // The active student accounts of the parent's children (person_relations), in every
    // organization: a child in two schools has two. By name, then organization.
    std::vector<StudentPlace> childrenOf(std::int64_t parentPersonId);

  private:
    std::vector<StudentPlace> select(const std::string& join, const std::string& where,
                                     std::int64_t value);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
