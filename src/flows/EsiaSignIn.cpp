#include "flows/EsiaSignIn.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <sstream>

#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "domain/AutoLinkMatcher.h"
#include "flows/EsiaIdentityJson.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/EsiaLinkRepository.h"
#include "store/FlowRepository.h"
#include "store/PersonRepository.h"

namespace netcity::flows {
namespace {

using Poco::JSON::Object;
using Outcome = EsiaSignIn::Outcome;

std::string hashOf(const std::string& id) {
    return crypto::toHex(crypto::sha256(id));
}

domain::MatchableData matchable(const store::Person& p) {
    return {p.name, p.birthDate, p.snils};
}

EsiaSignIn::Result result(Outcome outcome, const std::string& message = {}) {
    EsiaSignIn::Result r{outcome};
    r.message = message;
    return r;
}

}  // namespace

std::string EsiaSignIn::start(domain::PortalRole role, const std::string& browserBinding) {
    std::string state = esia::newStateUuid(), nonce = crypto::randomToken(16);
    std::string scope = domain::esiaScopes(role);
    std::string verifier = crypto::randomToken(32);  // PKCE, for providers that use it
    Object::Ptr data = new Object;
    data->set("verifier", verifier);
    data->set("purpose", "signin");
    data->set("role", domain::code(role));
    data->set("nonce", nonce);
    data->set("scope", scope);
    std::int64_t now = clock_.unixSeconds();
    auto s = db_.session();
    store::FlowRepository flows(db_, s);
    flows.removeExpired(now);
    flows.create(hashOf(state), {"esia", hashOf(browserBinding), jsonText(data), now,
                                 now + settings_.flowLifetime});
    return client_.authorizationUrl(scope, settings_.callbackUrl, state, nonce, verifier, now);
}

std::string EsiaSignIn::startLink(std::int64_t accountId, const std::string& sessionHash,
                                  const std::string& browserBinding) {
    std::string state = esia::newStateUuid(), nonce = crypto::randomToken(16);
    std::string scope = "openid fullname birthdate snils";
    std::string verifier = crypto::randomToken(32);
    Object::Ptr data = new Object;
    data->set("verifier", verifier);
    data->set("purpose", "link");
    data->set("account", accountId);
    data->set("session", sessionHash);
    data->set("nonce", nonce);
    data->set("scope", scope);
    std::int64_t now = clock_.unixSeconds();
    auto s = db_.session();
    store::FlowRepository(db_, s).create(
        hashOf(state),
        {"esia", hashOf(browserBinding), jsonText(data), now, now + settings_.flowLifetime});
    return client_.authorizationUrl(scope, settings_.linkCallbackUrl, state, nonce, verifier, now);
}

EsiaSignIn::Result EsiaSignIn::callback(const std::string& state, const std::string& code,
                                        const std::string& error,
                                        const std::string& errorDescription,
                                        const std::string& issuer,
                                        const std::string& browserBinding,
                                        const std::string& linkSessionHash,
                                        const std::string& clientAddress) {
    std::int64_t now = clock_.unixSeconds();
    std::optional<store::StoredFlow> flow;
    if (!state.empty() && state.size() < 100) {
        auto s = db_.session();
        flow = store::FlowRepository(db_, s).take(hashOf(state));  // single use
    }
    if (!flow || flow->kind != "esia" || flow->expiresAt < now ||
        !crypto::constantTimeEquals(flow->browserHash, hashOf(browserBinding))) {
        audit("esia.callback", 0, 0, clientAddress, "expired_or_foreign_state");
        return result(Outcome::Expired);
    }
    auto data = parseJsonText(flow->data);
    bool link = jsonField(data, "purpose") == "link";
    // A link flow ends only at the link callback, in the session that started it; a sign-in
    // flow only at the sign-in callback.
    if (link != !linkSessionHash.empty() ||
        (link && !crypto::constantTimeEquals(jsonField(data, "session"), linkSessionHash))) {
        audit("esia.callback", 0, 0, clientAddress, "foreign_flow");
        return result(Outcome::Expired);
    }
    std::string redirect = link ? settings_.linkCallbackUrl : settings_.callbackUrl;
    if (!error.empty()) {
        audit("esia.callback", 0, 0, clientAddress,
              error == "access_denied" ? "refused" : "esia_error");
        return result(error == "access_denied" ? Outcome::Refused : Outcome::Failed,
                      errorDescription);
    }
    if (code.empty()) return result(Outcome::Failed, "ESIA не передала код авторизации");
    esia::EsiaIdentity who;
    auto role =
        domain::parsePortalRole(jsonField(data, "role")).value_or(domain::PortalRole::Staff);
    try {
        who = client_.signIn(code, jsonField(data, "scope"), redirect, jsonField(data, "nonce"),
                             jsonField(data, "verifier"), issuer,
                             !link && role == domain::PortalRole::Parent, now);
    } catch (const esia::EsiaFailure& e) {
        audit("esia.callback", 0, 0, clientAddress,
              e.kind() == esia::EsiaFailure::Kind::Unavailable ? "esia_unavailable"
                                                               : "esia_rejected");
        return result(Outcome::Failed, e.kind() == esia::EsiaFailure::Kind::Unavailable
                                           ? "unavailable"
                                           : "rejected");
    }
    if (link) return linkFromSettings(who, data->getValue<std::int64_t>("account"), clientAddress);
    return decide(who, role, browserBinding, clientAddress);
}

EsiaSignIn::Result EsiaSignIn::decide(const esia::EsiaIdentity& who, domain::PortalRole role,
                                      const std::string& browserBinding,
                                      const std::string& clientAddress) {
    if (!who.trusted) {  // seed 002: only a confirmed Gosuslugi account signs in
        audit("esia.signin", 0, who.oid, clientAddress, "unconfirmed");
        return result(Outcome::Unconfirmed);
    }
    auto s = db_.session();
    store::EsiaLinkRepository links(db_, s);
    store::AccountRepository accounts(db_, s);
    std::vector<std::int64_t> linked;
    for (auto id : links.accountsLinkedTo(who.oid))
        if (auto a = accounts.byId(id); a && !a->blocked && domain::covers(role, a->roles))
            linked.push_back(id);
    Result r{Outcome::SignedIn};
    r.identity = who;
    if (linked.size() == 1) {
        r.accountId = linked[0];
        audit("esia.signin", r.accountId, who.oid, clientAddress, "ok");
        return r;
    }
    if (linked.size() > 1) {
        r.outcome = Outcome::ChooseUser;
        r.choices = describe(linked);
        r.flowId = saveResultFlow(who, role, r.choices, false, browserBinding);
        return r;
    }
    std::vector<std::int64_t> matched;
    if (auto snils = domain::SnilsNumber::parse(who.snils)) {
        store::PersonRepository people(db_, s, vault_);
        for (const auto& candidate : people.accountsBySnils(*snils))
            if (domain::covers(role, candidate.roles) &&
                links.linkedOid(candidate.accountId).value_or(who.oid) == who.oid &&
                domain::AutoLinkMatcher::matches(true, matchableOf(who),
                                                 matchable(candidate.person)))
                matched.push_back(candidate.accountId);
    }
    if (matched.size() == 1) {
        // Another callback of the same person may have linked it a moment ago: that is the
        // same link, not a conflict.
        bool created = links.link(who.oid, matched[0], "auto", clock_.unixSeconds());
        if (created || links.linkedOid(matched[0]) == who.oid) {
            r.outcome = Outcome::AutoLinked;
            r.accountId = matched[0];
            if (created) audit("esia.link", r.accountId, who.oid, clientAddress, "auto");
            return r;
        }
    }
    if (matched.size() > 1) {
        // Every one of them matches fully, so every one is linked (a parent with children in
        // two schools); the person chooses where to go now, and will be asked again next time.
        for (auto id : matched)
            if (links.link(who.oid, id, "auto", clock_.unixSeconds()))
                audit("esia.link", id, who.oid, clientAddress, "auto");
        r.outcome = Outcome::ChooseUser;
        r.choices = describe(matched);
        r.flowId = saveResultFlow(who, role, r.choices, true, browserBinding);
        return r;
    }
    audit("esia.signin", 0, who.oid, clientAddress, "not_found");
    r.outcome = Outcome::NotFound;
    r.flowId = saveResultFlow(who, role, {}, false, browserBinding);
    return r;
}

std::string EsiaSignIn::saveResultFlow(const esia::EsiaIdentity& who, domain::PortalRole role,
                                       const std::vector<Choice>& choices, bool linkOnChoice,
                                       const std::string& browserBinding) {
    Object::Ptr data = new Object;
    data->set("identity", identityToJson(who));
    data->set("role", domain::code(role));
    data->set("linkOnChoice", linkOnChoice);
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    for (const auto& c : choices) ids->add(c.accountId);
    data->set("choices", ids);
    std::string id = crypto::randomToken(32);
    std::int64_t now = clock_.unixSeconds();
    auto s = db_.session();
    store::FlowRepository(db_, s).create(
        hashOf(id),
        {"esia-result", hashOf(browserBinding), vault_.sealText(jsonText(data), "flow"), now,
         now + settings_.flowLifetime});  // the Gosuslugi profile waits here sealed
    return id;
}

std::vector<EsiaSignIn::Choice> EsiaSignIn::describe(const std::vector<std::int64_t>& accountIds) {
    auto s = db_.session();
    store::AccountRepository accounts(db_, s);
    std::vector<Choice> out;
    for (auto id : accountIds)
        if (auto p = accounts.profile(id))
            out.push_back({id, p->organizationName, domain::joinLabels(p->roles), p->name.full()});
    return out;
}

std::optional<EsiaSignIn::Result> EsiaSignIn::peek(const std::string& flowId,
                                                   const std::string& browserBinding) {
    if (flowId.empty() || flowId.size() > 100) return std::nullopt;
    auto s = db_.session();
    auto flow = store::FlowRepository(db_, s).find(hashOf(flowId));
    if (!flow || flow->kind != "esia-result" || flow->expiresAt < clock_.unixSeconds() ||
        !crypto::constantTimeEquals(flow->browserHash, hashOf(browserBinding)))
        return std::nullopt;
    auto opened = vault_.openText(flow->data, "flow");
    if (!opened) return std::nullopt;
    auto data = parseJsonText(*opened);
    Result r{Outcome::NotFound};
    r.flowId = flowId;
    r.identity = identityFromJson(data->getObject("identity"));
    r.role = domain::parsePortalRole(jsonField(data, "role")).value_or(domain::PortalRole::Staff);
    std::vector<std::int64_t> ids;
    auto choices = data->getArray("choices");
    for (std::size_t i = 0; i < choices->size(); ++i)
        ids.push_back(choices->getElement<std::int64_t>(static_cast<unsigned>(i)));
    r.choices = describe(ids);
    if (!ids.empty()) r.outcome = Outcome::ChooseUser;
    return r;
}

EsiaSignIn::Result EsiaSignIn::choose(const std::string& flowId, std::int64_t accountId,
                                      const std::string& browserBinding,
                                      const std::string& clientAddress) {
    auto current = peek(flowId, browserBinding);
    if (!current || current->outcome != Outcome::ChooseUser) return result(Outcome::Expired);
    bool offered = std::any_of(current->choices.begin(), current->choices.end(),
                               [&](const Choice& c) { return c.accountId == accountId; });
    if (!offered) return result(Outcome::Conflict, "Выберите пользователя из списка.");
    auto s = db_.session();
    auto flow = store::FlowRepository(db_, s).take(hashOf(flowId));
    if (!flow) return result(Outcome::Expired);
    bool justLinked = parseJsonText(vault_.openText(flow->data, "flow").value_or("{}"))
                          ->optValue<bool>("linkOnChoice", false);
    audit("esia.signin", accountId, current->identity.oid, clientAddress, "ok");
    Result r{Outcome::SignedIn};
    r.accountId = accountId;
    r.identity = current->identity;
    if (justLinked) r.message = "Пользователь успешно привязан к учетной записи портала Госуслуг";
    return r;
}

EsiaSignIn::Result EsiaSignIn::linkWithPassword(const std::string& flowId,
                                                std::int64_t organizationId,
                                                const std::string& login,
                                                const std::string& password,
                                                const std::string& browserBinding,
                                                const std::string& clientAddress) {
    auto current = peek(flowId, browserBinding);
    if (!current) return result(Outcome::Expired);
    auto s = db_.session();
    // Taken for the attempt, so two parallel attempts cannot both link; put back when the
    // person may try again.
    auto flow = store::FlowRepository(db_, s).take(hashOf(flowId));
    if (!flow) return result(Outcome::Expired);
    auto putBack = [&] { store::FlowRepository(db_, s).create(hashOf(flowId), *flow); };
    auto role =
        domain::parsePortalRole(
            jsonField(parseJsonText(vault_.openText(flow->data, "flow").value_or("{}")), "role"))
            .value_or(domain::PortalRole::Staff);
    auto check = credentials_.run(organizationId, login, password, clientAddress);
    if (check.verdict == CredentialCheck::Verdict::Throttled) {
        putBack();
        Result r = result(Outcome::Throttled);
        r.wait = check.wait;
        return r;
    }
    if (check.verdict == CredentialCheck::Verdict::Rejected) {
        putBack();
        audit("esia.link", check.account ? check.account->id : 0, current->identity.oid,
              clientAddress, "wrong_password");
        return result(Outcome::WrongPassword);
    }
    if (check.verdict == CredentialCheck::Verdict::TemporaryExpired) {
        putBack();
        return result(Outcome::Conflict,
                      "Срок действия временного пароля истёк. Обратитесь в образовательную "
                      "организацию за новым паролем.");
    }
    const auto& account = *check.account;
    if (!domain::covers(role, account.roles)) {
        putBack();
        return result(Outcome::Conflict, std::string("Логин и пароль нужно ввести от роли «") +
                                             domain::label(role) + "», выбранной при входе.");
    }
    if (!linking_.allows(account.roles,
                         domain::CalendarDate::fromUnixSeconds(clock_.unixSeconds()))) {
        audit("esia.link", account.id, current->identity.oid, clientAddress, "cut_off");
        return result(Outcome::CutOff);
    }
    store::EsiaLinkRepository links(db_, s);
    store::AccountRepository accounts(db_, s);
    if (auto existing = links.linkedOid(account.id);
        existing && *existing != current->identity.oid) {
        putBack();
        return result(Outcome::Conflict,
                      "Эта учётная запись уже связана с другой учётной записью портала Госуслуг.");
    }
    for (auto other : links.accountsLinkedTo(current->identity.oid)) {
        auto o = accounts.byId(other);
        if (o && other != account.id && o->organizationId == account.organizationId &&
            domain::covers(role, o->roles)) {
            putBack();
            return result(Outcome::Conflict,
                          "С этой учётной записью Госуслуг уже связан другой пользователь этой "
                          "организации с той же ролью.");
        }
    }
    links.link(current->identity.oid, account.id, "password", clock_.unixSeconds());
    audit("esia.link", account.id, current->identity.oid, clientAddress, "password");
    Result r{Outcome::SignedIn};
    r.accountId = account.id;
    r.identity = current->identity;
    r.message = "Пользователь успешно привязан к учетной записи портала Госуслуг";
    return r;
}

EsiaSignIn::Result EsiaSignIn::linkFromSettings(const esia::EsiaIdentity& who,
                                                std::int64_t accountId,
                                                const std::string& clientAddress) {
    auto s = db_.session();
    store::EsiaLinkRepository links(db_, s);
    store::AccountRepository accounts(db_, s);
    auto account = accounts.byId(accountId);
    Result r{Outcome::Linked};
    r.identity = who;
    r.accountId = accountId;
    if (!account) return result(Outcome::Expired);
    if (!who.trusted) {
        r.outcome = Outcome::Unconfirmed;
        return r;
    }
    if (!linking_.allows(account->roles,
                         domain::CalendarDate::fromUnixSeconds(clock_.unixSeconds()))) {
        audit("esia.link", accountId, who.oid, clientAddress, "cut_off");
        r.outcome = Outcome::CutOff;
        return r;
    }
    if (auto existing = links.linkedOid(accountId)) {
        if (*existing == who.oid) return r;
        r.outcome = Outcome::Conflict;
        r.message = "Эта учётная запись уже связана с другой учётной записью портала Госуслуг.";
        return r;
    }
    for (auto other : links.accountsLinkedTo(who.oid)) {
        auto o = accounts.byId(other);
        bool sameRole = o && std::any_of(o->roles.begin(), o->roles.end(), [&](domain::Role x) {
                            return account->roles.count(x) > 0;
                        });
        if (o && o->organizationId == account->organizationId && sameRole) {
            r.outcome = Outcome::Conflict;
            r.message =
                "С этой учётной записью Госуслуг уже связан другой пользователь этой "
                "организации с той же ролью.";
            return r;
        }
    }
    links.link(who.oid, accountId, "settings", clock_.unixSeconds());
    audit("esia.link", accountId, who.oid, clientAddress, "settings");
    r.message = "Пользователь успешно привязан к учетной записи портала Госуслуг";
    return r;
}

void EsiaSignIn::unlink(std::int64_t accountId, const std::string& clientAddress) {
    auto s = db_.session();
    auto oid = store::EsiaLinkRepository(db_, s).linkedOid(accountId);
    if (store::EsiaLinkRepository(db_, s).unlink(accountId))
        audit("esia.unlink", accountId, oid.value_or(0), clientAddress, "ok");
}

void EsiaSignIn::audit(const std::string& action, std::int64_t accountId, std::int64_t oid,
                       const std::string& clientAddress, const std::string& outcome) {
    auto s = db_.session();
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
