#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/ClientAuthentication.h"
#include "sim/TokenMinter.h"

namespace netcity::sim {

// One person's way through the emulator's pages for one authorization request.
struct LoginFlow {
    enum class Stage { Login, SmsCode, Consent };

    std::string id;
    Generation generation = Generation::V2;
    std::string clientId, redirectUri, scope, scopeOrg, state, nonce;
    Stage stage = Stage::Login;
    std::int64_t createdAt = 0;
    std::int64_t oid = 0;
    std::string smsCode;
    int smsAttempts = 0;
    int passwordAttempts = 0;
};

struct SmsMessage {
    std::int64_t at;
    std::int64_t oid;
    std::string phone, code;
};

// Everything the emulator remembers between requests, in memory: flows (10 min), codes
// (single use, 5 min), refresh tokens (single use), consents, sign-in sessions (SSO), the
// last SMS messages for the developer page, and recently seen authorization requests (to
// refuse replays).
class SimState {
  public:
    static constexpr std::int64_t kFlowLifetime = 600;
    static constexpr std::int64_t kCodeLifetime = 300;
    static constexpr std::int64_t kSsoLifetime = 3600;
    static constexpr std::int64_t kRefreshLifetime = 30 * 24 * 3600;

    std::string startFlow(LoginFlow flow, std::int64_t now);
    std::optional<LoginFlow> flow(const std::string& id, std::int64_t now);
    void updateFlow(const LoginFlow& flow);
    void endFlow(const std::string& id);

    std::string issueCode(const Grant& grant, Generation generation, std::int64_t now);
    // The grant of an unused, unexpired code; a second use fails and revokes what the first
    // use obtained (RFC 6749 §4.1.2).
    std::optional<Grant> redeemCode(const std::string& code, std::int64_t now);

    std::string issueRefreshToken(const Grant& grant, std::int64_t now);
    std::optional<Grant> redeemRefreshToken(const std::string& token, std::int64_t now);

    bool consented(std::int64_t oid, const std::string& clientId, const std::string& scope);
    void rememberConsent(std::int64_t oid, const std::string& clientId, const std::string& scope);

    std::string startSso(std::int64_t oid, std::int64_t now);
    std::optional<std::int64_t> ssoPerson(const std::string& id, std::int64_t now);
    void endSso(const std::string& id);

    // False when the same signed request was already seen within its validity window.
    bool firstUseOfRequest(const std::string& fingerprint, std::int64_t now);

    void recordSms(const SmsMessage& message);
    std::vector<SmsMessage> recentSms();

  private:
    struct StoredCode {
        Grant grant;
        std::int64_t createdAt;
        bool used = false;
        std::string refreshIssued;
    };
    struct StoredRefresh {
        Grant grant;
        std::int64_t createdAt;
    };
    void purge(std::int64_t now);

    std::mutex mutex_;
    std::map<std::string, LoginFlow> flows_;
    std::map<std::string, StoredCode> codes_;
    std::map<std::string, StoredRefresh> refresh_;
    std::map<std::string, std::set<std::string>> consents_;             // oid|client -> scopes
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> sso_;  // id -> oid, since
    std::map<std::string, std::int64_t> seenRequests_;
    std::deque<SmsMessage> sms_;
    std::int64_t lastPurge_ = 0;
};

}  // namespace netcity::sim
