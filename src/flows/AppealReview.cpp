#include "flows/AppealReview.h"

#include <Poco/Data/Transaction.h>

#include <algorithm>

#include "domain/FreeText.h"
#include "domain/LoginSuggestion.h"
#include "domain/PortalRole.h"
#include "flows/EsiaIdentityJson.h"
#include "flows/StaffReach.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/EsiaLinkRepository.h"
#include "store/MailOutbox.h"
#include "store/PersonRepository.h"

namespace netcity::flows {
namespace {

using Outcome = AppealReview::Outcome;
using domain::Access;

domain::StaffPlace placeOf(const store::StoredAppeal& a) {
    domain::StaffPlace p{a.organizationId, a.municipalityId, {}};
    if (a.classId) p.classes.insert(*a.classId);
    return p;
}

domain::PortalRole roleOf(const store::StoredAppeal& a) {
    return domain::parsePortalRole(a.role).value_or(domain::PortalRole::Staff);
}

}  // namespace

struct AppealReview::Decision {
    Poco::Data::Session& session;
    domain::StaffMember staff;
    store::StoredAppeal appeal;
    esia::EsiaIdentity applicant;
    std::optional<esia::EsiaChild> child;
    domain::AppealStatus status = domain::AppealStatus::Resolved;
    std::string resolution, reason;
};

void AppealReview::audit(Poco::Data::Session& s, std::int64_t actor, const std::string& action,
                         const std::string& subject, const std::string& clientAddress,
                         const std::string& outcome) {
    store::AuditLog(db_, s).record(
        {clock_.unixSeconds(), actor, action, subject, clientAddress, outcome});
}

AppealReview::Page AppealReview::list(std::int64_t staffAccountId,
                                      std::optional<domain::AppealStatus> status, int page,
                                      std::optional<std::int64_t> organizationId) {
    auto s = db_.session();
    Page out;
    auto staff = store::StaffRepository(db_, s).staffMember(staffAccountId);
    if (!staff) return out;
    store::AppealFilter filter;
    filter.organizationId = staff->organizationId;
    filter.status = status;
    filter.limit = kPageSize;
    filter.offset = std::max(0, page) * kPageSize;
    if (staff->roles.count(domain::Role::Administrator)) {
        out.allowed = true;
    } else if (staff->roles.count(domain::Role::Teacher) && !staff->teaches.empty()) {
        out.allowed = true;
        filter.classes = staff->teaches;
    } else if (staff->roles.count(domain::Role::Authority)) {
        // Read-only over the municipality's schools, one chosen at a time.
        out.allowed = true;
        auto oversight = StaffReach(db_, clock_).oversight(s, *staff, organizationId);
        out.organizations = std::move(oversight.organizations);
        filter.organizationId = out.organizationId = oversight.chosen;
        if (filter.organizationId == 0) return out;
    } else {
        return out;
    }
    out.organizationId = filter.organizationId;
    store::AppealRepository appeals(db_, s);
    out.appeals = appeals.list(filter);
    out.total = appeals.count(filter);
    return out;
}

std::optional<AppealReview::Detail> AppealReview::detail(std::int64_t staffAccountId,
                                                         std::int64_t appealId,
                                                         const std::string& clientAddress) {
    auto s = db_.session();
    store::StaffRepository staffRepo(db_, s);
    auto staff = staffRepo.staffMember(staffAccountId);
    auto appeal = store::AppealRepository(db_, s).byId(appealId);
    Access access = staff && appeal ? domain::accessTo(*staff, placeOf(*appeal)) : Access::None;
    std::string subject = "appeal:" + std::to_string(appealId);
    if (!domain::canRead(access)) {
        audit(s, staffAccountId, "appeal.view", subject, clientAddress, "denied");
        return std::nullopt;
    }
    auto opened = vault_.openText(appeal->dataSealed, "appeal:" + appeal->number);
    if (!opened) throw std::runtime_error("an appeal's sealed data does not open");
    auto data = parseJsonText(*opened);
    Detail d;
    d.appeal = *appeal;
    d.access = access;
    d.applicant = identityFromJson(data);
    if (auto child = data->getObject("child")) d.child = childFromJson(child);
    auto applicant = matchableOf(d.applicant);
    std::string index = applicant.snils ? vault_.blindIndex(*applicant.snils) : "";
    auto role = roleOf(*appeal);
    for (auto& p : staffRepo.people(appeal->organizationId, index)) {
        if (!domain::covers(role, p.roles)) continue;
        auto seen = domain::accessTo(*staff, p.place);
        if (!domain::canRead(seen)) continue;
        domain::MatchableData card{p.name, p.birthDate, std::nullopt};
        auto comparison = domain::PersonComparison::of(applicant, card);
        comparison.snils = p.sameSnils;
        if (!comparison.isCloseMatch()) continue;
        d.candidates.push_back({std::move(p), comparison, domain::canChange(seen)});
    }
    std::stable_sort(d.candidates.begin(), d.candidates.end(), [](const auto& a, const auto& b) {
        return a.comparison.agreeing() + 2 * a.comparison.snils >
               b.comparison.agreeing() + 2 * b.comparison.snils;
    });
    audit(s, staffAccountId, "appeal.view", subject, clientAddress, "ok");
    return d;
}

AppealReview::Outcome AppealReview::decide(std::int64_t staffAccountId, std::int64_t appealId,
                                           const std::string& clientAddress,
                                           const std::string& action,
                                           const std::function<Outcome(Decision&)>& act) {
    auto s = db_.session();
    store::Transaction tx(db_, s);
    store::AppealRepository appeals(db_, s);
    auto staff = store::StaffRepository(db_, s).staffMember(staffAccountId);
    auto appeal = appeals.byId(appealId);
    std::string subject = "appeal:" + std::to_string(appealId);
    Access access = staff && appeal ? domain::accessTo(*staff, placeOf(*appeal)) : Access::None;
    if (!domain::canChange(access)) {
        audit(s, staffAccountId, action, subject, clientAddress,
              domain::canRead(access) ? "read_only" : "denied");
        tx.commit();
        return domain::canRead(access) ? Outcome::ReadOnly : Outcome::NotFound;
    }
    if (appeal->status != domain::AppealStatus::New) return Outcome::AlreadyDecided;
    auto data = parseJsonText(
        vault_.openText(appeal->dataSealed, "appeal:" + appeal->number).value_or("{}"));
    Decision d{
        s,  *staff, *appeal, identityFromJson(data), std::nullopt, domain::AppealStatus::Resolved,
        {}, {}};
    if (auto child = data->getObject("child")) d.child = childFromJson(child);
    if (auto refused = act(d); refused != Outcome::Done) return refused;  // rolled back
    std::int64_t at = clock_.unixSeconds();
    if (!appeals.decide(appealId, d.status, d.reason, d.resolution, staffAccountId, at))
        return Outcome::AlreadyDecided;
    mail::AppealLetter letter{appeal->number, appeal->applicantName, appeal->organizationName,
                              d.reason};
    store::MailOutbox(db_, s).enqueue(d.status == domain::AppealStatus::Resolved
                                          ? letters_.appealResolved(appeal->email, letter)
                                          : letters_.appealRejected(appeal->email, letter),
                                      appeal->organizationId, at);
    audit(s, staffAccountId, action, subject, clientAddress,
          d.resolution.empty() ? "ok" : d.resolution);
    tx.commit();
    if (mailQueued_) mailQueued_();
    return Outcome::Done;
}

namespace {

// The school account a resolution acts on: in the appeal's organization, of the appeal's
// role, within the staff member's reach.
std::optional<store::PersonInOrganization> targetAccount(store::Database& db,
                                                         Poco::Data::Session& s,
                                                         const domain::StaffMember& staff,
                                                         const store::StoredAppeal& appeal,
                                                         std::int64_t accountId) {
    for (auto& p : store::StaffRepository(db, s).people(appeal.organizationId, ""))
        if (p.accountId == accountId && domain::covers(roleOf(appeal), p.roles) &&
            domain::canChange(domain::accessTo(staff, p.place)))
            return p;
    return std::nullopt;
}

}  // namespace

AppealReview::Outcome AppealReview::resolveByLink(std::int64_t staffAccountId,
                                                  std::int64_t appealId, std::int64_t accountId,
                                                  const std::string& clientAddress) {
    return decide(staffAccountId, appealId, clientAddress, "appeal.resolve", [&](Decision& d) {
        auto target = targetAccount(db_, d.session, d.staff, d.appeal, accountId);
        if (!target) return Outcome::NotOffered;
        auto verdict =
            store::EsiaLinkRepository(db_, d.session)
                .link(d.appeal.esiaOid, {accountId, d.appeal.organizationId, target->roles},
                      "staff:" + std::to_string(d.staff.accountId), clock_.unixSeconds());
        if (verdict == domain::LinkVerdict::LinkedToAnother) return Outcome::LinkedToAnother;
        if (verdict == domain::LinkVerdict::OrganizationRoleTaken)
            return Outcome::OrganizationRoleTaken;
        audit(d.session, d.staff.accountId, "esia.link", "account:" + std::to_string(accountId),
              clientAddress, "staff");
        d.resolution = "linked";
        return Outcome::Done;
    });
}

AppealReview::Outcome AppealReview::resolveByCard(std::int64_t staffAccountId,
                                                  std::int64_t appealId, std::int64_t accountId,
                                                  const std::string& clientAddress) {
    return decide(staffAccountId, appealId, clientAddress, "appeal.resolve", [&](Decision& d) {
        auto target = targetAccount(db_, d.session, d.staff, d.appeal, accountId);
        if (!target) return Outcome::NotOffered;
        if (!StaffReach(db_, clock_).changesEveryAccountOf(d.session, d.staff, target->personId))
            return Outcome::SharedPerson;
        auto applicant = matchableOf(d.applicant);
        if (!applicant.snils || !applicant.birthDate) return Outcome::ApplicantIncomplete;
        store::PersonRepository people(db_, d.session, vault_);
        auto person = people.byId(target->personId);
        if (!person) return Outcome::NotOffered;
        person->name = applicant.name;
        person->birthDate = applicant.birthDate;
        person->snils = applicant.snils;
        people.updateCard(*person, clock_.unixSeconds());
        audit(d.session, d.staff.accountId, "card.change", "person:" + std::to_string(person->id),
              clientAddress, "from_appeal");
        d.resolution = "card";
        return Outcome::Done;
    });
}

AppealReview::Outcome AppealReview::resolveByNewAccount(std::int64_t staffAccountId,
                                                        std::int64_t appealId,
                                                        const std::string& clientAddress) {
    return decide(staffAccountId, appealId, clientAddress, "appeal.resolve", [&](Decision& d) {
        auto role = roleOf(d.appeal);
        if (role == domain::PortalRole::Staff) return Outcome::StaffNotCreated;
        auto applicant = matchableOf(d.applicant);
        store::PersonRepository people(db_, d.session, vault_);
        std::int64_t at = clock_.unixSeconds();
        store::Person person;
        person.name = applicant.name;
        person.birthDate = applicant.birthDate;
        person.snils = applicant.snils;
        person.gender = d.applicant.gender == "F" ? "Ж" : d.applicant.gender == "M" ? "М" : "";
        person.email = d.appeal.email;
        person.id = people.create(person, at);
        store::AccountRepository accounts(db_, d.session);
        store::Account account;
        account.organizationId = d.appeal.organizationId;
        account.personId = person.id;
        account.roles = {role == domain::PortalRole::Student ? domain::Role::Student
                                                             : domain::Role::Parent};
        if (role == domain::PortalRole::Student) account.classId = d.appeal.classId;
        for (int attempt = 1; account.id == 0 && attempt < 1000; ++attempt) {
            account.login = domain::suggestLogin(person.name, attempt);
            account.id = accounts.insert(account, at).value_or(0);
        }
        if (account.id == 0) return Outcome::NoLoginLeft;
        auto verdict =
            store::EsiaLinkRepository(db_, d.session)
                .link(d.appeal.esiaOid, {account.id, account.organizationId, account.roles},
                      "staff:" + std::to_string(d.staff.accountId), at);
        if (verdict != domain::LinkVerdict::Allowed) return Outcome::OrganizationRoleTaken;
        if (d.child) relateChild(d, person.id);
        audit(d.session, d.staff.accountId, "account.create",
              "account:" + std::to_string(account.id), clientAddress, "from_appeal");
        d.resolution = "created";
        return Outcome::Done;
    });
}

void AppealReview::relateChild(Decision& d, std::int64_t parentPersonId) {
    auto child = matchableOf(*d.child);
    for (const auto& p : store::StaffRepository(db_, d.session).people(d.appeal.organizationId, ""))
        if (p.roles.count(domain::Role::Student)) {
            auto c = domain::PersonComparison::of(child, {p.name, p.birthDate, std::nullopt});
            if (c.lastName && c.firstName && c.middleName && c.birthDate) {
                store::PersonRepository(db_, d.session, vault_)
                    .addRelation(parentPersonId, p.personId);
                return;
            }
        }
}

AppealReview::Outcome AppealReview::reject(std::int64_t staffAccountId, std::int64_t appealId,
                                           const std::string& reason,
                                           const std::string& clientAddress) {
    switch (domain::checkFreeText(reason, domain::kRejectionReasonMaxChars, true)) {
        case domain::FreeTextProblem::Missing:
            return Outcome::ReasonMissing;
        case domain::FreeTextProblem::TooLong:
            return Outcome::ReasonTooLong;
        case domain::FreeTextProblem::NotText:
            return Outcome::ReasonNotText;
        case domain::FreeTextProblem::None:
            break;
    }
    return decide(staffAccountId, appealId, clientAddress, "appeal.reject", [&](Decision& d) {
        d.status = domain::AppealStatus::Rejected;
        d.reason = reason;
        return Outcome::Done;
    });
}

}  // namespace netcity::flows
