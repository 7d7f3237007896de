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
// Outcomes are codes; the pages say them in Russian.
class AppealReview {
  public:
    enum class Outcome {
        Done,
        NotFound,  // no such appeal, or outside the staff member's reach
        ReadOnly,
        AlreadyDecided,
        NotOffered,             // the account is not one the decision may act on
        LinkedToAnother,        // the account has another Gosuslugi account
        OrganizationRoleTaken,  // the applicant's Gosuslugi account has another account of
                                // that organization and role
        SharedPerson,           // the person has accounts beyond the staff member's reach
        ApplicantIncomplete,    // no SNILS or birth date from Gosuslugi: a card fix won't match
        StaffNotCreated,        // staff accounts are linked, never created from an appeal
        NoLoginLeft,
        ReasonMissing,
        ReasonTooLong,
        ReasonNotText,
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

    Outcome resolveByLink(std::int64_t staffAccountId, std::int64_t appealId,
                          std::int64_t accountId, const std::string& clientAddress);
    Outcome resolveByCard(std::int64_t staffAccountId, std::int64_t appealId,
                          std::int64_t accountId, const std::string& clientAddress);
    Outcome resolveByNewAccount(std::int64_t staffAccountId, std::int64_t appealId,
                                const std::string& clientAddress);
    Outcome reject(std::int64_t staffAccountId, std::int64_t appealId, const std::string& reason,
                   const std::string& clientAddress);

    static constexpr int kPageSize = 50;

  private:
    struct Decision;
    Outcome decide(std::int64_t staffAccountId, std::int64_t appealId,
                   const std::string& clientAddress, const std::string& action,
                   const std::function<Outcome(Decision&)>& act);
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
