#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/StaffAccess.h"
#include "flows/Clock.h"
#include "store/Database.h"
#include "store/DirectoryRepository.h"
#include "store/StaffRepository.h"

namespace netcity::flows {

// An attempt beyond reach whose audit row could not be written (the log refused it, the
// database went away): the attempt is refused as a whole, a 503 — a probe is never let through
// unrecorded, and the person asking is told the journal is unavailable, not that a bug struck.
class AuditUnavailable : public store::Unavailable {
  public:
    using store::Unavailable::Unavailable;
};

// What a staff member's request reaches: the account asked for and how far the staff member
// may go with it (domain::StaffAccess). Anything out of reach is reported as not found, and the
// attempt is written to the audit log — a URL with another organization's id is a probe.
class StaffReach {
  public:
    struct Target {
        domain::StaffMember staff;
        store::PersonInOrganization account;
        domain::Access access = domain::Access::None;
    };

    StaffReach(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Nullopt when the account does not exist or is out of reach. An attempt beyond `needed`
    // (out of reach, or a change where only reading is allowed) is audited as `action`; the
    // caller checks `access` before changing anything. Throws AuditUnavailable when that audit
    // row cannot be written.
    std::optional<Target> resolve(Poco::Data::Session& s, std::int64_t staffAccountId,
                                  std::int64_t accountId, domain::Access needed,
                                  const std::string& action, const std::string& clientAddress);
    std::optional<domain::StaffMember> staff(Poco::Data::Session& s, std::int64_t staffAccountId);
    // A person's card is shared by all their accounts — in other classes, other schools: it may
    // be changed only by someone who may change every one of them.
    bool changesEveryAccountOf(Poco::Data::Session& s, const domain::StaffMember& staff,
                               std::int64_t personId);

    // Education-authority staff work on one organization of their municipality at a time: the
    // municipality's organizations, and `requested` if it is one of them (else 0).
    struct Oversight {
        std::vector<store::DirectoryEntry> organizations;
        std::int64_t chosen = 0;
    };
    Oversight oversight(Poco::Data::Session& s, const domain::StaffMember& staff,
                        std::optional<std::int64_t> requested);

  private:
    void audit(Poco::Data::Session& s, std::int64_t staffAccountId, std::int64_t accountId,
               const std::string& action, const std::string& clientAddress, domain::Access access);

    store::Database& db_;
    const Clock& clock_;
};

}  // namespace netcity::flows
