#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/Gost.h"

using namespace netcity::crypto;

namespace {

// The `openssl` command line with the GOST engine: an implementation that is not ours.
struct OpensslCli {
    std::filesystem::path dir;
    OpensslCli() {
        char pattern[] = "/tmp/netcity-gost-XXXXXX";
        dir = ::mkdtemp(pattern);
    }
    ~OpensslCli() { std::filesystem::remove_all(dir); }
    std::string path(const std::string& name) const { return (dir / name).string(); }
    void write(const std::string& name, const std::string& data) const {
        std::ofstream(path(name), std::ios::binary) << data;
    }
    std::string read(const std::string& name) const {
        std::ifstream in(path(name), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    // Runs `openssl ARGS` in dir; returns its exit status and stdout.
    int run(const std::string& args, std::string* out = nullptr) const {
        std::string cmd = "cd " + dir.string() + " && openssl " + args + " 2>/dev/null";
        FILE* p = ::popen(cmd.c_str(), "r");
        std::string text;
        char buf[512];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
        int status = ::pclose(p);
        if (out) *out = text;
        return WEXITSTATUS(status);
    }
};

}  // namespace

TEST(Gost, StreebogTestVectorM1) {
    // GOST R 34.11-2012, example 1: the 63-byte message "012345678901…012" (ASCII digits).
    std::string m1 = "012345678901234567890123456789012345678901234567890123456789012";
    EXPECT_EQ(toHex(streebog256(m1)),
              "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500");
}

TEST(Gost, RawSignatureRoundTripAndTamper) {
    auto key = PrivateKey::generateGost();
    auto pub = PublicKey::of(key);
    auto sig = signRaw(key, "message");
    EXPECT_EQ(sig.size(), 64u);
    EXPECT_EQ(base64UrlEncode(sig).size(), 86u);  // ESIA's client_secret length
    EXPECT_TRUE(verifyRaw(pub, "message", sig));
    EXPECT_FALSE(verifyRaw(pub, "messagE", sig));
    auto other = PublicKey::of(PrivateKey::generateGost());
    EXPECT_FALSE(verifyRaw(other, "message", sig));
    EXPECT_FALSE(verifyRaw(pub, "message", "short"));
}

TEST(Gost, OurSignatureVerifiesWithOpensslAndTheirsWithUs) {
    OpensslCli cli;
    auto key = PrivateKey::generateGost();
    cli.write("key.pem", key.pem());
    cli.write("pub.pem", key.publicPem());
    cli.write("msg.txt", "scope+timestamp+client");
    cli.write("ours.sig", signRaw(key, "scope+timestamp+client"));
    std::string out;
    EXPECT_EQ(
        cli.run("dgst -engine gost -md_gost12_256 -verify pub.pem -signature ours.sig msg.txt",
                &out),
        0);
    EXPECT_NE(out.find("Verified OK"), std::string::npos) << out;

    ASSERT_EQ(cli.run("dgst -engine gost -md_gost12_256 -sign key.pem -out theirs.sig msg.txt"), 0);
    EXPECT_TRUE(verifyRaw(PublicKey::of(key), "scope+timestamp+client", cli.read("theirs.sig")));
}

TEST(Gost, CertificateHashMatchesOpenssl) {
    OpensslCli cli;
    auto key = PrivateKey::generateGost();
    auto cert = Certificate::selfSigned(key, "TEST01");
    cli.write("cert.pem", cert.pem());
    std::string out;
    ASSERT_EQ(cli.run("x509 -engine gost -in cert.pem -outform DER -out cert.der"), 0);
    ASSERT_EQ(cli.run("dgst -engine gost -md_gost12_256 -r cert.der", &out), 0);
    std::string hex = out.substr(0, 64);
    for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(cert.streebogHashHex(), hex);
    EXPECT_EQ(Certificate::fromPem(cert.pem()).der(), cert.der());
}

TEST(Gost, CmsDetachedBothWaysAndOnlyForTheRegisteredCertificate) {
    OpensslCli cli;
    auto key = PrivateKey::generateGost();
    auto cert = Certificate::selfSigned(key, "TEST01");
    std::string message = "openid fullname2026.11.22 10:00:00 +0000TEST01uuid";
    for (bool attributes : {true, false}) {
        auto der = cmsSignDetached(cert, key, message, attributes);
        EXPECT_TRUE(cmsVerifyDetached(der, message, cert)) << attributes;
        EXPECT_FALSE(cmsVerifyDetached(der, message + "x", cert));
    }
    // Signed by another key with its own embedded certificate: not the registered client.
    auto otherKey = PrivateKey::generateGost();
    auto otherCert = Certificate::selfSigned(otherKey, "TEST01");
    EXPECT_FALSE(cmsVerifyDetached(cmsSignDetached(otherCert, otherKey, message), message, cert));
    EXPECT_FALSE(cmsVerifyDetached("garbage", message, cert));

    cli.write("cert.pem", cert.pem());
    cli.write("key.pem", key.pem());
    cli.write("msg.txt", message);
    ASSERT_EQ(cli.run("cms -engine gost -sign -binary -in msg.txt -signer cert.pem -inkey key.pem "
                      "-md md_gost12_256 -outform DER -out sig.der"),
              0);
    EXPECT_TRUE(cmsVerifyDetached(cli.read("sig.der"), message, cert));
    cli.write("ours.der", cmsSignDetached(cert, key, message));
    EXPECT_EQ(cli.run("cms -engine gost -verify -binary -inform DER -in ours.der -content msg.txt "
                      "-CAfile cert.pem -purpose any -out /dev/null"),
              0);
}

TEST(Gost, RsaForOldClients) {
    auto key = PrivateKey::generateRsa(2048);
    EXPECT_FALSE(key.isGost());
    auto sig = signRaw(key, "x");
    EXPECT_EQ(sig.size(), 256u);
    EXPECT_TRUE(verifyRaw(PublicKey::of(key), "x", sig));
    auto cert = Certificate::selfSigned(key, "OLD01");
    EXPECT_TRUE(cmsVerifyDetached(cmsSignDetached(cert, key, "m"), "m", cert));
}

TEST(Gost, CertificateRequestVerifiesWithOpensslAndCarriesTheKey) {
    OpensslCli cli;
    auto key = PrivateKey::generateGost();
    std::string request = certificateRequestPem(key, "NETCITY01");
    EXPECT_EQ(request.rfind("-----BEGIN CERTIFICATE REQUEST-----", 0), 0u) << request;
    cli.write("req.pem", request);
    std::string out;
    // `req -verify` reports on stderr and exits 0 either way: read what it says.
    cli.run("req -engine gost -in req.pem -noout -verify -subject -nameopt RFC2253 2>&1 | cat",
            &out);
    EXPECT_NE(out.find("verify OK"), std::string::npos) << out;
    EXPECT_NE(out.find("CN=NETCITY01,C=RU"), std::string::npos) << out;
    ASSERT_EQ(cli.run("req -engine gost -in req.pem -noout -pubkey", &out), 0);
    EXPECT_EQ(out, key.publicPem());
    // Another key's request carries another public key.
    cli.write("other.pem", certificateRequestPem(PrivateKey::generateGost(), "NETCITY01"));
    ASSERT_EQ(cli.run("req -engine gost -in other.pem -noout -pubkey", &out), 0);
    EXPECT_NE(out, key.publicPem());
}
