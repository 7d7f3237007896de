#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/PersonComparison.h"
#include "domain/StaffAccess.h"
#include "esia/EsiaIdentity.h"
#include "flows/Clock.h"
#include "mail/Letters.h"
#include "store/AppealRepository.h"
#include "store/Database.h"
#include "store/DirectoryRepository.h"
#include "store/SnilsVault.h"
#include "store/StaffRepository.h"

namespace netcity::flows {

// School staff decide appeals (issue #5). An administrator sees the appeals to their
// organization, a class teacher those for their classes, a teacher those for their classes
// read-only. An appeal is decided once:
//   New → Resolved  by linking the Gosuslugi account to an existing school account,
//                   by correcting that person's card so the automatic match succeeds,
//                   or by creating the missing school account (linked at once);
//   New → Rejected  with a reason.
// The applicant gets a letter either way; the decision, its letter and the audit event are
// one transaction. Anything outside the staff member's reach is «not found» and audited.
class AppealReview {
  public:
    enum class Outcome { Done, NotFound, ReadOnly, AlreadyDecided, Invalid, Conflict };
    struct Result {
        Outcome outcome = Outcome::NotFound;
        std::string message;
    };

    struct Candidate {
        store::PersonInOrganization person;
        domain::PersonComparison comparison;
        bool canChange = false;
    };

    struct Detail {
        store::StoredAppeal appeal;
        esia::EsiaIdentity applicant;  // as Gosuslugi gave it (SNILS included, for staff)
        std::optional<esia::EsiaChild> child;
        std::vector<Candidate> candidates;  // closest first
        domain::Access access = domain::Access::None;
    };

    struct Page {
        std::vector<store::StoredAppeal> appeals;
        int total = 0;
        bool allowed = false;  // has staff tools at all
        std::int64_t organizationId = 0;
        // Education-authority staff choose among the organizations of their municipality.
        std::vector<store::DirectoryEntry> organizations;
    };

    AppealReview(store::Database& db, const store::SnilsVault& vault, const mail::Letters& letters,
                 const Clock& clock, std::function<void()> mailQueued = {})
        : db_(db),
          vault_(vault),
          letters_(letters),
          clock_(clock),
          mailQueued_(std::move(mailQueued)) {}

    Page list(std::int64_t staffAccountId, std::optional<domain::AppealStatus> status, int page,
              std::optional<std::int64_t> organizationId = std::nullopt);
    // Nullopt when the appeal does not exist or is outside the staff member's reach (audited).
    std::optional<Detail> detail(std::int64_t staffAccountId, std::int64_t appealId,
                                 const std::string& clientAddress);

    Result resolveByLink(std::int64_t staffAccountId, std::int64_t appealId, std::int64_t accountId,
                         const std::string& clientAddress);
    Result resolveByCard(std::int64_t staffAccountId, std::int64_t appealId, std::int64_t accountId,
                         const std::string& clientAddress);
    Result resolveByNewAccount(std::int64_t staffAccountId, std::int64_t appealId,
                               const std::string& clientAddress);
    Result reject(std::int64_t staffAccountId, std::int64_t appealId, const std::string& reason,
                  const std::string& clientAddress);

    static constexpr int kPageSize = 50;

  private:
    struct Decision;
    Result decide(std::int64_t staffAccountId, std::int64_t appealId,
                  const std::string& clientAddress, const std::string& action,
                  const std::function<Result(Decision&)>& act);
    void relateChild(Decision& d, std::int64_t parentPersonId);
    void audit(Poco::Data::Session& s, std::int64_t actor, const std::string& action,
               const std::string& subject, const std::string& clientAddress,
               const std::string& outcome);

    store::Database& db_;
    const store::SnilsVault& vault_;
    const mail::Letters& letters_;
    const Clock& clock_;
    std::function<void()> mailQueued_;
};

}  // namespace netcity::flows
