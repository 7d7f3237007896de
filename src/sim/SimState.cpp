#include "sim/SimState.h"

#include "crypto/Random.h"
#include "sim/Scopes.h"

namespace netcity::sim {
namespace {

std::string consentKey(std::int64_t oid, const std::string& clientId) {
    return std::to_string(oid) + "|" + clientId;
}

}  // namespace

void SimState::purge(std::int64_t now) {
    if (now - lastPurge_ < 60) return;
    lastPurge_ = now;
    std::erase_if(flows_,
                  [&](const auto& kv) { return now - kv.second.createdAt > kFlowLifetime; });
    std::erase_if(codes_,
                  [&](const auto& kv) { return now - kv.second.createdAt > kCodeLifetime; });
    std::erase_if(refresh_,
                  [&](const auto& kv) { return now - kv.second.createdAt > kRefreshLifetime; });
    std::erase_if(sso_, [&](const auto& kv) { return now - kv.second.second > kSsoLifetime; });
    std::erase_if(seenRequests_, [&](const auto& kv) { return kv.second < now; });
}

std::string SimState::startFlow(LoginFlow flow, std::int64_t now) {
    std::lock_guard lock(mutex_);
    purge(now);
    flow.id = crypto::randomToken(24);
    flow.createdAt = now;
    flows_[flow.id] = flow;
    return flow.id;
}

std::optional<LoginFlow> SimState::flow(const std::string& id, std::int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = flows_.find(id);
    if (it == flows_.end() || now - it->second.createdAt > kFlowLifetime) return std::nullopt;
    return it->second;
}

void SimState::updateFlow(const LoginFlow& flow) {
    std::lock_guard lock(mutex_);
    if (flows_.count(flow.id)) flows_[flow.id] = flow;
}

void SimState::endFlow(const std::string& id) {
    std::lock_guard lock(mutex_);
    flows_.erase(id);
}

std::string SimState::issueCode(const Grant& grant, Generation, std::int64_t now) {
    std::lock_guard lock(mutex_);
    purge(now);
    std::string code = crypto::randomToken(48);
    codes_[code] = StoredCode{grant, now, false, {}};
    return code;
}

std::optional<Grant> SimState::redeemCode(const std::string& code, std::int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = codes_.find(code);
    if (it == codes_.end() || now - it->second.createdAt > kCodeLifetime) return std::nullopt;
    if (it->second.used) {
        refresh_.erase(it->second.refreshIssued);  // a replayed code revokes its tokens
        return std::nullopt;
    }
    it->second.used = true;
    return it->second.grant;
}

std::string SimState::issueRefreshToken(const Grant& grant, std::int64_t now) {
    std::lock_guard lock(mutex_);
    std::string token = crypto::randomToken(32);
    refresh_[token] = StoredRefresh{grant, now};
    for (auto& [code, stored] : codes_)
        if (stored.used && stored.grant.sessionId == grant.sessionId) stored.refreshIssued = token;
    return token;
}

std::optional<Grant> SimState::redeemRefreshToken(const std::string& token, std::int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = refresh_.find(token);
    if (it == refresh_.end() || now - it->second.createdAt > kRefreshLifetime) return std::nullopt;
    Grant grant = it->second.grant;
    refresh_.erase(it);  // rotation: each refresh token works once
    return grant;
}

bool SimState::consented(std::int64_t oid, const std::string& clientId, const std::string& scope) {
    std::lock_guard lock(mutex_);
    auto it = consents_.find(consentKey(oid, clientId));
    if (it == consents_.end()) return false;
    for (const auto& s : splitScopes(scope))
        if (!it->second.count(s)) return false;
    return true;
}

void SimState::rememberConsent(std::int64_t oid, const std::string& clientId,
                               const std::string& scope) {
    std::lock_guard lock(mutex_);
    auto& granted = consents_[consentKey(oid, clientId)];
    for (const auto& s : splitScopes(scope)) granted.insert(s);
}

std::string SimState::startSso(std::int64_t oid, std::int64_t now) {
    std::lock_guard lock(mutex_);
    std::string id = crypto::randomToken(32);
    sso_[id] = {oid, now};
    return id;
}

std::optional<std::int64_t> SimState::ssoPerson(const std::string& id, std::int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = sso_.find(id);
    if (it == sso_.end() || now - it->second.second > kSsoLifetime) return std::nullopt;
    return it->second.first;
}

void SimState::endSso(const std::string& id) {
    std::lock_guard lock(mutex_);
    sso_.erase(id);
}

bool SimState::firstUseOfRequest(const std::string& fingerprint, std::int64_t now) {
    std::lock_guard lock(mutex_);
    purge(now);
    auto [it, inserted] = seenRequests_.emplace(fingerprint, now + 1200);
    return inserted;
}

void SimState::recordSms(const SmsMessage& message) {
    std::lock_guard lock(mutex_);
    sms_.push_front(message);
    if (sms_.size() > 50) sms_.pop_back();
}

std::vector<SmsMessage> SimState::recentSms() {
    std::lock_guard lock(mutex_);
    return {sms_.begin(), sms_.end()};
}

}  // namespace netcity::sim
