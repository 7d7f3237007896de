#include "flows/webapi/WebApiSignIn.h"

#include "crypto/Bytes.h"
#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "crypto/SgoChallenge.h"
#include "domain/Utf8Text.h"
#include "flows/PasswordSignIn.h"
#include "store/AuditLog.h"

namespace netcity::flows::webapi {
namespace {

// A uniform number in [low, high) from the system's random source.
std::uint64_t randomBetween(std::uint64_t low, std::uint64_t high) {
    std::uint64_t span = high - low, limit = UINT64_MAX - UINT64_MAX % span, value;
    do {
        auto bytes = crypto::randomBytes(8);
        value = 0;
        for (unsigned char b : bytes) value = value << 8 | b;
    } while (value >= limit);
    return low + value % span;
}

WebApiSignIn::Outcome outcomeOf(PasswordSignIn::Outcome o) {
    using In = PasswordSignIn::Outcome;
    using Out = WebApiSignIn::Outcome;
    switch (o) {
        case In::SignedIn:
            return Out::SignedIn;
        case In::MustChangePassword:
            return Out::MustChangePassword;
        case In::Rejected:
            return Out::Rejected;
        case In::Throttled:
            return Out::Throttled;
        case In::PolicyClosed:
            return Out::PolicyClosed;
        case In::StaffOnly:
            return Out::StaffOnly;
        case In::TemporaryExpired:
            return Out::TemporaryExpired;
    }
    return Out::Rejected;
}

}  // namespace

std::string WebApiSignIn::cookieHash(const std::string& cookie) {
    return crypto::toHex(crypto::sha256("webapi-cookie\n" + cookie));
}

store::webapi::LoginChallenge WebApiSignIn::issue(const std::string& cookie) {
    auto s = db_.session();
    store::webapi::LoginChallenges repo(db_, s);
    std::int64_t now = clock_.unixSeconds();
    repo.removeExpired(now);
    for (;;) {
        // The ranges real servers draw from (sgo-real-api.md §2.2).
        std::uint64_t lt = randomBetween(536427369, 1124081690), ver = randomBetween(0, 897695341);
        store::webapi::LoginChallenge c{std::to_string(lt), std::to_string(ver),
                                        crypto::saltOf(lt, ver)};
        if (repo.add(cookieHash(cookie), c, now + kChallengeSeconds)) return c;
    }
}

WebApiSignIn::Result WebApiSignIn::refuse(const Attempt& a, Outcome outcome,
                                          const char* auditOutcome) {
    auto s = db_.session();
    store::AuditLog(db_, s).record({clock_.unixSeconds(), std::nullopt, "login.webapi",
                                    "organization:" + std::to_string(a.organizationId),
                                    a.clientAddress, auditOutcome});
    return {outcome, 0, {}, {}};
}

WebApiSignIn::Result WebApiSignIn::signIn(const Attempt& a) {
    if (!verifiers_.enabled()) return refuse(a, Outcome::Closed, "webapi_closed");
    std::optional<store::webapi::LoginChallenge> challenge;
    if (!a.cookie.empty() && !a.lt.empty()) {
        auto s = db_.session();
        challenge = store::webapi::LoginChallenges(db_, s).take(cookieHash(a.cookie), a.lt,
                                                                clock_.unixSeconds());
    }
    if (!challenge || challenge->ver != a.ver)
        return refuse(a, Outcome::Rejected, "challenge_invalid");

    std::string answer = domain::lowerCase(a.answer);
    std::string salt = challenge->salt;
    CredentialCheck::Proof proof{
        [&](const store::Account& account) {
            auto verifier = verifiers_.verifierOf(account.id);
            std::string expected = crypto::challengeAnswer(salt, verifier.value_or(""));
            return verifier && crypto::constantTimeEquals(expected, answer);
        },
        [&] { crypto::constantTimeEquals(crypto::challengeAnswer(salt, ""), answer); }};
    auto result = PasswordSignIn(db_, hasher_, throttle_, clock_, policy_)
                      .runProof({a.organizationId, a.login, a.clientAddress, proof});
    Outcome outcome = outcomeOf(result.outcome);
    if (outcome != Outcome::SignedIn) return {outcome, result.accountId, {}, result.wait};
    auto at = sessions_.start(result.accountId, "", store::SessionKind::WebApi);
    if (!at) return {Outcome::Rejected, result.accountId, {}, {}};  // blocked a moment ago
    return {Outcome::SignedIn, result.accountId, *at, {}};
}

std::optional<Sessions::Active> WebApiSignIn::resolve(const std::string& at) {
    if (at.empty()) return std::nullopt;
    return sessions_.resolve(at, store::SessionKind::WebApi);
}

bool WebApiSignIn::logout(const std::string& at) {
    if (!resolve(at)) return false;
    sessions_.end(at);
    return true;
}

}  // namespace netcity::flows::webapi
