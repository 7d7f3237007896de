// OidcClient's own checks against a real (tiny) HTTP peer that serves only discovery; the
// whole flow against npm's oidc-provider is tests/e2e/oidc.test.js.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include "crypto/Bytes.h"
#include "crypto/Hmac.h"
#include "esia/OidcClient.h"
#include "http/HttpServer.h"

using namespace netcity;

namespace {

class Discovery : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Discovery(std::string issuer) : issuer_(std::move(issuer)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        struct Handler : Poco::Net::HTTPRequestHandler {
            std::string issuer;
            void handleRequest(Poco::Net::HTTPServerRequest& req,
                               Poco::Net::HTTPServerResponse& res) override {
                if (req.getURI() != "/.well-known/openid-configuration") {
                    res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
                    res.send();
                    return;
                }
                res.setContentType("application/json");
                res.send() << "{\"issuer\":\"" << issuer << "\",\"authorization_endpoint\":\""
                           << issuer << "/auth\",\"token_endpoint\":\"" << issuer
                           << "/token\",\"jwks_uri\":\"" << issuer << "/jwks\"}";
            }
        };
        auto* h = new Handler;
        h->issuer = issuer_;
        return h;
    }
    std::string issuer_;
};

struct Peer {
    explicit Peer(bool lie = false) {
        auto socket = http::HttpServer::bind({});
        url = "http://127.0.0.1:" + std::to_string(socket.address().port());
        server =
            std::make_unique<http::HttpServer>(Poco::Net::HTTPRequestHandlerFactory::Ptr(
                                                   new Discovery(lie ? "http://other.test" : url)),
                                               std::move(socket), http::HttpServerSettings{});
    }
    std::string url;
    std::unique_ptr<http::HttpServer> server;
};

esia::OidcClient clientFor(const std::string& issuer) {
    esia::OidcClientSettings s;
    s.issuer = issuer;
    s.clientId = "netcity";
    s.clientSecret = "secret";
    s.timeout = std::chrono::seconds(2);
    return esia::OidcClient(s);
}

}  // namespace

TEST(OidcClient, AuthorizationUsesPkceS256AndTheDiscoveredEndpoint) {
    Peer peer;
    auto client = clientFor(peer.url);
    std::string url =
        client.authorizationUrl("", "http://portal/esia/callback", "st", "no", "verifier-1", 0);
    EXPECT_EQ(url.rfind(peer.url + "/auth?", 0), 0u) << url;
    std::map<std::string, std::string> q;
    for (const auto& [k, v] : Poco::URI(url).getQueryParameters()) q[k] = v;
    EXPECT_EQ(q["code_challenge_method"], "S256");
    EXPECT_EQ(q["code_challenge"], crypto::base64UrlEncode(crypto::sha256("verifier-1")));
    EXPECT_EQ(q["state"], "st");
    EXPECT_EQ(q["nonce"], "no");
    EXPECT_EQ(q["client_id"], "netcity");
}

TEST(OidcClient, ACallbackNamingAnotherIssuerIsRefusedBeforeAnyTokenRequest) {
    Peer peer;
    auto client = clientFor(peer.url);
    try {
        client.signIn("code", "", "http://portal/esia/callback", "n", "v", "http://attacker.test",
                      false, 0);
        FAIL() << "accepted a mixed-up issuer";
    } catch (const esia::EsiaFailure& e) {
        EXPECT_EQ(e.kind(), esia::EsiaFailure::Kind::InvalidToken);
        EXPECT_NE(std::string(e.what()).find("another issuer"), std::string::npos);
    }
}

TEST(OidcClient, DiscoveryNamingAnotherIssuerIsRefused) {
    Peer liar(true);
    auto client = clientFor(liar.url);
    EXPECT_THROW(client.authorizationUrl("", "r", "s", "n", "v", 0), esia::EsiaFailure);
}

TEST(OidcClient, AnUnreachableProviderIsUnavailable) {
    auto client = clientFor("http://127.0.0.1:1");
    try {
        client.authorizationUrl("", "r", "s", "n", "v", 0);
        FAIL();
    } catch (const esia::EsiaFailure& e) {
        EXPECT_EQ(e.kind(), esia::EsiaFailure::Kind::Unavailable);
    }
}

TEST(OidcClient, SubjectIdsAreStablePositiveAndPerIssuer) {
    auto a = esia::OidcClient::subjectId("http://op", "alice");
    EXPECT_EQ(a, esia::OidcClient::subjectId("http://op", "alice"));
    EXPECT_GT(a, 0);
    EXPECT_NE(a, esia::OidcClient::subjectId("http://other", "alice"));
    EXPECT_NE(a, esia::OidcClient::subjectId("http://op", "bob"));
}
