#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/PersonName.h"
#include "store/Database.h"

namespace netcity::store::journal {

struct Announcement {
    std::int64_t id = 0;
    std::int64_t organizationId = 0;
    std::int64_t authorId = 0;
    domain::PersonName authorName;  // when read back
    std::string title, body;
    std::int64_t postedAt = 0;
    bool wholeOrganization = true;
    std::vector<std::int64_t> classIds;   // the audience when not the whole organization
    std::vector<std::string> classNames;  // when read back, by name
};

// The administration's announcements and who they are for.
class AnnouncementRepository {
  public:
    AnnouncementRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // Writes the announcement and its classes; returns its id.
    std::int64_t post(const Announcement& announcement);
    // The same, idempotent by organization, title and time (an import): a stored announcement
    // found so gets the author, text and audience given. Returns its id.
    std::int64_t put(const Announcement& announcement);
    // What a student of the class reads: the whole organization's and the class's, newest
    // first. classId 0 (no class): the whole organization's only.
    std::vector<Announcement> forClass(std::int64_t organizationId, std::int64_t classId,
                                       int limit);
    // Every announcement of the organization, newest first, with its classes.
    std::vector<Announcement> ofOrganization(std::int64_t organizationId, int limit);

  private:
    void addClasses(std::int64_t announcementId, const std::vector<std::int64_t>& classIds);
    std::vector<Announcement> select(const std::string& where, std::int64_t organizationId,
                                     std::optional<std::int64_t> classId, int limit);
    void addClassNames(std::vector<Announcement>& list);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
