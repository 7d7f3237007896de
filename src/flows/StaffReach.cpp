#include "flows/StaffReach.h"

#include "log/JsonLog.h"
#include "store/AuditLog.h"
#include "store/DirectoryRepository.h"

namespace netcity::flows {

std::optional<domain::StaffMember> StaffReach::staff(Poco::Data::Session& s,
                                                     std::int64_t staffAccountId) {
    return store::StaffRepository(db_, s).staffMember(staffAccountId);
}

StaffReach::Oversight StaffReach::oversight(Poco::Data::Session& s,
                                            const domain::StaffMember& staff,
                                            std::optional<std::int64_t> requested) {
    Oversight o;
    for (const auto& org :
         store::DirectoryRepository(db_, s).organizationsOfMunicipality(staff.municipalityId)) {
        o.organizations.push_back(org);
        if (requested && org.id == *requested) o.chosen = org.id;
    }
    return o;
}

bool StaffReach::changesEveryAccountOf(Poco::Data::Session& s, const domain::StaffMember& staff,
                                       std::int64_t personId) {
    for (const auto& a : store::StaffRepository(db_, s).accountsOfPerson(personId))
        if (!domain::canChange(domain::accessTo(staff, a.place))) return false;
    return true;
}

void StaffReach::audit(Poco::Data::Session& s, std::int64_t staffAccountId, std::int64_t accountId,
                       const std::string& action, const std::string& clientAddress,
                       domain::Access access) {
    try {
        store::AuditLog(db_, s).record({clock_.unixSeconds(), staffAccountId, action,
                                        "account:" + std::to_string(accountId), clientAddress,
                                        domain::canRead(access) ? "read_only" : "denied"});
    } catch (const std::exception& e) {  // a refused write, a trigger, a database going away
        log::logJson("error", {{"source", "audit.failed"}, {"action", action}, {"what", e.what()}});
        throw AuditUnavailable(e.what());
    }
}

std::optional<StaffReach::Target> StaffReach::resolve(Poco::Data::Session& s,
                                                      std::int64_t staffAccountId,
                                                      std::int64_t accountId, domain::Access needed,
                                                      const std::string& action,
                                                      const std::string& clientAddress) {
    store::StaffRepository repo(db_, s);
    auto member = repo.staffMember(staffAccountId);
    auto account = repo.account(accountId);
    auto access =
        member && account ? domain::accessTo(*member, account->place) : domain::Access::None;
    bool enough =
        needed == domain::Access::Change ? domain::canChange(access) : domain::canRead(access);
    if (!enough) audit(s, staffAccountId, accountId, action, clientAddress, access);
    if (!domain::canRead(access)) return std::nullopt;
    return Target{*member, *account, access};
}

}  // namespace netcity::flows
