#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <memory>
#include <string>

#include "crypto/Gost.h"
#include "http/HttpServer.h"
#include "sim/EsiaSimulator.h"
#include "support/HttpClient.h"

namespace netcity::testing {

// A relying party written for the tests from the spec alone: it signs its own requests.
struct TestClient {
    std::string mnemonic = "TESTIS01";
    std::string redirectUri = "http://client.test/esia/callback";
    std::unique_ptr<crypto::PrivateKey> key;
    std::unique_ptr<crypto::Certificate> certificate;
};

struct AuthorizeParams {
    sim::Generation generation = sim::Generation::V2;
    std::string scope = "openid fullname birthdate gender snils";
    std::string state;        // generated when empty
    std::string timestamp;    // now when empty
    std::string redirectUri;  // the client's when empty
    std::string responseType = "code";
    std::string nonce;
    std::string tamper;  // appended to the signed message: a wrong signature
    bool rsaStyleCms = false;
    std::map<std::string, std::string> overrides;  // replace or drop ("-") parameters
};

// The emulator on a free port with a known set of persons and one registered client.
class SimFixture {
  public:
    explicit SimFixture(bool adminApi = true, bool gostTokens = true);
    ~SimFixture();

    unsigned short port() const { return server_->port(); }
    sim::SimData& data() { return data_; }
    sim::EsiaSimulator& simulator() { return *simulator_; }
    const crypto::Certificate& signingCertificate() const { return *signingCertificate_; }
    TestClient& client() { return client_; }
    void advance(std::int64_t seconds) { now_ += seconds; }
    std::int64_t now() const { return now_; }

    // "/aas/oauth2/v2/ac?…" signed as the spec says.
    std::string authorizeUrl(AuthorizeParams params);
    // Runs the browser part: authorize → login → (SMS) → consent allow; returns the final
    // redirect Location (with code or error).
    std::string signIn(HttpClient& browser, const std::string& login, const std::string& password,
                       AuthorizeParams params = {}, bool allow = true);
    // The token request body for a code (or refresh token) as the spec's client sends it.
    std::string tokenBody(sim::Generation generation, const std::string& codeOrRefresh,
                          const std::string& scope, bool refresh = false,
                          std::map<std::string, std::string> overrides = {});

    static std::string queryParam(const std::string& url, const std::string& name);
    static Poco::JSON::Object::Ptr parseJson(const std::string& text);
    // The claims of a JWT after checking its signature against `certificate`; null if invalid.
    static Poco::JSON::Object::Ptr verifiedClaims(const std::string& jwt,
                                                  const crypto::Certificate& certificate,
                                                  std::string* header = nullptr);

    static constexpr std::int64_t kParentOid = 1000000001;
    static constexpr std::int64_t kChildOid = 1000000002;
    static constexpr std::int64_t kUnconfirmedOid = 1000000003;
    static constexpr std::int64_t kTwoFactorOid = 1000000004;

  private:
    std::int64_t now_;
    sim::SimData data_;
    TestClient client_;
    std::unique_ptr<crypto::Certificate> signingCertificate_;
    std::unique_ptr<sim::TokenMinter> minter_;
    sim::EsiaSimulator* simulator_ = nullptr;
    std::unique_ptr<http::HttpServer> server_;
};

std::string newUuid();
std::string timestampAt(std::int64_t unixSeconds, int offsetMinutes = 0);

}  // namespace netcity::testing
