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
#include "store/AccountRepository.h"
#include "store/AuditLog.h"
#include "store/FlowRepository.h"
#include "store/MailOutbox.h"

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

PasswordRecovery::Request PasswordRecovery::request(const std::string& email,
                                                    const std::string& clientAddress) {
    auto address = domain::EmailAddress::parse(email);
    if (!address) return {Outcome::BadEmail, {}};
    std::string key = "recover:" + domain::lowerCase(address->text());
    auto steady = clock_.steady();
    if (auto wait = throttle_.waitFor(key, clientAddress, steady); wait.count() > 0)
        return {Outcome::Throttled, wait};
    throttle_.recordFailure(key, clientAddress, steady);  // every request counts: it sends mail
    std::int64_t at = clock_.unixSeconds();
    auto s = db_.session();
    store::AccountRepository accounts(db_, s);
    auto ids = accounts.activeByEmail(address->text(), settings_.maxAccountsPerEmail);
    if (ids.empty())
        store::AuditLog(db_, s).record(
            {at, std::nullopt, "password.recover.request", "", clientAddress, "no_account"});
    for (auto id : ids) {
        auto profile = accounts.profile(id);
        if (!profile) continue;
        std::string token = crypto::randomToken(32);
        Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
        data->set("account", id);
        data->set("attempts", 0);
        Poco::Data::Transaction tx(s);
        store::FlowRepository(db_, s).create(
            hashOf(token), {kKind, "", jsonText(data), at, at + settings_.linkLifetime});
        store::MailOutbox(db_, s).enqueue(
            letters_.passwordRecovery(
                address->text(),
                {profile->name.full(), profile->login, profile->organizationName,
                 settings_.resetUrl + token, static_cast<int>(settings_.linkLifetime / 60)}),
            profile->organizationId, at);
        store::AuditLog(db_, s).record({at, std::nullopt, "password.recover.request",
                                        "account:" + std::to_string(id), clientAddress, "sent",
                                        profile->organizationId});
        tx.commit();
    }
    if (!ids.empty() && mailQueued_) mailQueued_();
    return {Outcome::Sent, {}};
}

std::optional<std::int64_t> PasswordRecovery::accountOf(const std::string& token, int* attempts) {
    if (!plausibleToken(token)) return std::nullopt;
    auto s = db_.session();
    auto flow = store::FlowRepository(db_, s).find(hashOf(token));
    if (!flow || flow->kind != kKind || flow->expiresAt < clock_.unixSeconds()) return std::nullopt;
    auto data = parseJsonText(flow->data);
    if (attempts) *attempts = data->getValue<int>("attempts");
    return data->getValue<std::int64_t>("account");
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
    int attempts = 0;
    auto account = accountOf(token, &attempts);
    if (!account) return {ResetOutcome::Expired, {}, 0};
    auto problem = domain::checkNewPassword(newPassword, repeat);
    if (problem != domain::NewPasswordProblem::None)
        return {ResetOutcome::BadPassword, domain::describe(problem), 0};
    std::optional<std::pair<std::string, std::string>> question;
    {
        auto s = db_.session();
        question = store::AccountRepository(db_, s).controlQuestion(*account);
    }
    std::string subject = "account:" + std::to_string(*account);
    if (question && !hasher_.verify(question->second, domain::normalizeControlAnswer(answer))) {
        auto s = db_.session();
        store::FlowRepository flows(db_, s);
        ++attempts;
        if (attempts >= settings_.maxAnswerAttempts) {
            flows.take(hashOf(token));  // the link is used up
        } else {
            Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
            data->set("account", *account);
            data->set("attempts", attempts);
            flows.update(hashOf(token), jsonText(data));
        }
        store::AuditLog(db_, s).record({clock_.unixSeconds(), std::nullopt, "password.recover",
                                        subject, clientAddress, "wrong_answer"});
        if (attempts >= settings_.maxAnswerAttempts) return {ResetOutcome::Expired, {}, 0};
        return {ResetOutcome::WrongAnswer, {}, settings_.maxAnswerAttempts - attempts};
    }
    auto hash = hasher_.hash(newPassword);
    auto s = db_.session();
    Poco::Data::Transaction tx(s);
    // Taken, not read: two tabs submitting the same link cannot both set a password.
    if (!store::FlowRepository(db_, s).take(hashOf(token))) return {ResetOutcome::Expired, {}, 0};
    store::AccountRepository(db_, s).setPasswordHash(*account, hash, false);
    store::AuditLog(db_, s).record(
        {clock_.unixSeconds(), std::nullopt, "password.recover", subject, clientAddress, "ok"});
    tx.commit();
    sessions_.endOthers(*account, "");
    return {ResetOutcome::Done, {}, 0};
}

}  // namespace netcity::flows
