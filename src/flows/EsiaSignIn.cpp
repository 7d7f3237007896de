#include "flows/EsiaSignIn.h"

#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "domain/AutoLinkMatcher.h"
#include "domain/EsiaLinkRule.h"
#include "flows/EsiaIdentityJson.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/EsiaLinkRepository.h"
#include "store/FlowRepository.h"
#include "store/PersonRepository.h"

namespace netcity::flows {
namespace {

using Outcome = EsiaSignIn::Outcome;

constexpr const char* kAttemptKind = "esia";
constexpr const char* kPendingKind = "esia-result";

std::string hashOf(const std::string& id) {
    return crypto::toHex(crypto::sha256(id));
}

// The sealed profile is bound to its row: a sealed value moved to another flow does not open.
std::string sealContext(const std::string& idHash) {
    return "flow:" + idHash;
}

domain::MatchableData matchable(const store::Person& p) {
    return {p.name, p.birthDate, p.snils};
}

domain::LinkCandidate candidateOf(const store::Account& a) {
    return {a.id, a.organizationId, a.roles};
}

Outcome refusalOf(domain::LinkVerdict verdict) {
    return verdict == domain::LinkVerdict::LinkedToAnother ? Outcome::LinkedToAnother
                                                           : Outcome::OrganizationRoleTaken;
}

bool linked(domain::LinkVerdict verdict) {
    return verdict == domain::LinkVerdict::Allowed || verdict == domain::LinkVerdict::AlreadyLinked;
}

}  // namespace

const char* outcomeCode(EsiaSignIn::Outcome outcome) {
    switch (outcome) {
        case Outcome::SignedIn:
            return "signed_in";
        case Outcome::ChooseUser:
            return "choose_user";
        case Outcome::NotFound:
            return "not_found";
        case Outcome::Linked:
            return "linked";
        case Outcome::Refused:
            return "refused";
        case Outcome::EsiaError:
            return "esia_error";
        case Outcome::EsiaUnavailable:
            return "esia_unavailable";
        case Outcome::EsiaRejected:
            return "esia_rejected";
        case Outcome::Unconfirmed:
            return "unconfirmed";
        case Outcome::Expired:
            return "expired";
        case Outcome::NotOffered:
            return "not_offered";
        case Outcome::Blocked:
            return "blocked";
        case Outcome::LinkedToAnother:
            return "linked_to_another";
        case Outcome::OrganizationRoleTaken:
            return "organization_role_taken";
        case Outcome::WrongRole:
            return "wrong_role";
        case Outcome::WrongPassword:
            return "wrong_password";
        case Outcome::Throttled:
            return "throttled";
        case Outcome::TemporaryExpired:
            return "temporary_expired";
        case Outcome::CutOff:
            return "cut_off";
    }
    return "unknown";
}

bool EsiaSignIn::selfLinkAllowed(const domain::RoleSet& roles) const {
    return linking_.allows(roles, settings_.timeZone.dateAt(clock_.unixSeconds()));
}

std::string EsiaSignIn::saveAttempt(const EsiaAttempt& attempt, const std::string& browserBinding) {
    std::string state = esia::newStateUuid();
    std::int64_t now = clock_.unixSeconds();
    auto s = db_.session();
    store::FlowRepository(db_, s).create(hashOf(state), {kAttemptKind, hashOf(browserBinding),
                                                         attempt.toJson(), now, attempt.expiresAt});
    return state;
}

std::string EsiaSignIn::start(domain::PortalRole role, const std::string& browserBinding) {
    EsiaAttempt a;
    a.role = role;
    a.nonce = crypto::randomToken(16);
    a.scope = domain::esiaScopes(role);
    a.verifier = crypto::randomToken(32);  // PKCE, for providers that use it
    a.expiresAt = clock_.unixSeconds() + settings_.flowLifetime;
    std::string state = saveAttempt(a, browserBinding);
    return client_.authorizationUrl(a.scope, settings_.callbackUrl, state, a.nonce, a.verifier,
                                    clock_.unixSeconds());
}

std::string EsiaSignIn::startLink(std::int64_t accountId, const std::string& sessionHash,
                                  const std::string& browserBinding) {
    EsiaAttempt a;
    a.purpose = EsiaAttempt::Purpose::Link;
    a.accountId = accountId;
    a.sessionHash = sessionHash;
    a.nonce = crypto::randomToken(16);
    a.scope = "openid fullname birthdate snils";
    a.verifier = crypto::randomToken(32);
    a.expiresAt = clock_.unixSeconds() + settings_.flowLifetime;
    std::string state = saveAttempt(a, browserBinding);
    return client_.authorizationUrl(a.scope, settings_.linkCallbackUrl, state, a.nonce, a.verifier,
                                    clock_.unixSeconds());
}

EsiaSignIn::Result EsiaSignIn::callback(const Callback& answer, const std::string& browserBinding,
                                        const std::string& linkSessionHash,
                                        const std::string& clientAddress) {
    std::int64_t now = clock_.unixSeconds();
    std::optional<EsiaAttempt> attempt;
    {
        auto s = db_.session();
        // Taken only by the browser that started it: the same URL opened elsewhere (a link
        // sent to someone, a shoulder-surfed address bar) leaves the owner's attempt alone.
        std::optional<store::StoredFlow> flow;
        if (!answer.state.empty() && answer.state.size() < 100 && !browserBinding.empty())
            flow = store::FlowRepository(db_, s).take(hashOf(answer.state), hashOf(browserBinding));
        if (flow && flow->kind == kAttemptKind)
            attempt = EsiaAttempt::fromJson(flow->data, flow->expiresAt);
        bool link = !linkSessionHash.empty();
        // A link attempt ends only at the link callback, in the session that started it; a
        // sign-in attempt only at the sign-in callback.
        if (!attempt || !attempt->valid(now) ||
            link != (attempt->purpose == EsiaAttempt::Purpose::Link) ||
            (link && !crypto::constantTimeEquals(attempt->sessionHash, linkSessionHash))) {
            audit(s, "esia.callback", 0, 0, clientAddress, "expired_or_foreign_state");
            return Outcome::Expired;
        }
        if (!answer.error.empty()) {
            bool refused = answer.error == "access_denied";
            audit(s, "esia.callback", 0, 0, clientAddress, refused ? "refused" : "esia_error");
            return refused ? Outcome::Refused : Outcome::EsiaError;
        }
        if (answer.code.empty()) {
            audit(s, "esia.callback", 0, 0, clientAddress, "no_code");
            return Outcome::EsiaError;
        }
    }
    bool link = attempt->purpose == EsiaAttempt::Purpose::Link;
    esia::EsiaIdentity who;
    try {  // no database connection is held while Gosuslugi answers
        who = client_.signIn(answer.code, attempt->scope,
                             link ? settings_.linkCallbackUrl : settings_.callbackUrl,
                             attempt->nonce, attempt->verifier, answer.issuer,
                             !link && attempt->role == domain::PortalRole::Parent, now);
    } catch (const esia::EsiaFailure& e) {
        bool down = e.kind() == esia::EsiaFailure::Kind::Unavailable;
        auto s = db_.session();
        audit(s, "esia.callback", 0, 0, clientAddress, down ? "esia_unavailable" : "esia_rejected");
        return down ? Outcome::EsiaUnavailable : Outcome::EsiaRejected;
    }
    if (link) return linkFromSettings(who, attempt->accountId, clientAddress);
    return decide(who, attempt->role, browserBinding, clientAddress);
}

EsiaSignIn::Result EsiaSignIn::decide(const esia::EsiaIdentity& who, domain::PortalRole role,
                                      const std::string& browserBinding,
                                      const std::string& clientAddress) {
    auto s = db_.session();
    store::Transaction tx(db_, s);
    if (!who.trusted) {  // seed 002: only a confirmed Gosuslugi account signs in
        audit(s, "esia.signin", 0, who.oid, clientAddress, "unconfirmed");
        tx.commit();
        return Outcome::Unconfirmed;
    }
    store::EsiaLinkRepository links(db_, s);
    store::AccountRepository accounts(db_, s);
    std::vector<std::int64_t> known;
    for (auto id : links.accountsLinkedTo(who.oid))
        if (auto a = accounts.byId(id); a && !a->blocked && domain::covers(role, a->roles))
            known.push_back(id);
    EsiaPending pending;
    pending.identity = who;
    pending.role = role;
    pending.expiresAt = clock_.unixSeconds() + settings_.flowLifetime;
    if (known.empty()) {
        // Every full match is linked (a parent with children in two schools), as far as the
        // link rule allows; a lost race leaves the others.
        if (auto snils = domain::SnilsNumber::parse(who.snils)) {
            store::PersonRepository people(db_, s, vault_);
            for (const auto& candidate : people.accountsBySnils(*snils)) {
                auto account = accounts.byId(candidate.accountId);
                if (!account || !domain::covers(role, candidate.roles) ||
                    !domain::AutoLinkMatcher::matches(true, matchableOf(who),
                                                      matchable(candidate.person)))
                    continue;
                auto verdict =
                    links.link(who.oid, candidateOf(*account), "auto", clock_.unixSeconds());
                if (verdict == domain::LinkVerdict::Allowed)
                    audit(s, "esia.link", account->id, who.oid, clientAddress, "auto");
                if (linked(verdict)) known.push_back(account->id);
            }
        }
        pending.justLinked = !known.empty();
    }
    Result r{Outcome::SignedIn};
    r.identity = who;
    r.role = role;
    r.justLinked = pending.justLinked;
    if (known.size() == 1) {
        r.accountId = known[0];
        audit(s, "esia.signin", r.accountId, who.oid, clientAddress, "ok");
    } else if (known.size() > 1) {
        r.outcome = Outcome::ChooseUser;
        pending.step = EsiaPending::Step::ChooseUser;
        pending.choices = known;
        r.choices = describe(s, known);
        r.flowId = savePending(s, pending, browserBinding);
    } else {
        audit(s, "esia.signin", 0, who.oid, clientAddress, "not_found");
        r.outcome = Outcome::NotFound;
        r.flowId = savePending(s, pending, browserBinding);
    }
    tx.commit();
    return r;
}

std::string EsiaSignIn::savePending(Poco::Data::Session& s, const EsiaPending& pending,
                                    const std::string& browserBinding) {
    std::string id = crypto::randomToken(32);
    std::string idHash = hashOf(id);
    store::FlowRepository(db_, s).create(
        idHash, {kPendingKind, hashOf(browserBinding),
                 vault_.sealText(pending.toJson(), sealContext(idHash)), clock_.unixSeconds(),
                 pending.expiresAt});  // the Gosuslugi profile waits here sealed
    return id;
}

std::vector<EsiaSignIn::Choice> EsiaSignIn::describe(Poco::Data::Session& s,
                                                     const std::vector<std::int64_t>& ids) {
    store::AccountRepository accounts(db_, s);
    std::vector<Choice> out;
    for (auto id : ids)
        if (auto p = accounts.profile(id))
            out.push_back({id, p->organizationName, domain::joinLabels(p->roles), p->name.full()});
    return out;
}

std::optional<EsiaSignIn::Waiting> EsiaSignIn::findPending(Poco::Data::Session& s,
                                                           const std::string& flowId,
                                                           const std::string& browserBinding) {
    if (flowId.empty() || flowId.size() > 100) return std::nullopt;
    std::string idHash = hashOf(flowId);
    auto flow = store::FlowRepository(db_, s).find(idHash);
    if (!flow || flow->kind != kPendingKind ||
        !crypto::constantTimeEquals(flow->browserHash, hashOf(browserBinding)))
        return std::nullopt;
    auto opened = vault_.openText(flow->data, sealContext(idHash));
    if (!opened) return std::nullopt;
    auto pending = EsiaPending::fromJson(*opened, flow->expiresAt);
    if (!pending || !pending->valid(clock_.unixSeconds())) return std::nullopt;
    return Waiting{idHash, *pending};
}

std::optional<EsiaSignIn::Result> EsiaSignIn::peek(const std::string& flowId,
                                                   const std::string& browserBinding) {
    auto s = db_.session();
    auto waiting = findPending(s, flowId, browserBinding);
    if (!waiting) return std::nullopt;
    const auto& p = waiting->pending;
    Result r{p.step == EsiaPending::Step::ChooseUser ? Outcome::ChooseUser : Outcome::NotFound};
    r.flowId = flowId;
    r.identity = p.identity;
    r.role = p.role;
    r.choices = describe(s, p.choices);
    return r;
}

EsiaSignIn::Result EsiaSignIn::choose(const std::string& flowId, std::int64_t accountId,
                                      const std::string& browserBinding,
                                      const std::string& clientAddress) {
    auto s = db_.session();
    store::Transaction tx(db_, s);
    auto waiting = findPending(s, flowId, browserBinding);
    if (!waiting || waiting->pending.step != EsiaPending::Step::ChooseUser) return Outcome::Expired;
    if (!waiting->pending.offers(accountId)) return Outcome::NotOffered;
    // Blocked after the page was shown: the others stay on offer.
    auto account = store::AccountRepository(db_, s).byId(accountId);
    if (!account || account->blocked) {
        audit(s, "esia.signin", accountId, waiting->pending.identity.oid, clientAddress, "blocked");
        tx.commit();
        return Outcome::Blocked;
    }
    if (!store::FlowRepository(db_, s).take(waiting->idHash, hashOf(browserBinding)))
        return Outcome::Expired;
    audit(s, "esia.signin", accountId, waiting->pending.identity.oid, clientAddress, "ok");
    tx.commit();
    Result r{Outcome::SignedIn};
    r.accountId = accountId;
    r.identity = waiting->pending.identity;
    r.justLinked = waiting->pending.justLinked;
    return r;
}

EsiaSignIn::Result EsiaSignIn::linkWithPassword(const std::string& flowId,
                                                std::int64_t organizationId,
                                                const std::string& login,
                                                const std::string& password,
                                                const std::string& browserBinding,
                                                const std::string& clientAddress) {
    auto current = peek(flowId, browserBinding);
    if (!current) return Outcome::Expired;
    // Every refusal below leaves the flow as it was: the person may try again, or turn to
    // «Обратиться в организацию».
    auto check = credentials_.run(organizationId, login, password, clientAddress);
    if (check.verdict == CredentialCheck::Verdict::Throttled) {
        Result r{Outcome::Throttled};
        r.wait = check.wait;
        return r;
    }
    auto s = db_.session();
    store::Transaction tx(db_, s);
    auto refuse = [&](Outcome outcome, const char* audited, std::int64_t accountId) {
        audit(s, "esia.link", accountId, current->identity.oid, clientAddress, audited);
        tx.commit();
        Result r{outcome};
        r.role = current->role;
        r.flowId = flowId;  // still theirs: «Обратиться в организацию» stays open
        return r;
    };
    if (check.verdict == CredentialCheck::Verdict::Rejected)
        return refuse(Outcome::WrongPassword, "wrong_password",
                      check.account ? check.account->id : 0);
    const auto& account = *check.account;
    if (check.verdict == CredentialCheck::Verdict::TemporaryExpired)
        return refuse(Outcome::TemporaryExpired, "temporary_expired", account.id);
    if (!domain::covers(current->role, account.roles))
        return refuse(Outcome::WrongRole, "wrong_role", account.id);
    if (!selfLinkAllowed(account.roles)) return refuse(Outcome::CutOff, "cut_off", account.id);
    auto verdict = store::EsiaLinkRepository(db_, s).link(
        current->identity.oid, candidateOf(account), "password", clock_.unixSeconds());
    if (!linked(verdict)) return refuse(refusalOf(verdict), "conflict", account.id);
    // The flow ends with the link, in the same transaction: a second tab finds it gone.
    if (!store::FlowRepository(db_, s).take(hashOf(flowId), hashOf(browserBinding)))
        return Outcome::Expired;
    audit(s, "esia.link", account.id, current->identity.oid, clientAddress, "password");
    tx.commit();
    Result r{Outcome::SignedIn};
    r.accountId = account.id;
    r.identity = current->identity;
    r.justLinked = true;
    return r;
}

EsiaSignIn::Result EsiaSignIn::linkFromSettings(const esia::EsiaIdentity& who,
                                                std::int64_t accountId,
                                                const std::string& clientAddress) {
    auto s = db_.session();
    store::Transaction tx(db_, s);
    auto account = store::AccountRepository(db_, s).byId(accountId);
    if (!account || account->blocked) return Outcome::Expired;
    Result r{Outcome::Linked};
    r.identity = who;
    r.accountId = accountId;
    auto refuse = [&](Outcome outcome, const char* audited) {
        audit(s, "esia.link", accountId, who.oid, clientAddress, audited);
        tx.commit();
        r.outcome = outcome;
        return r;
    };
    if (!who.trusted) return refuse(Outcome::Unconfirmed, "unconfirmed");
    if (!selfLinkAllowed(account->roles)) return refuse(Outcome::CutOff, "cut_off");
    auto verdict = store::EsiaLinkRepository(db_, s).link(who.oid, candidateOf(*account),
                                                          "settings", clock_.unixSeconds());
    if (!linked(verdict)) return refuse(refusalOf(verdict), "conflict");
    r.justLinked = verdict == domain::LinkVerdict::Allowed;
    if (r.justLinked) audit(s, "esia.link", accountId, who.oid, clientAddress, "settings");
    tx.commit();
    return r;
}

void EsiaSignIn::unlink(std::int64_t accountId, const std::string& clientAddress) {
    auto s = db_.session();
    store::Transaction tx(db_, s);
    store::EsiaLinkRepository links(db_, s);
    auto oid = links.linkedOid(accountId);
    if (links.unlink(accountId))
        audit(s, "esia.unlink", accountId, oid.value_or(0), clientAddress, "ok");
    tx.commit();
}

void EsiaSignIn::audit(Poco::Data::Session& s, const std::string& action, std::int64_t accountId,
                       std::int64_t oid, const std::string& clientAddress,
                       const std::string& outcome) {
    store::AuditEvent e;
    e.at = clock_.unixSeconds();
    if (accountId) e.actorAccountId = accountId;
    e.action = action;
    e.subject = oid ? "esia:" + std::to_string(oid)
                    : (accountId ? "account:" + std::to_string(accountId) : "");
    e.clientAddress = clientAddress;
    e.outcome = outcome;
    store::AuditLog(db_, s).record(e);
}

}  // namespace netcity::flows
