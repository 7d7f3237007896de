#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/journal/BellSchedule.h"
#include "domain/journal/SchoolCalendar.h"
#include "store/Database.h"

namespace netcity::store::journal {

// An organization's school years with their terms, and its bell schedule.
class SchoolYearRepository {
  public:
    SchoolYearRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // The year that contains `date`, with its terms; nullopt in the summer between years
    // when none does.
    std::optional<domain::journal::SchoolYear> yearOn(std::int64_t organizationId,
                                                      const domain::CalendarDate& date);
    // The year that contains `date`, or else the latest one that started before it.
    std::optional<domain::journal::SchoolYear> currentYear(std::int64_t organizationId,
                                                           const domain::CalendarDate& date);
    std::optional<domain::journal::SchoolYear> year(std::int64_t yearId);
    // The organization's year of this name («2026/2027»), as an import file names it.
    std::optional<domain::journal::SchoolYear> yearNamed(std::int64_t organizationId,
                                                         const std::string& name);
    std::optional<std::int64_t> organizationOfYear(std::int64_t yearId);
    // Every year of the organization, by first day, with its terms.
    std::vector<domain::journal::SchoolYear> yearsOf(std::int64_t organizationId);
    // Idempotent by (organization, start date): the name, end and terms are replaced. The
    // caller has checked the year (domain::journal::check). Returns the year's id.
    std::int64_t save(std::int64_t organizationId, const domain::journal::SchoolYear& year);

    domain::journal::BellSchedule bells(std::int64_t organizationId);
    void saveBell(std::int64_t organizationId, int number, const domain::journal::Bell& bell);

  private:
    std::optional<domain::journal::SchoolYear> withTerms(const std::string& idQuery,
                                                         std::int64_t first,
                                                         const std::vector<std::string>& rest);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
