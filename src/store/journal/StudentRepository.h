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

    // Every student whose diary the viewer reads, in one query: the viewer itself when it is an
    // active student, then — when the viewer is an active parent — the children's active
    // student accounts other than the viewer's own, by name then organization.
    std::vector<StudentPlace> readableBy(std::int64_t viewerId);

  private:
    std::vector<StudentPlace> select(const std::string& join, const std::string& where,
                                     std::int64_t value);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
