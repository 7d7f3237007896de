#include "flows/AppealSubmission.h"

#include <Poco/Data/Transaction.h>
#include <Poco/JSON/Object.h>

#include <cstring>

#include "crypto/Bytes.h"
#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "domain/AppealNumber.h"
#include "domain/EmailAddress.h"
#include "domain/FreeText.h"
#include "domain/OrganizationType.h"
#include "flows/EsiaIdentityJson.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/DirectoryRepository.h"
#include "store/EsiaLinkRepository.h"
#include "store/MailOutbox.h"

namespace netcity::flows {
namespace {

using Outcome = AppealSubmission::Outcome;

std::uint32_t randomSerial() {
    auto bytes = crypto::randomBytes(4);
    std::uint32_t v = 0;
    std::memcpy(&v, bytes.data(), sizeof v);
    return 100000000 + v % 900000000;
}

std::string fullName(const esia::EsiaIdentity& who) {
    std::string name = who.lastName + " " + who.firstName;
    if (!who.middleName.empty()) name += " " + who.middleName;
    return name;
}

AppealSubmission::Result problem(AppealSubmission::Problems problems) {
    AppealSubmission::Result r;
    r.outcome = Outcome::Invalid;
    r.problems = std::move(problems);
    return r;
}

}  // namespace

std::optional<AppealSubmission::Draft> AppealSubmission::prepare(const std::string& flowId,
                                                                 const std::string& binding) {
    auto found = esia_.peek(flowId, binding);
    if (!found) return std::nullopt;
    Draft d;
    d.identity = found->identity;
    d.role = found->role;
    d.hasEmail = domain::EmailAddress::parse(d.identity.email).has_value();
    auto s = db_.session();
    store::AccountRepository accounts(db_, s);
    for (auto id : store::EsiaLinkRepository(db_, s).accountsLinkedTo(d.identity.oid))
        if (auto p = accounts.profile(id))
            d.knownOrganizations.push_back(p->organizationName + " — " +
                                           domain::joinLabels(p->roles));
    d.previous = store::AppealRepository(db_, s).ofEsiaAccount(d.identity.oid);
    return d;
}

AppealSubmission::Problems AppealSubmission::check(const Draft& draft, const Form& form) {
    Problems problems;
    auto type = domain::parseOrganizationTypeCode(form.organizationType);
    if (!type || *type == domain::OrganizationType::Authority)
        problems["type"] = Problem::TypeNotChosen;
    auto s = db_.session();
    store::DirectoryRepository directory(db_, s);
    std::optional<store::Organization> org;
    if (form.organizationId) org = directory.organization(*form.organizationId);
    if (!org || (type && org->type != *type)) {
        problems["organization"] = Problem::OrganizationNotOffered;
    } else if (draft.role != domain::PortalRole::Staff) {
        bool classFound = false;
        for (const auto& c : directory.classes(org->id))
            classFound = classFound || (form.classId && c.id == *form.classId);
        if (!classFound) problems["class"] = Problem::ClassNotOffered;
    }
    if (draft.role == domain::PortalRole::Parent && !draft.identity.children.empty() &&
        (!form.child || *form.child >= draft.identity.children.size()))
        problems["child"] = Problem::ChildNotChosen;
    switch (domain::checkFreeText(form.comment, domain::kAppealCommentMaxChars, false)) {
        case domain::FreeTextProblem::TooLong:
            problems["comment"] = Problem::CommentTooLong;
            break;
        case domain::FreeTextProblem::NotText:
            problems["comment"] = Problem::CommentNotText;
            break;
        default:
            break;
    }
    return problems;
}

AppealSubmission::Result AppealSubmission::submit(const std::string& flowId,
                                                  const std::string& binding, const Form& form,
                                                  const std::string& clientAddress) {
    auto draft = prepare(flowId, binding);
    if (!draft) return Result{Outcome::Expired, {}, {}, {}};
    if (!draft->hasEmail) return Result{Outcome::NoEmail, {}, {}, {}};
    auto problems = check(*draft, form);
    if (!problems.empty()) return problem(std::move(problems));
    // A random serial may meet an existing one (1 in 900 million): then draw again.
    for (int attempt = 0;; ++attempt) {
        try {
            return create(*draft, form, clientAddress);
        } catch (const Poco::Exception&) {
            if (attempt >= 2) throw;
        }
    }
}

AppealSubmission::Result AppealSubmission::create(const Draft& draft, const Form& form,
                                                  const std::string& clientAddress) {
    const auto& who = draft.identity;
    std::int64_t at = clock_.unixSeconds();
    auto number = domain::AppealNumber::make(randomSerial(), timeZone_.dateAt(at).month());
    Poco::JSON::Object::Ptr data = identityToJson(who);
    data->remove("sid");
    data->remove("children");
    std::string childKey;
    if (draft.role == domain::PortalRole::Parent && form.child &&
        *form.child < who.children.size()) {
        const auto& child = who.children[*form.child];
        data->set("child", childToJson(child));
        childKey = child.lastName + " " + child.firstName + " " + child.birthDate;
    }
    store::StoredAppeal appeal;
    appeal.number = number->text();
    appeal.organizationId = *form.organizationId;
    if (draft.role != domain::PortalRole::Staff) appeal.classId = form.classId;
    appeal.role = domain::code(draft.role);
    appeal.esiaOid = who.oid;
    appeal.applicantName = fullName(who);
    appeal.email = domain::EmailAddress::parse(who.email)->text();
    appeal.dataSealed = vault_.sealText(jsonText(data), "appeal:" + appeal.number);
    appeal.comment = form.comment;
    appeal.createdAt = at;
    std::string openKey = crypto::toHex(crypto::sha256(std::to_string(who.oid) + "\n" +
                                                       std::to_string(appeal.organizationId) +
                                                       "\n" + appeal.role + "\n" + childKey));

    auto s = db_.session();
    store::Transaction tx(db_, s);
    store::AppealRepository appeals(db_, s);
    auto id = appeals.insert(appeal, openKey);
    if (!id) {
        tx.rollback();
        auto open = appeals.byOpenKey(openKey);
        if (!open) throw Poco::Exception("appeal vanished between insert and select");
        return Result{Outcome::AlreadyOpen, open->number, open->email, {}};
    }
    store::DirectoryRepository directory(db_, s);
    auto org = directory.organization(appeal.organizationId);
    store::MailOutbox(db_, s).enqueue(
        letters_.appealCreated(appeal.email,
                               {appeal.number, appeal.applicantName, org ? org->name : "", ""}),
        appeal.organizationId, at);
    store::AuditLog(db_, s).record(
        {at, std::nullopt, "appeal.create", "appeal:" + std::to_string(*id), clientAddress, "ok"});
    tx.commit();
    if (mailQueued_) mailQueued_();
    return Result{Outcome::Created, appeal.number, appeal.email, {}};
}

}  // namespace netcity::flows
