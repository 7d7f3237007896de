#include "flows/PersonalCards.h"

#include <Poco/Data/Transaction.h>

#include <set>

#include "domain/Utf8Text.h"
#include "log/JsonLog.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/EsiaLinkRepository.h"

using namespace Poco::Data::Keywords;

namespace netcity::flows {
namespace {

using Outcome = PersonalCards::Outcome;

PersonalCards::Result outcome(Outcome o) {
    PersonalCards::Result r;
    r.outcome = o;
    return r;
}

std::string subjectOf(std::int64_t accountId) {
    return "account:" + std::to_string(accountId);
}

}  // namespace

void PersonalCards::audit(Poco::Data::Session& s, std::int64_t actor, const std::string& action,
                          const std::string& subject, const std::string& clientAddress,
                          const std::string& result) {
    store::AuditLog(db_, s).record(
        {clock_.unixSeconds(), actor, action, subject, clientAddress, result});
}

PersonalCards::PeoplePage PersonalCards::list(std::int64_t staffAccountId, const std::string& query,
                                              int page,
                                              std::optional<std::int64_t> organizationId) {
    auto s = db_.session();
    PeoplePage out;
    auto staff = reach_.staff(s, staffAccountId);
    if (!staff || !(domain::hasStaffTools(*staff))) return out;
    out.allowed = true;
    out.organizationId = staff->organizationId;
    store::StaffRepository repo(db_, s);
    if (staff->roles.count(domain::Role::Authority)) {
        auto oversight = reach_.oversight(s, *staff, organizationId);
        out.organizations = std::move(oversight.organizations);
        out.organizationId = oversight.chosen;
        if (out.organizationId == 0) return out;
    }
    std::string wanted = domain::lowerCase(domain::collapseSpaces(query));
    std::vector<store::PersonInOrganization> matching;
    for (auto& p : repo.people(out.organizationId, "")) {
        if (!domain::canRead(domain::accessTo(*staff, p.place))) continue;
        if (!wanted.empty() && domain::lowerCase(p.name.full()).find(wanted) == std::string::npos &&
            domain::lowerCase(p.login).find(wanted) == std::string::npos)
            continue;
        matching.push_back(std::move(p));
    }
    out.total = static_cast<int>(matching.size());
    auto from = std::min<std::size_t>(matching.size(), static_cast<std::size_t>(page) * kPageSize);
    auto to = std::min<std::size_t>(matching.size(), from + kPageSize);
    out.people.assign(std::make_move_iterator(matching.begin() + from),
                      std::make_move_iterator(matching.begin() + to));
    return out;
}

PersonalCards::Viewed PersonalCards::view(std::int64_t staffAccountId, std::int64_t accountId,
                                          const std::string& clientAddress) {
    auto s = db_.session();
    std::optional<StaffReach::Target> target;
    try {
        target = reach_.resolve(s, staffAccountId, accountId, domain::Access::Read, "card.view",
                                clientAddress);
    } catch (const AuditUnavailable&) {  // a probe that could not be recorded
        return {ViewOutcome::AuditUnavailable, std::nullopt};
    }
    if (!target) return {};
    store::PersonRepository people(db_, s, vault_);
    auto person = people.byId(target->account.personId);
    if (!person) return {};
    Card card;
    card.account = target->account;
    card.person = *person;
    card.access = target->access;
    card.readyForAutoLink = person->birthDate && person->snils && !person->name.last.empty() &&
                            !person->name.first.empty();
    if (auto account = store::AccountRepository(db_, s).byId(accountId)) {
        card.temporaryPasswordExpiresAt = account->temporaryPasswordExpiresAt;
        card.hasPassword = !account->passwordHash.empty();
    }
    auto everyone = store::StaffRepository(db_, s).people(target->account.place.organizationId, "");
    std::map<std::int64_t, const store::PersonInOrganization*> byPerson;
    for (const auto& p : everyone) byPerson.emplace(p.personId, &p);
    auto relative = [&](std::int64_t personId, const std::string& name) {
        auto it = byPerson.find(personId);
        if (it == byPerson.end()) return Relative{0, name, ""};
        return Relative{it->second->accountId, it->second->name.full(), it->second->className};
    };
    std::set<std::int64_t> childPersons;
    for (const auto& c : people.children(person->id)) {
        card.children.push_back(relative(c.personId, c.name.full()));
        childPersons.insert(c.personId);
    }
    for (auto parentId : people.parentsOf(person->id))
        if (auto parent = people.byId(parentId))
            card.parents.push_back(relative(parentId, parent->name.full()));
    if (target->account.roles.count(domain::Role::Parent) && domain::canChange(target->access))
        for (const auto& p : everyone)
            if (p.roles.count(domain::Role::Student) && !childPersons.count(p.personId) &&
                domain::canChange(domain::accessTo(target->staff, p.place)))
                card.candidateChildren.push_back({p.accountId, p.name.full(), p.className});
    try {
        audit(s, staffAccountId, "card.view", subjectOf(accountId), clientAddress, "ok");
    } catch (const std::exception& e) {  // a refused write, a trigger, a database going away
        log::logJson("error",
                     {{"source", "audit.failed"}, {"action", "card.view"}, {"what", e.what()}});
        return {ViewOutcome::AuditUnavailable, std::nullopt};
    }
    return {ViewOutcome::Shown, std::move(card)};
}

PersonalCards::Result PersonalCards::save(std::int64_t staffAccountId, std::int64_t accountId,
                                          const domain::CardInput& in,
                                          const std::string& clientAddress) {
    auto s = db_.session();
    auto target = reach_.resolve(s, staffAccountId, accountId, domain::Access::Change,
                                 "card.change", clientAddress);
    if (!target) return outcome(Outcome::NotFound);
    if (!domain::canChange(target->access)) return outcome(Outcome::ReadOnly);
    if (!reach_.changesEveryAccountOf(s, target->staff, target->account.personId))
        return outcome(Outcome::SharedCard);
    auto check = domain::checkCard(in, domain::CalendarDate::fromUnixSeconds(clock_.unixSeconds()));
    if (!check.ok()) {
        Result r = outcome(Outcome::Invalid);
        r.problems = check.problems;
        return r;
    }
    if (check.fields.snils &&
        snilsOnAnotherCard(s, *check.fields.snils, target->account.place.organizationId,
                           target->account.personId))
        return outcome(Outcome::SnilsTaken);
    store::PersonRepository people(db_, s, vault_);
    auto person = people.byId(target->account.personId);
    if (!person) return outcome(Outcome::NotFound);
    person->name = check.fields.name;
    person->birthDate = check.fields.birthDate;
    person->gender = check.fields.gender;
    person->snils = check.fields.snils;
    person->email = check.fields.email;
    person->phone = check.fields.phone;
    store::Transaction tx(db_, s);
    people.updateCard(*person, clock_.unixSeconds());
    audit(s, staffAccountId, "card.change", "person:" + std::to_string(person->id), clientAddress,
          "ok");
    tx.commit();
    return outcome(Outcome::Done);
}

// The same SNILS on another card of this organization is a typo or a duplicate person.
bool PersonalCards::snilsOnAnotherCard(Poco::Data::Session& s, const domain::SnilsNumber& snils,
                                       std::int64_t organizationId, std::int64_t personId) {
    for (const auto& p :
         store::StaffRepository(db_, s).people(organizationId, vault_.blindIndex(snils)))
        if (p.sameSnils && p.personId != personId) return true;
    return false;
}

PersonalCards::Result PersonalCards::unlinkEsia(std::int64_t staffAccountId, std::int64_t accountId,
                                                const std::string& clientAddress) {
    auto s = db_.session();
    auto target = reach_.resolve(s, staffAccountId, accountId, domain::Access::Change,
                                 "esia.unlink", clientAddress);
    if (!target) return outcome(Outcome::NotFound);
    if (!domain::canChange(target->access)) return outcome(Outcome::ReadOnly);
    store::Transaction tx(db_, s);
    bool removed = store::EsiaLinkRepository(db_, s).unlink(accountId);
    audit(s, staffAccountId, "esia.unlink", subjectOf(accountId), clientAddress,
          removed ? "staff" : "not_linked");
    // Whoever came in through the removed link is signed out with it.
    if (removed) sessions_.endOthers(s, accountId, "");
    tx.commit();
    return outcome(Outcome::Done);
}

PersonalCards::Result PersonalCards::addChild(std::int64_t staffAccountId,
                                              std::int64_t parentAccountId,
                                              std::int64_t childAccountId,
                                              const std::string& clientAddress) {
    return relation(staffAccountId, parentAccountId, childAccountId, true, clientAddress);
}

PersonalCards::Result PersonalCards::removeChild(std::int64_t staffAccountId,
                                                 std::int64_t parentAccountId,
                                                 std::int64_t childAccountId,
                                                 const std::string& clientAddress) {
    return relation(staffAccountId, parentAccountId, childAccountId, false, clientAddress);
}

PersonalCards::Result PersonalCards::relation(std::int64_t staffAccountId,
                                              std::int64_t parentAccountId,
                                              std::int64_t childAccountId, bool add,
                                              const std::string& clientAddress) {
    auto s = db_.session();
    auto parent = reach_.resolve(s, staffAccountId, parentAccountId, domain::Access::Change,
                                 "card.relation", clientAddress);
    if (!parent) return outcome(Outcome::NotFound);
    if (!domain::canChange(parent->access)) return outcome(Outcome::ReadOnly);
    auto child = reach_.resolve(s, staffAccountId, childAccountId,
                                add ? domain::Access::Change : domain::Access::Read,
                                "card.relation", clientAddress);
    if (!child || (add && !domain::canChange(child->access)))
        return outcome(Outcome::ChildNotOffered);
    if (!parent->account.roles.count(domain::Role::Parent) ||
        !child->account.roles.count(domain::Role::Student))
        return outcome(Outcome::NotParentAndChild);
    store::PersonRepository people(db_, s, vault_);
    store::Transaction tx(db_, s);
    if (add)
        people.addRelation(parent->account.personId, child->account.personId);
    else
        people.removeRelation(parent->account.personId, child->account.personId);
    audit(s, staffAccountId, "card.relation", subjectOf(parentAccountId), clientAddress,
          add ? "added" : "removed");
    tx.commit();
    return outcome(Outcome::Done);
}

}  // namespace netcity::flows
