#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "flows/Clock.h"
#include "store/Database.h"
#include "store/DirectoryRepository.h"
#include "store/journal/AnnouncementRepository.h"

namespace netcity::flows::journal {

// «Объявления» as the administration keeps them: an administrator of an organization posts
// to the whole school or to some of its classes; students and parents read them in the
// diary. Every post, and every refused attempt by someone who may not post, is audited.
// Outcomes are codes; the pages say them.
class AnnouncementBoard {
  public:
    enum class Outcome {
        Posted,
        NotAllowed,  // not an active administrator
        TitleMissing,
        TitleTooLong,
        TitleNotText,
        TextMissing,
        TextTooLong,
        TextNotText,
        NoClassChosen,  // «выбранным классам» with none chosen
        UnknownClass,   // a class of another organization, or none at all
    };

    struct Draft {
        std::string title, body;
        bool wholeOrganization = true;
        std::vector<std::int64_t> classIds;
    };

    struct Result {
        Outcome outcome = Outcome::NotAllowed;
        std::int64_t announcementId = 0;
    };

    // The administrator's view: the organization's classes to choose from and what was posted.
    struct Board {
        bool allowed = false;
        std::int64_t organizationId = 0;
        std::vector<store::DirectoryEntry> classes;
        std::vector<store::journal::Announcement> posted;  // newest first
    };

    static constexpr std::size_t kTitleMaxChars = 200;
    static constexpr std::size_t kTextMaxChars = 5000;
    static constexpr int kListLimit = 100;

    AnnouncementBoard(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    Board board(Poco::Data::Session& s, std::int64_t adminId);
    // Checks the draft whole before writing anything; writes the post and its audit row in
    // one transaction.
    Result post(Poco::Data::Session& s, std::int64_t adminId, const Draft& draft,
                const std::string& clientAddress);
    // The problem of the draft's fields, if any (Posted when none).
    static Outcome check(const Draft& draft);

  private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace netcity::flows::journal
