// /aas/oauth2/ac and /v2/ac, the person's pages, and every error they answer with.
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/Hmac.h"
#include "crypto/Random.h"
#include "sim/SimFixture.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;
using sim::Generation;

namespace {

class Authorization : public ::testing::Test {
  protected:
    SimFixture sim;
    HttpClient browser{sim.port()};

    // The error a redirect carries, e.g. "access_denied|ESIA-007004".
    static std::string errorOf(const std::string& location) {
        std::string description = SimFixture::queryParam(location, "error_description");
        return SimFixture::queryParam(location, "error") + "|" + description.substr(0, 11);
    }
    std::string failWith(AuthorizeParams p) {
        auto res = browser.get(sim.authorizeUrl(p));
        EXPECT_EQ(res.status, 303);
        EXPECT_EQ(res.location.rfind(sim.client().redirectUri + "?error=", 0), 0u) << res.location;
        return errorOf(res.location);
    }
};

}  // namespace

TEST_F(Authorization, Generation2SignInEndsWithACodeAndTheState) {
    AuthorizeParams p;
    p.state = newUuid();
    auto start = browser.get(sim.authorizeUrl(p));
    ASSERT_EQ(start.status, 303);
    auto login = browser.get(start.location);
    EXPECT_TRUE(contains(login.body, "Телефон / Email / СНИЛС"));
    EXPECT_TRUE(contains(login.body, "Ведомственная система Томской области"));
    std::string flow = SimFixture::queryParam(start.location, "flow");
    auto consent =
        browser.post("/idp/login", "flow=" + flow + "&login=orlova%40example.org&password=Parol-1");
    EXPECT_EQ(consent.status, 200);
    for (const char* text : {"Предоставление прав доступа", "Проведение входа в систему",
                             "Просмотр вашей фамилии, имени и отчества", "Просмотр вашего СНИЛС",
                             "Предоставить", "Отказать"})
        EXPECT_TRUE(contains(consent.body, text)) << text;
    auto done = browser.post("/idp/consent", "flow=" + flow + "&decision=allow");
    EXPECT_EQ(done.status, 303);
    EXPECT_EQ(done.location.rfind(sim.client().redirectUri + "?code=", 0), 0u);
    EXPECT_EQ(SimFixture::queryParam(done.location, "state"), p.state);
}

TEST_F(Authorization, LoginByPhoneOrSnilsToo) {
    HttpClient other(sim.port());
    EXPECT_TRUE(contains(sim.signIn(browser, "8 (900) 555-81-57", "Parol-1"), "code="));
    EXPECT_TRUE(contains(sim.signIn(other, "112-233-445 95", "Parol-1"), "code="));
}

TEST_F(Authorization, WrongPasswordStaysOnTheLoginPage) {
    auto start = browser.get(sim.authorizeUrl({}));
    std::string flow = SimFixture::queryParam(start.location, "flow");
    browser.get(start.location);
    auto res =
        browser.post("/idp/login", "flow=" + flow + "&login=orlova%40example.org&password=nope");
    EXPECT_EQ(res.status, 401);
    EXPECT_TRUE(contains(res.body, "Неверные логин или пароль"));
    for (int i = 0; i < 5; ++i)
        browser.post("/idp/login", "flow=" + flow + "&login=orlova%40example.org&password=nope");
    auto throttled =
        browser.post("/idp/login", "flow=" + flow + "&login=orlova%40example.org&password=Parol-1");
    EXPECT_EQ(throttled.status, 429);
}

TEST_F(Authorization, RefusedConsentIsAccessDenied) {
    AuthorizeParams p;
    p.state = newUuid();
    auto location = sim.signIn(browser, "orlova@example.org", "Parol-1", p, false);
    EXPECT_EQ(errorOf(location), "access_denied|ESIA-007004");
    EXPECT_TRUE(contains(SimFixture::queryParam(location, "error_description"),
                         "The resource owner or authorization server denied the request."));
    EXPECT_EQ(SimFixture::queryParam(location, "state"), p.state);
}

TEST_F(Authorization, ConsentAndSignInAreRemembered) {
    EXPECT_TRUE(contains(sim.signIn(browser, "orlova@example.org", "Parol-1"), "code="));
    // Same browser: signed in at "Gosuslugi" and consent given, so straight back with a code.
    auto start = browser.get(sim.authorizeUrl({}));
    auto next = browser.get(start.location);
    EXPECT_EQ(next.status, 303);
    EXPECT_TRUE(contains(next.location, "code="));
    // A wider scope asks again.
    AuthorizeParams wider;
    wider.scope = "openid fullname email";
    auto again = browser.get(browser.get(sim.authorizeUrl(wider)).location);
    EXPECT_TRUE(contains(again.body, "Просмотр вашего адреса электронной почты"));
}

TEST_F(Authorization, TwoFactorAsksForTheSmsCode) {
    auto start = browser.get(sim.authorizeUrl({}));
    std::string flow = SimFixture::queryParam(start.location, "flow");
    browser.get(start.location);
    auto sms =
        browser.post("/idp/login", "flow=" + flow + "&login=%2B79001112233&password=Parol-4");
    EXPECT_TRUE(contains(sms.body, "Код подтверждения"));
    EXPECT_FALSE(contains(sms.body, "79001112233"));  // masked
    auto wrong = browser.post("/idp/sms", "flow=" + flow + "&code=000000");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_TRUE(contains(wrong.body, "Осталось попыток: 2"));
    std::string code = sim.simulator().state().recentSms().front().code;
    auto dev = browser.get("/sim/dev");
    EXPECT_TRUE(contains(dev.body, code));
    auto consent = browser.post("/idp/sms", "flow=" + flow + "&code=" + code);
    EXPECT_TRUE(contains(consent.body, "Предоставление прав доступа"));
}

TEST_F(Authorization, ThreeWrongSmsCodesEndTheFlow) {
    auto start = browser.get(sim.authorizeUrl({}));
    std::string flow = SimFixture::queryParam(start.location, "flow");
    browser.get(start.location);
    browser.post("/idp/login", "flow=" + flow + "&login=%2B79001112233&password=Parol-4");
    browser.post("/idp/sms", "flow=" + flow + "&code=1");
    browser.post("/idp/sms", "flow=" + flow + "&code=2");
    auto last = browser.post("/idp/sms", "flow=" + flow + "&code=3");
    EXPECT_EQ(last.status, 400);
    EXPECT_TRUE(contains(last.body, "три раза"));
    EXPECT_EQ(browser
                  .post("/idp/sms", "flow=" + flow +
                                        "&code=" + sim.simulator().state().recentSms().front().code)
                  .status,
              400);
}

TEST_F(Authorization, ErrorsBeforeTheRedirectUriIsKnownAreAPage) {
    AuthorizeParams unknownClient;
    unknownClient.overrides["client_id"] = "NOSUCH01";
    auto a = browser.get(sim.authorizeUrl(unknownClient));
    EXPECT_EQ(a.status, 400);
    EXPECT_TRUE(contains(a.body, "ESIA-007002"));
    AuthorizeParams foreign;
    foreign.redirectUri = "http://attacker.test/steal";
    auto b = browser.get(sim.authorizeUrl(foreign));
    EXPECT_EQ(b.status, 400);
    EXPECT_TRUE(contains(b.body, "ESIA-007023"));
    EXPECT_TRUE(b.location.empty());
    AuthorizeParams prefix;  // exact match only
    prefix.redirectUri = sim.client().redirectUri + "/../x";
    EXPECT_EQ(browser.get(sim.authorizeUrl(prefix)).status, 400);
}

TEST_F(Authorization, EachBadParameterHasItsEsiaCode) {
    AuthorizeParams noState;
    noState.overrides["state"] = "-";
    EXPECT_EQ(failWith(noState), "invalid_request|ESIA-007014");
    AuthorizeParams noScope;
    noScope.overrides["scope"] = "-";
    EXPECT_EQ(failWith(noScope), "invalid_request|ESIA-007013");
    AuthorizeParams old;
    old.timestamp = timestampAt(sim.now() - 3600);
    EXPECT_EQ(failWith(old), "invalid_request|ESIA-007015");
    AuthorizeParams garbled;
    garbled.timestamp = "yesterday";
    EXPECT_EQ(failWith(garbled), "invalid_request|ESIA-007015");
    AuthorizeParams token;
    token.responseType = "token";
    EXPECT_EQ(failWith(token), "unsupported_response_type|ESIA-007012");
    AuthorizeParams unknownScope;
    unknownScope.scope = "openid fullname superpowers";
    EXPECT_EQ(failWith(unknownScope), "invalid_scope|ESIA-007006");
    AuthorizeParams noOpenid;
    noOpenid.scope = "fullname";
    EXPECT_EQ(failWith(noOpenid), "invalid_scope|ESIA-007006");
    AuthorizeParams badState;
    badState.state = "not-a-uuid";
    EXPECT_EQ(failWith(badState), "invalid_request|ESIA-007003");
    AuthorizeParams tampered;
    tampered.tamper = "x";
    EXPECT_EQ(failWith(tampered), "invalid_client|ESIA-007053");
    AuthorizeParams otherHash;
    otherHash.overrides["client_certificate_hash"] = std::string(64, 'A');
    EXPECT_EQ(failWith(otherHash), "invalid_client|ESIA-007053");
    AuthorizeParams v1Tampered;
    v1Tampered.generation = Generation::V1;
    v1Tampered.tamper = "x";
    EXPECT_EQ(failWith(v1Tampered), "invalid_client|ESIA-007053");
}

// Spec §3.1 and §9: the hash is Streebog-256 of the certificate's DER; a hash of anything else
// (the PEM file, SHA-256 as one library's README says) is a bad client_secret, ESIA-007053.
TEST_F(Authorization, OnlyTheStreebogHashOfTheDerCertificateIsAccepted) {
    const auto& cert = *sim.client().certificate;
    std::string der = cert.der();
    auto failWith = [&](const std::string& hash) {
        AuthorizeParams p;
        p.overrides["client_certificate_hash"] = hash;
        return errorOf(browser.get(sim.authorizeUrl(p)).location);
    };
    EXPECT_EQ(failWith(crypto::toUpperHex(crypto::streebog256(cert.pem()))),
              "invalid_client|ESIA-007053");
    EXPECT_EQ(failWith(crypto::toUpperHex(crypto::sha256(der))), "invalid_client|ESIA-007053");
    auto hash = crypto::streebog256(der);  // CryptoPro's mirrored byte order is not it either
    EXPECT_EQ(failWith(crypto::toUpperHex(std::string(hash.rbegin(), hash.rend()))),
              "invalid_client|ESIA-007053");
    AuthorizeParams right;
    right.overrides["client_certificate_hash"] = crypto::toUpperHex(crypto::streebog256(der));
    EXPECT_TRUE(contains(browser.get(sim.authorizeUrl(right)).location, "/idp/login"));
}

TEST_F(Authorization, ATimestampInAnotherZoneIsFine) {
    AuthorizeParams msk;
    msk.timestamp = timestampAt(sim.now(), 180);  // "+0300", as PHP clients send it
    EXPECT_EQ(browser.get(sim.authorizeUrl(msk)).status, 303);
    EXPECT_TRUE(contains(browser.get(sim.authorizeUrl(msk)).location, "/idp/login"));
}

TEST_F(Authorization, AReplayedSignedRequestIsRefused) {
    std::string url = sim.authorizeUrl({});
    EXPECT_TRUE(contains(browser.get(url).location, "/idp/login"));
    EXPECT_EQ(errorOf(browser.get(url).location), "invalid_request|ESIA-007003");
}

TEST_F(Authorization, Generation1WithACmsSignatureMadeByTheOpensslCommandLine) {
    // The client secret comes from `openssl cms -sign`, not from our code.
    char pattern[] = "/tmp/netcity-cms-XXXXXX";
    std::filesystem::path dir = ::mkdtemp(pattern);
    std::ofstream(dir / "key.pem") << sim.client().key->pem();
    std::ofstream(dir / "cert.pem") << sim.client().certificate->pem();
    std::string state = newUuid(), timestamp = timestampAt(sim.now()), scope = "openid fullname";
    std::ofstream(dir / "msg.txt", std::ios::binary)
        << scope + timestamp + sim.client().mnemonic + state;
    std::string cmd =
        "cd " + dir.string() +
        " && openssl cms -engine gost -sign -binary -noattr -in msg.txt -signer cert.pem "
        "-inkey key.pem -md md_gost12_256 -outform DER -out sig.der 2>/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(dir / "sig.der", std::ios::binary);
    std::stringstream der;
    der << in.rdbuf();
    std::filesystem::remove_all(dir);
    // Padded base64url, as Python and Go clients send it.
    std::string secret = crypto::base64UrlEncode(der.str());
    while (secret.size() % 4) secret += "=";
    AuthorizeParams p;
    p.generation = Generation::V1;
    p.scope = scope;
    p.state = state;
    p.timestamp = timestamp;
    p.overrides["client_secret"] = secret;
    auto res = browser.get(sim.authorizeUrl(p));
    EXPECT_EQ(res.status, 303);
    EXPECT_TRUE(contains(res.location, "/idp/login")) << res.location;
}

TEST_F(Authorization, UnconfirmedAccountsAreRefusedWhereTheClientRequiresIt) {
    auto client = *sim.data().client(sim.client().mnemonic);
    client.requireTrusted = true;
    sim.data().upsertClient(client);
    auto location = sim.signIn(browser, "petrova@example.org", "Parol-3");
    EXPECT_EQ(errorOf(location), "access_denied|ESIA-007055");
}

TEST_F(Authorization, FlowsAreBoundToTheBrowserAndExpire) {
    auto start = browser.get(sim.authorizeUrl({}));
    std::string flow = SimFixture::queryParam(start.location, "flow");
    HttpClient stranger(sim.port());
    auto stolen = stranger.post("/idp/login",
                                "flow=" + flow + "&login=orlova%40example.org&password=Parol-1");
    EXPECT_EQ(stolen.status, 400);
    EXPECT_TRUE(contains(stolen.body, "начните вход заново"));
    sim.advance(601);
    auto late =
        browser.post("/idp/login", "flow=" + flow + "&login=orlova%40example.org&password=Parol-1");
    EXPECT_EQ(late.status, 400);
    EXPECT_TRUE(contains(late.body, "Время на вход истекло"));
}

TEST_F(Authorization, LogoutEndsTheSignInAndRedirectsOnlyToTheClient) {
    sim.signIn(browser, "orlova@example.org", "Parol-1");
    auto out = browser.get("/idp/ext/Logout?client_id=TESTIS01&redirect_url=" +
                           urlEncode("http://client.test/after-logout"));
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(out.location, "http://client.test/after-logout");
    auto again = browser.get(browser.get(sim.authorizeUrl({})).location);
    EXPECT_TRUE(contains(again.body, "id=\"login-form\""));  // has to sign in again
    auto open = browser.get("/idp/ext/Logout?client_id=TESTIS01&redirect_url=" +
                            urlEncode("http://attacker.test/"));
    EXPECT_EQ(open.status, 200);
    EXPECT_TRUE(contains(open.body, "Вы вышли"));
}

TEST_F(Authorization, BadInputIsAClearAnswer) {
    EXPECT_EQ(browser.get("/aas/oauth2/v2/ac?client_id=%FF%FE").status, 400);
    EXPECT_EQ(browser.get("/idp/login?flow=nonsense").status, 400);
    EXPECT_EQ(browser.post("/idp/login", "flow=" + std::string(70000, 'a')).status, 413);
    auto missing = browser.get("/nothing/here");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(contains(missing.body, "Страница не найдена."));
}

TEST_F(Authorization, TheSigningCertificateCanBeDownloaded) {
    auto pem = browser.get("/public/esia.pem");
    EXPECT_EQ(pem.status, 200);
    EXPECT_EQ(crypto::Certificate::fromPem(pem.body).der(), sim.signingCertificate().der());
    auto der = browser.get("/public/esia.cer");
    EXPECT_EQ(der.body, sim.signingCertificate().der());
}

// Spec §1: ESIA publishes its signing certificates as /public/esia.zip (DER .cer files).
TEST_F(Authorization, TheCertificateArchiveHoldsTheSameCertificate) {
    auto zip = browser.get("/public/esia.zip");
    ASSERT_EQ(zip.status, 200);
    EXPECT_EQ(zip.contentType, "application/zip");
    std::istringstream in(zip.body);
    Poco::Zip::ZipArchive archive(in);
    std::vector<std::string> names;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
        const auto& [name, header] = *it;
        names.push_back(name);
        std::istringstream entry(zip.body);
        Poco::Zip::ZipInputStream unpacked(entry, header);
        std::string content{std::istreambuf_iterator<char>(unpacked), {}};
        EXPECT_EQ(content, browser.get("/public/esia.cer").body) << name;
        EXPECT_EQ(crypto::Certificate::fromDer(content).pem(),
                  browser.get("/public/esia.pem").body);
    }
    ASSERT_EQ(names.size(), 1u);
    EXPECT_TRUE(names[0].ends_with(".cer")) << names[0];
}
