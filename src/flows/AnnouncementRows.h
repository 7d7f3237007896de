#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "domain/UtcOffset.h"
#include "flows/Clock.h"
#include "flows/ImportProblem.h"
#include "flows/ImportRow.h"
#include "store/Database.h"

namespace netcity::flows {

// The `announcement` record kind (docs/csv-format.md, «Announcements»): what the administration
// posts at /staff/announcements, as a school moving to netcity brings it. Its parent is the
// organization; `login` its author (an administrator of it), `title`, `text` (several lines),
// `date` (the day it was posted, not after today), `class` (empty: the whole organization;
// else class keys of it, separated by «;»). Found by organization, day and title.
const std::map<std::string, KindColumns>& announcementKinds();

class AnnouncementValidator {
  public:
    AnnouncementValidator(KnownPeople& people, const Clock& clock, domain::UtcOffset timeZone)
        : people_(people), clock_(clock), timeZone_(timeZone) {}
    std::optional<ImportProblem> check(const ImportRow& row);

  private:
    KnownPeople& people_;
    const Clock& clock_;
    domain::UtcOffset timeZone_;
    std::set<std::string> seen_;
};

// Writes checked announcement rows inside the import's transaction.
class AnnouncementWriter {
  public:
    AnnouncementWriter(store::Database& db, Poco::Data::Session& session,
                       domain::UtcOffset timeZone)
        : db_(db), s_(session), timeZone_(timeZone) {}
    void write(const ImportRow& row);

  private:
    store::Database& db_;
    Poco::Data::Session& s_;
    domain::UtcOffset timeZone_;
};

}  // namespace netcity::flows
