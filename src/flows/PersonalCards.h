#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/PersonCard.h"
#include "flows/Clock.h"
#include "flows/Sessions.h"
#include "flows/StaffReach.h"
#include "store/DirectoryRepository.h"
#include "store/PersonRepository.h"
#include "store/SnilsVault.h"

namespace netcity::flows {

// Staff and the personal card («личная карточка», seeds 001 and 003): viewing and editing a
// person's data, their parent–child relations and their Gosuslugi link. After the cut-off date
// this is how parents and students get linked: a card that fully matches the person's
// Gosuslugi data makes their next Gosuslugi sign-in link itself. Every view and change is
// audited (personal data); none of it is possible beyond domain::StaffAccess.
// Outcomes are codes; the pages say them in Russian.
class PersonalCards {
  public:
    enum class Outcome {
        Done,
        NotFound,  // no such account, or out of reach
        ReadOnly,
        Invalid,            // the card's fields: `problems`
        SnilsTaken,         // another card of the organization has this SNILS
        SharedCard,         // the person has accounts beyond the staff member's reach
        ChildNotOffered,    // the child is not a student within reach
        NotParentAndChild,  // a relation joins a parent and a student only
    };
    struct Result {
        Outcome outcome = Outcome::NotFound;
        std::map<std::string, std::string> problems;  // Invalid: domain::checkCard's wording
    };

    struct Relative {
        std::int64_t accountId = 0;  // 0: no account in this organization
        std::string name, className;
    };

    struct Card {
        store::PersonInOrganization account;
        store::Person person;
        domain::Access access = domain::Access::None;
        std::vector<Relative> children, parents;
        std::vector<Relative> candidateChildren;  // students in reach, to add as a child
        // Name, birth date and SNILS are all filled: a Gosuslugi account with the same data
        // links itself at the next sign-in.
        bool readyForAutoLink = false;
        std::optional<std::int64_t> temporaryPasswordExpiresAt;
        bool hasPassword = false;
    };

    struct PeoplePage {
        bool allowed = false;  // has staff tools at all
        std::int64_t organizationId = 0;
        std::vector<store::PersonInOrganization> people;  // this page
        int total = 0;
        // Education-authority staff choose among the organizations of their municipality.
        std::vector<store::DirectoryEntry> organizations;
    };
    static constexpr int kPageSize = 50;

    PersonalCards(store::Database& db, const store::SnilsVault& vault, Sessions& sessions,
                  const Clock& clock)
        : db_(db), vault_(vault), sessions_(sessions), clock_(clock), reach_(db, clock) {}

    // The people of the staff member's organization (or, for education-authority staff, of
    // `organizationId` in their municipality) within reach, filtered by name or login.
    PeoplePage list(std::int64_t staffAccountId, const std::string& query, int page,
                    std::optional<std::int64_t> organizationId);
    // AuditUnavailable: the view (or the refused attempt) could not be written to the audit
    // log, so the card is not shown (personal data is only read on the record).
    enum class ViewOutcome { Shown, NotFound, AuditUnavailable };
    struct Viewed {
        ViewOutcome outcome = ViewOutcome::NotFound;
        std::optional<Card> card;  // set when Shown
    };
    Viewed view(std::int64_t staffAccountId, std::int64_t accountId,
                const std::string& clientAddress);
    Result save(std::int64_t staffAccountId, std::int64_t accountId, const domain::CardInput& in,
                const std::string& clientAddress);
    Result unlinkEsia(std::int64_t staffAccountId, std::int64_t accountId,
                      const std::string& clientAddress);
    Result addChild(std::int64_t staffAccountId, std::int64_t parentAccountId,
                    std::int64_t childAccountId, const std::string& clientAddress);
    Result removeChild(std::int64_t staffAccountId, std::int64_t parentAccountId,
                       std::int64_t childAccountId, const std::string& clientAddress);

  private:
    void audit(Poco::Data::Session& s, std::int64_t actor, const std::string& action,
               const std::string& subject, const std::string& clientAddress,
               const std::string& outcome);
    bool snilsOnAnotherCard(Poco::Data::Session& s, const domain::SnilsNumber& snils,
                            std::int64_t organizationId, std::int64_t personId);
    Result relation(std::int64_t staffAccountId, std::int64_t parentAccountId,
                    std::int64_t childAccountId, bool add, const std::string& clientAddress);

    store::Database& db_;
    const store::SnilsVault& vault_;
    Sessions& sessions_;
    const Clock& clock_;
    StaffReach reach_;
};

}  // namespace netcity::flows
