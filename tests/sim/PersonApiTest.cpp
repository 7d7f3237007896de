// /rs/prns/{oid}…: the person, contacts, documents and kids, gated by the token's scopes.
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include <sstream>

#include "sim/SimFixture.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;
using sim::Generation;

namespace {

class PersonApi : public ::testing::Test {
  protected:
    SimFixture sim;
    HttpClient browser{sim.port()};
    HttpClient api{sim.port()};

    void authorize(const std::string& scope) {
        HttpClient fresh(sim.port());
        AuthorizeParams p;
        p.scope = scope;
        auto c =
            SimFixture::queryParam(sim.signIn(fresh, "orlova@example.org", "Parol-1", p), "code");
        auto res = fresh.post("/aas/oauth2/v3/te", sim.tokenBody(Generation::V2, c, scope));
        api.headers["Authorization"] =
            "Bearer " + SimFixture::parseJson(res.body)->getValue<std::string>("access_token");
    }
    std::string base = "/rs/prns/" + std::to_string(SimFixture::kParentOid);
};

}  // namespace

TEST_F(PersonApi, FieldsFollowTheGrantedScopes) {
    authorize("openid fullname snils");
    auto res = api.get(base);
    ASSERT_EQ(res.status, 200) << res.body;
    auto p = SimFixture::parseJson(res.body);
    EXPECT_EQ(p->getValue<std::string>("lastName"), "Орлова");
    EXPECT_EQ(p->getValue<std::string>("snils"), "112-233-445 95");
    EXPECT_TRUE(p->getValue<bool>("trusted"));
    EXPECT_FALSE(p->has("birthDate"));
    EXPECT_FALSE(p->has("inn"));
    EXPECT_EQ(p->getValue<std::string>("eTag").size(), 40u);
}

TEST_F(PersonApi, ContactsAsLinksOrEmbedded) {
    authorize("openid fullname email mobile");
    auto links = SimFixture::parseJson(api.get(base + "/ctts").body);
    EXPECT_EQ(links->getValue<int>("size"), 2);
    EXPECT_TRUE(
        contains(links->getArray("elements")->getElement<std::string>(0), base + "/ctts/1"));
    auto embedded = api.get(base + "/ctts?embed=(elements)");
    EXPECT_TRUE(contains(embedded.body, "\"type\":\"EML\""));
    EXPECT_TRUE(contains(embedded.body, "\"value\":\"+79005558157\""));
    auto one = SimFixture::parseJson(api.get(base + "/ctts/2").body);
    EXPECT_EQ(one->getValue<std::string>("type"), "MBT");
    auto person = api.get(base + "?embed=(contacts.elements)");
    EXPECT_TRUE(contains(person.body, "\"contacts\":{"));
}

TEST_F(PersonApi, DocumentsNeedIdDoc) {
    authorize("openid fullname");
    EXPECT_EQ(api.get(base + "/docs").status, 403);
    authorize("openid fullname id_doc");
    auto docs = api.get(base + "/docs?embed=(elements)");
    EXPECT_TRUE(contains(docs.body, "\"type\":\"RF_PASSPORT\""));
    EXPECT_TRUE(contains(docs.body, "\"series\":\"6910\""));
    EXPECT_TRUE(contains(api.get(base).body, "\"rIdDoc\":1"));
}

TEST_F(PersonApi, KidsForAParentWithKidScopes) {
    authorize("openid fullname");
    EXPECT_EQ(api.get(base + "/kids").status, 403);
    authorize("openid fullname kid_fullname kid_birthdate kid_snils kid_birth_cert_doc");
    auto kids = api.get(base + "/kids?embed=(elements)");
    ASSERT_EQ(kids.status, 200);
    EXPECT_TRUE(contains(kids.body, "\"firstName\":\"Иван\""));
    EXPECT_TRUE(contains(kids.body, "\"birthDate\":\"15.06.2015\""));
    EXPECT_FALSE(contains(kids.body, "\"gender\""));  // no kid_gender
    auto kid = api.get(base + "/kids/" + std::to_string(SimFixture::kChildOid));
    EXPECT_EQ(kid.status, 200);
    auto certs =
        api.get(base + "/kids/" + std::to_string(SimFixture::kChildOid) + "/docs?embed=(elements)");
    EXPECT_TRUE(contains(certs.body, "RF_BRTH_CERT"));
    EXPECT_EQ(api.get(base + "/kids/" + std::to_string(SimFixture::kUnconfirmedOid)).status, 403);
}

namespace {

// The element links of a collection, after checking each is absolute on `origin`.
std::vector<std::string> elementPaths(HttpClient& api, const std::string& collection,
                                      const std::string& origin) {
    auto res = api.get(collection);
    EXPECT_EQ(res.status, 200) << collection << ": " << res.body;
    std::vector<std::string> paths;
    auto elements = SimFixture::parseJson(res.body)->getArray("elements");
    for (std::size_t i = 0; elements && i < elements->size(); ++i) {
        auto link = elements->getElement<std::string>(static_cast<unsigned>(i));
        EXPECT_EQ(link.rfind(origin + "/rs/prns/", 0), 0u) << link;
        paths.push_back(link.substr(origin.size()));
    }
    EXPECT_FALSE(paths.empty()) << collection;
    return paths;
}

}  // namespace

// Spec §7: without embed the elements are absolute links, and a client follows them to the
// emulator it reached — by the address it used, whatever that was.
TEST_F(PersonApi, EveryElementLinkLeadsBackToItsElement) {
    authorize("openid fullname email mobile id_doc kid_fullname kid_birth_cert_doc");
    std::string port = std::to_string(sim.port());
    for (std::string host : {"127.0.0.1:" + port, "localhost:" + port}) {
        api.headers["Host"] = host;
        std::string origin = "http://" + host;
        std::vector<std::string> followed;
        for (const char* collection : {"/ctts", "/docs"})
            for (const auto& path : elementPaths(api, base + collection, origin)) {
                auto element = api.get(path);
                ASSERT_EQ(element.status, 200) << path << ": " << element.body;
                EXPECT_EQ(path.substr(path.rfind('/') + 1),
                          std::to_string(SimFixture::parseJson(element.body)->getValue<int>("id")));
                followed.push_back(path);
            }
        for (const auto& kid : elementPaths(api, base + "/kids", origin)) {
            auto child = api.get(kid);
            ASSERT_EQ(child.status, 200) << kid << ": " << child.body;
            EXPECT_EQ(SimFixture::parseJson(child.body)->getValue<std::string>("firstName"),
                      "Иван");
            for (const auto& path : elementPaths(api, kid + "/docs", origin)) {
                auto document = api.get(path);
                ASSERT_EQ(document.status, 200) << path << ": " << document.body;
                EXPECT_EQ(SimFixture::parseJson(document.body)->getValue<std::string>("type"),
                          "RF_BRTH_CERT");
                followed.push_back(path);
            }
        }
        EXPECT_EQ(followed.size(), 4u);  // two contacts, a passport, the child's certificate
    }
    api.headers["Host"] = "evil.test/\"x";
    EXPECT_EQ(api.get(base + "/ctts").status, 400);
}

TEST_F(PersonApi, BadTokensAre401AndOtherPeople403) {
    EXPECT_EQ(api.get(base).status, 401);
    api.headers["Authorization"] = "Bearer not.a.token";
    EXPECT_EQ(api.get(base).status, 401);
    authorize("openid fullname");
    std::string token = api.headers["Authorization"];
    EXPECT_EQ(api.get("/rs/prns/" + std::to_string(SimFixture::kTwoFactorOid)).status, 403);
    // one changed character in the payload breaks the signature
    std::string tampered = token;
    tampered[token.find('.') + 5] ^= 1;
    api.headers["Authorization"] = tampered;
    EXPECT_EQ(api.get(base).status, 401);
    api.headers["Authorization"] = token;
    sim.advance(3601);
    EXPECT_EQ(api.get(base).status, 401);  // expired
}

TEST_F(PersonApi, AdminApiAddsPersonsWhenEnabled) {
    HttpClient admin(sim.port());
    auto added = admin.post("/sim/api/persons",
                            R"({"oid": 1000000099, "password": "Novyi-1", "lastName": "Новикова",
                                "firstName": "Ольга", "email": "novikova@example.org"})",
                            "application/json");
    ASSERT_EQ(added.status, 200) << added.body;
    EXPECT_TRUE(contains(sim.signIn(browser, "novikova@example.org", "Novyi-1"), "code="));
    EXPECT_EQ(admin.post("/sim/api/persons", "{not json", "application/json").status, 400);
    EXPECT_EQ(admin
                  .post("/sim/api/persons",
                        R"({"oid": 5, "lastName": "X", "firstName": "Y", "snils": "123"})",
                        "application/json")
                  .status,
              400);
    EXPECT_TRUE(contains(admin.get("/sim/api/persons").body, "Новикова"));
    EXPECT_EQ(admin.request("DELETE", "/sim/api/persons/1000000099", "", "").status, 200);
}

TEST(PersonApiDisabled, AdminApiIsOffByDefault) {
    SimFixture sim(false);
    HttpClient admin(sim.port());
    EXPECT_EQ(admin.get("/sim/api/persons").status, 404);
}

TEST(AdminApiClients, RegistersAClientWithAPemCertificate) {
    SimFixture sim;
    HttpClient admin(sim.port());
    auto key = crypto::PrivateKey::generateGost();
    auto cert = crypto::Certificate::selfSigned(key, "OTHER01");
    auto json = Poco::JSON::Object::Ptr(new Poco::JSON::Object);
    json->set("mnemonic", "OTHER01");
    Poco::JSON::Array::Ptr uris = new Poco::JSON::Array;
    uris->add("http://other.test/cb");
    json->set("redirectUris", uris);
    json->set("certificate", cert.pem());
    std::ostringstream body;
    json->stringify(body);
    auto res = admin.post("/sim/api/clients", body.str(), "application/json");
    EXPECT_EQ(res.status, 200) << res.body;
    EXPECT_TRUE(sim.data().client("OTHER01"));
}
