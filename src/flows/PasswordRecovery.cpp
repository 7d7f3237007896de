#include "flows/PasswordRecovery.h"

#include <Poco/Data/Transaction.h>
#include <Poco/JSON/Object.h>

#include "crypto/Bytes.h"
#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "domain/ControlQuestion.h"
#include "domain/EmailAddress.h"
#include "domain/NewPassword.h"
#include "domain/Utf8Text.h"
#include "flows/EsiaIdentityJson.h"
#include "flows/webapi/LegacyVerifiers.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/FlowRepository.h"
#include "store/MailOutbox.h"
#include "store/RecoveryAnswers.h"
#include "store/RecoveryRequests.h"

namespace netcity::flows {
namespace {

constexpr const char* kKind = "recovery";

std::string hashOf(const std::string& token) {
    return crypto::toHex(crypto::sha256(token));
}

bool plausibleToken(const std::string& token) {
    return token.size() == 43;  // 32 random bytes, base64url
}

}  // namespace

void PasswordRecovery::request(const std::string& email, const std::string& clientAddress,
                               const std::function<void(const Request&)>& answer) {
    auto r = queue(email, clientAddress);
    answer(r);
    if (r.outcome == Outcome::Sent && requestQueued_) requestQueued_();
}

PasswordRecovery::Request PasswordRecovery::queue(const std::string& email,
                                                  const std::string& clientAddress) {
    auto address = domain::EmailAddress::parse(email);
    if (!address) return {Outcome::BadEmail, {}};
    std::string key = "recover:" + domain::lowerCase(address->text());
    auto steady = clock_.steady();
    if (auto wait = throttle_.waitFor(key, clientAddress, steady); wait.count() > 0)
        return {Outcome::Throttled, wait};
    throttle_.recordFailure(key, clientAddress, steady);  // every request counts: it sends mail
    // The queue store: this write never waits for a transaction of the worker's, whose length
    // depends on whether the last address asked for was on file (issue #17).
    auto& queueStore = db_.queueStore();
    auto s = queueStore.session();
    store::RecoveryRequests(queueStore, s)
        .add({0, crypto::randomToken(16), address->text(), clientAddress, clock_.unixSeconds()});
    return {Outcome::Sent, {}};
}

PasswordRecovery::QueueStep PasswordRecovery::answerNextRequest() {
    auto& queueStore = db_.queueStore();
    std::optional<store::RecoveryRequest> request;
    {
        auto s = queueStore.session();
        request = store::RecoveryRequests(queueStore, s).oldest();
    }
    if (!request) return QueueStep::Empty;
    bool answered = writeAnswer(*request);
    // Off the queue only once its answer is committed: a node stopping in between leaves the
    // request queued, and its recorded key stops the next pass from answering it again.
    auto s = queueStore.session();
    store::RecoveryRequests(queueStore, s).remove(request->id);
    return answered ? QueueStep::Answered : QueueStep::TakenElsewhere;
}

bool PasswordRecovery::writeAnswer(const store::RecoveryRequest& request) {
    auto s = db_.session();
    // Reads and letters before the write lock: whatever else writes meanwhile waits for the
    // lock only as long as the writes below take.
    auto links = linksFor(s, request.email);
    std::int64_t at = clock_.unixSeconds();
    store::Transaction tx(db_, s);
    if (!store::RecoveryAnswers(db_, s).record(request.key, at)) return false;
    store::AuditLog audit(db_, s);
    if (links.empty())
        audit.record({at, std::nullopt, "password.recover.request", "", request.clientAddress,
                      "no_account"});
    for (const auto& link : links) {
        Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
        data->set("account", link.accountId);
        data->set("attempts", 0);
        store::FlowRepository(db_, s).create(
            hashOf(link.token),
            {kKind, "", jsonText(data), at, at + settings_.linkLifetime, link.accountId});
        store::MailOutbox(db_, s).enqueue(link.letter, link.organizationId, at);
        audit.record({at, std::nullopt, "password.recover.request",
                      "account:" + std::to_string(link.accountId), request.clientAddress, "sent",
                      link.organizationId});
    }
    tx.commit();
    if (!links.empty() && mailQueued_) mailQueued_();
    return true;
}

std::vector<PasswordRecovery::Link> PasswordRecovery::linksFor(Poco::Data::Session& s,
                                                               const std::string& email) {
    store::AccountRepository accounts(db_, s);
    std::vector<Link> links;
    for (auto id : accounts.activeByEmail(email, settings_.maxAccountsPerEmail)) {
        auto profile = accounts.profile(id);
        if (!profile) continue;
        std::string token = crypto::randomToken(32);
        auto letter = letters_.passwordRecovery(
            email, {profile->name.full(), profile->login, profile->organizationName,
                    settings_.resetUrl + token, static_cast<int>(settings_.linkLifetime / 60)});
        links.push_back({id, profile->organizationId, std::move(token), std::move(letter)});
    }
    return links;
}

std::optional<std::int64_t> PasswordRecovery::accountOf(const std::string& token) {
    if (!plausibleToken(token)) return std::nullopt;
    auto s = db_.session();
    auto flow = store::FlowRepository(db_, s).find(hashOf(token));
    if (!flow || flow->kind != kKind || flow->expiresAt < clock_.unixSeconds()) return std::nullopt;
    return parseJsonText(flow->data)->getValue<std::int64_t>("account");
}

std::optional<PasswordRecovery::Opened> PasswordRecovery::open(const std::string& token) {
    auto account = accountOf(token);
    if (!account) return std::nullopt;
    auto s = db_.session();
    store::AccountRepository accounts(db_, s);
    auto profile = accounts.profile(*account);
    if (!profile) return std::nullopt;
    Opened o{profile->login, profile->organizationName, profile->name.full(), ""};
    if (auto q = accounts.controlQuestion(*account)) o.question = q->first;
    return o;
}

PasswordRecovery::Reset PasswordRecovery::reset(const std::string& token, const std::string& answer,
                                                const std::string& newPassword,
                                                const std::string& repeat,
                                                const std::string& clientAddress) {
    if (!accountOf(token)) return {ResetOutcome::Expired, {}, 0};
    auto problem = domain::checkNewPassword(newPassword, repeat);
    if (problem != domain::NewPasswordProblem::None)
        return {ResetOutcome::BadPassword, domain::describe(problem), 0};
    // Taken for the attempt: parallel guesses at the control question cannot share one
    // attempt, and two tabs cannot both set a password. Put back after a wrong answer.
    std::optional<store::StoredFlow> flow;
    {
        auto s = db_.session();
        flow = store::FlowRepository(db_, s).take(hashOf(token));
    }
    if (!flow || flow->kind != kKind || flow->expiresAt < clock_.unixSeconds())
        return {ResetOutcome::Expired, {}, 0};
    auto data = parseJsonText(flow->data);
    auto account = data->getValue<std::int64_t>("account");
    int attempts = data->getValue<int>("attempts");
    std::string subject = "account:" + std::to_string(account);
    std::optional<std::pair<std::string, std::string>> question;
    {
        auto s = db_.session();
        question = store::AccountRepository(db_, s).controlQuestion(account);
    }
    if (question && !hasher_.verify(question->second, domain::normalizeControlAnswer(answer))) {
        auto s = db_.session();
        ++attempts;
        if (attempts < settings_.maxAnswerAttempts) {
            data->set("attempts", attempts);
            flow->data = jsonText(data);
            store::FlowRepository(db_, s).create(hashOf(token), *flow);
        }
        store::AuditLog(db_, s).record({clock_.unixSeconds(), std::nullopt, "password.recover",
                                        subject, clientAddress, "wrong_answer"});
        if (attempts >= settings_.maxAnswerAttempts) return {ResetOutcome::Expired, {}, 0};
        return {ResetOutcome::WrongAnswer, {}, settings_.maxAnswerAttempts - attempts};
    }
    auto hash = hasher_.hash(newPassword);
    auto s = db_.session();
    store::Transaction tx(db_, s);
    store::AccountRepository(db_, s).setPasswordHash(account, hash, false);
    if (verifiers_) verifiers_->remember(s, account, newPassword);
    // Older letters' links of this account end too.
    store::FlowRepository(db_, s).removeOfAccount(kKind, account);
    store::AuditLog(db_, s).record(
        {clock_.unixSeconds(), std::nullopt, "password.recover", subject, clientAddress, "ok"});
    sessions_.endOthers(s, account, "");
    tx.commit();
    return {ResetOutcome::Done, {}, 0};
}

}  // namespace netcity::flows
