// /aas/oauth2/te and /v3/te: tokens, their claims and signatures, codes, refresh, errors.
#include <gtest/gtest.h>

#include "sim/SimFixture.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;
using sim::Generation;

namespace {

class Tokens : public ::testing::Test {
  protected:
    SimFixture sim;
    HttpClient browser{sim.port()};
    std::string scope = "openid fullname birthdate gender snils";

    std::string code(Generation g = Generation::V2, const std::string& nonce = "") {
        AuthorizeParams p;
        p.generation = g;
        p.scope = scope;
        p.nonce = nonce;
        return SimFixture::queryParam(sim.signIn(browser, "orlova@example.org", "Parol-1", p),
                                      "code");
    }
    HttpClient::Response exchange(Generation g, const std::string& body) {
        return browser.post(g == Generation::V2 ? "/aas/oauth2/v3/te" : "/aas/oauth2/te", body);
    }
    std::string errorCode(const HttpClient::Response& res) {
        auto json = SimFixture::parseJson(res.body);
        return json->getValue<std::string>("error") + "|" +
               json->getValue<std::string>("error_description").substr(0, 11);
    }
};

}  // namespace

TEST_F(Tokens, Generation2CodeGivesGostSignedTokensWithTheSpecClaims) {
    std::string c = code(Generation::V2, "n-0S6_WzA2Mj");
    ASSERT_FALSE(c.empty());
    std::string body = sim.tokenBody(Generation::V2, c, scope);
    auto res = exchange(Generation::V2, body);
    ASSERT_EQ(res.status, 200) << res.body;
    auto json = SimFixture::parseJson(res.body);
    EXPECT_EQ(json->getValue<int>("expires_in"), 3600);
    EXPECT_EQ(json->getValue<std::string>("token_type"), "Bearer");
    // the state of the token request, not the authorization's
    EXPECT_TRUE(contains(body, "state=" + json->getValue<std::string>("state")));
    EXPECT_FALSE(json->getValue<std::string>("refresh_token").empty());

    std::string header;
    auto access = SimFixture::verifiedClaims(json->getValue<std::string>("access_token"),
                                             sim.signingCertificate(), &header);
    ASSERT_TRUE(access);
    EXPECT_TRUE(contains(header, "\"alg\":\"GOST3410_2012_256\""));
    EXPECT_TRUE(contains(header, "\"sbt\":\"access\""));
    EXPECT_EQ(access->getValue<std::int64_t>("urn:esia:sbj_id"), SimFixture::kParentOid);
    EXPECT_TRUE(access->get("urn:esia:sbj_id").isInteger());  // a number, as real ESIA sends
    EXPECT_EQ(access->getValue<std::string>("client_id"), "TESTIS01");
    EXPECT_EQ(access->getValue<std::string>("iss"), "http://esia-sim.test/");
    EXPECT_EQ(access->getValue<std::int64_t>("exp") - access->getValue<std::int64_t>("iat"), 3600);
    EXPECT_EQ(access->getValue<std::string>("scope"),
              "openid fullname?oid=1000000001 birthdate?oid=1000000001 gender?oid=1000000001 "
              "snils?oid=1000000001");
    EXPECT_EQ(access->getValue<std::string>("urn:esia:sid").size(), 64u);
    EXPECT_FALSE(access->has("aud"));

    auto id = SimFixture::verifiedClaims(json->getValue<std::string>("id_token"),
                                         sim.signingCertificate(), &header);
    ASSERT_TRUE(id);
    EXPECT_EQ(id->getValue<std::string>("aud"), "TESTIS01");
    EXPECT_EQ(id->getValue<std::int64_t>("sub"), SimFixture::kParentOid);
    EXPECT_EQ(id->getValue<std::string>("nonce"), "n-0S6_WzA2Mj");
    auto sbj = id->getObject("urn:esia:sbj");
    EXPECT_EQ(sbj->getValue<std::string>("urn:esia:sbj:typ"), "P");
    EXPECT_TRUE(sbj->getValue<bool>("urn:esia:sbj:is_tru"));
    EXPECT_EQ(sbj->getValue<std::string>("urn:esia:sbj:lvl"), "PR");
    EXPECT_EQ(sbj->getValue<std::string>("urn:esia:sbj:nam"), "OID.1000000001");
}

TEST_F(Tokens, Generation1WithCms) {
    std::string c = code(Generation::V1);
    auto res = exchange(Generation::V1, sim.tokenBody(Generation::V1, c, scope));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_TRUE(SimFixture::verifiedClaims(
        SimFixture::parseJson(res.body)->getValue<std::string>("access_token"),
        sim.signingCertificate()));
}

TEST_F(Tokens, UnconfirmedAccountsHaveNoIsTru) {
    AuthorizeParams p;
    auto location = sim.signIn(browser, "petrova@example.org", "Parol-3", p);
    auto res =
        exchange(Generation::V2,
                 sim.tokenBody(Generation::V2, SimFixture::queryParam(location, "code"), p.scope));
    auto id = SimFixture::verifiedClaims(
        SimFixture::parseJson(res.body)->getValue<std::string>("id_token"),
        sim.signingCertificate());
    ASSERT_TRUE(id);
    EXPECT_FALSE(id->getObject("urn:esia:sbj")->has("urn:esia:sbj:is_tru"));
    EXPECT_EQ(id->getObject("urn:esia:sbj")->getValue<std::string>("urn:esia:sbj:lvl"), "P");
}

TEST_F(Tokens, ACodeWorksOnceAndItsReplayRevokesTheRefreshToken) {
    std::string c = code();
    auto first = exchange(Generation::V2, sim.tokenBody(Generation::V2, c, scope));
    ASSERT_EQ(first.status, 200);
    auto replay = exchange(Generation::V2, sim.tokenBody(Generation::V2, c, scope));
    EXPECT_EQ(replay.status, 400);
    EXPECT_EQ(errorCode(replay), "invalid_grant|ESIA-007011");
    std::string refresh = SimFixture::parseJson(first.body)->getValue<std::string>("refresh_token");
    auto refreshed = exchange(Generation::V2, sim.tokenBody(Generation::V2, refresh, scope, true));
    EXPECT_EQ(refreshed.status, 400);
}

TEST_F(Tokens, CodesAreBoundToRedirectUriScopeAndTime) {
    auto wrongRedirect =
        exchange(Generation::V2, sim.tokenBody(Generation::V2, code(), scope, false,
                                               {{"redirect_uri", "http://client.test/other"}}));
    EXPECT_EQ(errorCode(wrongRedirect), "invalid_grant|ESIA-007011");
    auto wrongScope = exchange(Generation::V2,
                               sim.tokenBody(Generation::V2, code(), "openid fullname snils inn"));
    EXPECT_EQ(errorCode(wrongScope), "invalid_grant|ESIA-007011");
    std::string late = code();
    sim.advance(301);
    EXPECT_EQ(errorCode(exchange(Generation::V2, sim.tokenBody(Generation::V2, late, scope))),
              "invalid_grant|ESIA-007011");
    EXPECT_EQ(
        errorCode(exchange(Generation::V2, sim.tokenBody(Generation::V2, "made-up-code", scope))),
        "invalid_grant|ESIA-007011");
}

TEST_F(Tokens, RefreshTokensRotate) {
    auto first = exchange(Generation::V2, sim.tokenBody(Generation::V2, code(), scope));
    std::string refresh = SimFixture::parseJson(first.body)->getValue<std::string>("refresh_token");
    auto second = exchange(Generation::V2, sim.tokenBody(Generation::V2, refresh, scope, true));
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_NE(SimFixture::parseJson(second.body)->getValue<std::string>("refresh_token"), refresh);
    EXPECT_EQ(exchange(Generation::V2, sim.tokenBody(Generation::V2, refresh, scope, true)).status,
              400);
}

TEST_F(Tokens, ClientAuthenticationAndRequestErrors) {
    std::string c = code();
    auto badHash = exchange(Generation::V2,
                            sim.tokenBody(Generation::V2, c, scope, false,
                                          {{"client_certificate_hash", std::string(64, 'B')}}));
    EXPECT_EQ(badHash.status, 401);
    EXPECT_EQ(errorCode(badHash), "invalid_client|ESIA-007053");
    auto forged = exchange(
        Generation::V2,
        sim.tokenBody(Generation::V2, c, scope, false, {{"client_secret", std::string(86, 'A')}}));
    EXPECT_EQ(errorCode(forged), "invalid_client|ESIA-007053");
    auto noCode =
        exchange(Generation::V2, sim.tokenBody(Generation::V2, c, scope, false, {{"code", "-"}}));
    EXPECT_EQ(errorCode(noCode), "invalid_request|ESIA-007014");
    auto grant = exchange(Generation::V2, sim.tokenBody(Generation::V2, c, scope, false,
                                                        {{"grant_type", "password"}}));
    EXPECT_EQ(errorCode(grant), "unsupported_grant_type|ESIA-007009");
    auto old =
        exchange(Generation::V2, sim.tokenBody(Generation::V2, c, scope, false,
                                               {{"timestamp", timestampAt(sim.now() - 7200)}}));
    EXPECT_EQ(errorCode(old), "invalid_request|ESIA-007015");
    auto unknown = exchange(Generation::V2, sim.tokenBody(Generation::V2, c, scope, false,
                                                          {{"client_id", "NOSUCH01"}}));
    EXPECT_EQ(errorCode(unknown), "invalid_client|ESIA-007002");
    // none of the failures used the code up
    EXPECT_EQ(exchange(Generation::V2, sim.tokenBody(Generation::V2, c, scope)).status, 200);
}

TEST_F(Tokens, BadBodiesAreJsonErrors) {
    auto huge = browser.post("/aas/oauth2/v3/te", "code=" + std::string(40000, 'x'));
    EXPECT_EQ(huge.status, 413);
    EXPECT_TRUE(contains(huge.contentType, "application/json"));
    auto utf = browser.post("/aas/oauth2/v3/te", "client_id=%C3%28");
    EXPECT_EQ(utf.status, 400);
    EXPECT_TRUE(contains(utf.contentType, "application/json"));
    EXPECT_EQ(browser.post("/aas/oauth2/v3/te", "{}", "application/json").status, 415);
}

TEST(TokensRs256, OldClientsGetRs256) {
    SimFixture sim(true, false);
    HttpClient browser(sim.port());
    AuthorizeParams p;
    auto c =
        SimFixture::queryParam(sim.signIn(browser, "orlova@example.org", "Parol-1", p), "code");
    auto res = browser.post("/aas/oauth2/v3/te", sim.tokenBody(Generation::V2, c, p.scope));
    std::string header;
    auto claims = SimFixture::verifiedClaims(
        SimFixture::parseJson(res.body)->getValue<std::string>("access_token"),
        sim.signingCertificate(), &header);
    ASSERT_TRUE(claims);
    EXPECT_TRUE(contains(header, "\"alg\":\"RS256\""));
}
