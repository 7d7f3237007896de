// The ENGINE API is deprecated in OpenSSL 3 but is the only way to GOST signatures on Debian 12
// (../shared/spec/esia-protocol.md, "GOST on Debian 12").
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#include "crypto/Gost.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cctype>
#include <mutex>
#include <stdexcept>

namespace netcity::crypto {
namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

[[noreturn]] void fail(const std::string& what) {
    unsigned long code = ERR_get_error();
    char buf[256] = "";
    if (code) ERR_error_string_n(code, buf, sizeof buf);
    ERR_clear_error();
    throw std::runtime_error(what + (code ? std::string(": ") + buf : ""));
}

BioPtr memoryBio(std::string_view data) {
    return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())), BIO_free);
}

std::string bioText(BIO* bio) {
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(len));
}

const EVP_MD* streebog() {
    loadGostEngine();
    const EVP_MD* md = EVP_get_digestbyname("md_gost12_256");
    if (!md) fail("Streebog-256 is not available");
    return md;
}

bool isGostKey(EVP_PKEY* key) {
    int id = EVP_PKEY_get_base_id(key);
    return id == NID_id_GostR3410_2012_256 || id == NID_id_GostR3410_2012_512;
}

const EVP_MD* digestFor(EVP_PKEY* key) {
    return isGostKey(key) ? streebog() : EVP_sha256();
}

}  // namespace

void loadGostEngine() {
    static std::once_flag once;
    static std::string error;
    std::call_once(once, [] {
        ENGINE_load_builtin_engines();
        ENGINE* e = ENGINE_by_id("gost");
        if (!e) {
            ENGINE* dynamic = ENGINE_by_id("dynamic");
            if (dynamic &&
                ENGINE_ctrl_cmd_string(dynamic, "SO_PATH",
                                       "/usr/lib/x86_64-linux-gnu/engines-3/gost.so", 0) &&
                ENGINE_ctrl_cmd_string(dynamic, "LOAD", nullptr, 0))
                e = dynamic;
        }
        if (!e || !ENGINE_init(e)) {
            error = "OpenSSL GOST engine not found (apt-get install libengine-gost-openssl)";
            ERR_clear_error();
            return;
        }
        // Registers GOST algorithms for name lookups; other algorithms stay with OpenSSL.
        ENGINE_set_default(e, ENGINE_METHOD_ALL & ~ENGINE_METHOD_RAND);
        ERR_clear_error();
    });
    if (!error.empty()) throw std::runtime_error(error);
}

Bytes streebog256(std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!EVP_Digest(data.data(), data.size(), out, &len, streebog(), nullptr))
        fail("Streebog-256 failed");
    return Bytes(reinterpret_cast<char*>(out), len);
}

std::string toUpperHex(std::string_view bytes) {
    std::string hex = toHex(bytes);
    for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return hex;
}

PrivateKey PrivateKey::generateGost(const std::string& paramset) {
    loadGostEngine();
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_id(NID_id_GostR3410_2012_256, nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 ||
        EVP_PKEY_CTX_ctrl_str(ctx.get(), "paramset", paramset.c_str()) <= 0 ||
        EVP_PKEY_keygen(ctx.get(), &key) <= 0)
        fail("GOST key generation failed");
    return PrivateKey(key);
}

PrivateKey PrivateKey::generateRsa(int bits) {
    EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned int>(bits));
    if (!key) fail("RSA key generation failed");
    return PrivateKey(key);
}

PrivateKey PrivateKey::fromPem(const std::string& pem) {
    loadGostEngine();
    auto bio = memoryBio(pem);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!key) fail("cannot read the private key");
    return PrivateKey(key);
}

std::string PrivateKey::pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr))
        fail("cannot write the private key");
    return bioText(bio.get());
}

std::string PrivateKey::publicPem() const {
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!PEM_write_bio_PUBKEY(bio.get(), key_.get())) fail("cannot write the public key");
    return bioText(bio.get());
}

bool PrivateKey::isGost() const {
    return isGostKey(key_.get());
}

PublicKey PublicKey::fromPem(const std::string& pem) {
    loadGostEngine();
    auto bio = memoryBio(pem);
    EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!key) fail("cannot read the public key");
    return PublicKey(key);
}

PublicKey PublicKey::of(const PrivateKey& key) {
    return fromPem(key.publicPem());
}

PublicKey PublicKey::rsa(const Bytes& modulus, const Bytes& exponent) {
    BIGNUM* n = BN_bin2bn(reinterpret_cast<const unsigned char*>(modulus.data()),
                          static_cast<int>(modulus.size()), nullptr);
    BIGNUM* e = BN_bin2bn(reinterpret_cast<const unsigned char*>(exponent.data()),
                          static_cast<int>(exponent.size()), nullptr);
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(bld, "n", n);
    OSSL_PARAM_BLD_push_BN(bld, "e", e);
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* key = nullptr;
    bool ok = ctx && params && EVP_PKEY_fromdata_init(ctx) > 0 &&
              EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) > 0;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
    if (!ok) fail("cannot build the RSA key");
    return PublicKey(key);
}

bool PublicKey::isGost() const {
    return isGostKey(key_.get());
}

namespace {

void setSubject(X509_NAME* name, const std::string& commonName) {
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("RU"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1,
                               0);
}

}  // namespace

std::string certificateRequestPem(const PrivateKey& key, const std::string& commonName) {
    std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> request(X509_REQ_new(), X509_REQ_free);
    if (!request || !X509_REQ_set_version(request.get(), 0) ||
        !X509_REQ_set_pubkey(request.get(), key.get()))
        fail("cannot build the certificate request");
    setSubject(X509_REQ_get_subject_name(request.get()), commonName);
    if (!X509_REQ_sign(request.get(), key.get(), digestFor(key.get())))
        fail("cannot sign the certificate request");
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!PEM_write_bio_X509_REQ(bio.get(), request.get()))
        fail("cannot write the certificate request");
    return bioText(bio.get());
}

Certificate Certificate::selfSigned(const PrivateKey& key, const std::string& commonName,
                                    int days) {
    X509* cert = X509_new();
    if (!cert) fail("X509_new failed");
    Certificate out(cert);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(std::time(nullptr)));
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), static_cast<long>(days) * 24 * 3600);
    X509_set_pubkey(cert, key.get());
    X509_NAME* name = X509_get_subject_name(cert);
    setSubject(name, commonName);
    X509_set_issuer_name(cert, name);
    if (!X509_sign(cert, key.get(), digestFor(key.get()))) fail("cannot sign the certificate");
    return out;
}

Certificate Certificate::fromPem(const std::string& pem) {
    loadGostEngine();
    auto bio = memoryBio(pem);
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert) fail("cannot read the certificate");
    return Certificate(cert);
}

Certificate Certificate::fromDer(const Bytes& der) {
    loadGostEngine();
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (!cert) fail("cannot read the certificate");
    return Certificate(cert);
}

std::string Certificate::pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!PEM_write_bio_X509(bio.get(), cert_.get())) fail("cannot write the certificate");
    return bioText(bio.get());
}

Bytes Certificate::der() const {
    unsigned char* buf = nullptr;
    int len = i2d_X509(cert_.get(), &buf);
    if (len <= 0) fail("cannot encode the certificate");
    Bytes out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return out;
}

PublicKey Certificate::publicKey() const {
    EVP_PKEY* key = X509_get_pubkey(cert_.get());
    if (!key) fail("the certificate has no usable public key");
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), key);
    EVP_PKEY_free(key);
    return PublicKey::fromPem(bioText(bio.get()));
}

std::string Certificate::streebogHashHex() const {
    return toUpperHex(streebog256(der()));
}

Bytes signRaw(const PrivateKey& key, std::string_view data) {
    MdCtxPtr ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t len = 0;
    if (!ctx ||
        EVP_DigestSignInit(ctx.get(), nullptr, digestFor(key.get()), nullptr, key.get()) <= 0 ||
        EVP_DigestSign(ctx.get(), nullptr, &len,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) <= 0)
        fail("signing failed");
    Bytes out(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) <= 0)
        fail("signing failed");
    out.resize(len);
    return out;
}

bool verifyRaw(const PublicKey& key, std::string_view data, std::string_view signature) {
    MdCtxPtr ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    bool ok =
        ctx &&
        EVP_DigestVerifyInit(ctx.get(), nullptr, digestFor(key.get()), nullptr, key.get()) > 0 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                         data.size()) == 1;
    ERR_clear_error();
    return ok;
}

Bytes cmsSignDetached(const Certificate& cert, const PrivateKey& key, std::string_view data,
                      bool signedAttributes) {
    auto content = memoryBio(data);
    unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
    std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
        CMS_sign(nullptr, nullptr, nullptr, nullptr, flags), CMS_ContentInfo_free);
    if (!cms) fail("CMS_sign failed");
    unsigned int signerFlags = CMS_BINARY | (signedAttributes ? 0u : CMS_NOATTR);
    if (!CMS_add1_signer(cms.get(), cert.get(), key.get(), digestFor(key.get()), signerFlags))
        fail("CMS_add1_signer failed");
    if (!CMS_final(cms.get(), content.get(), nullptr, CMS_DETACHED | CMS_BINARY))
        fail("CMS_final failed");
    unsigned char* buf = nullptr;
    int len = i2d_CMS_ContentInfo(cms.get(), &buf);
    if (len <= 0) fail("cannot encode the CMS signature");
    Bytes out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return out;
}

bool cmsVerifyDetached(std::string_view der, std::string_view data, const Certificate& expected) {
    loadGostEngine();
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
        d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())), CMS_ContentInfo_free);
    if (!cms || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
        ERR_clear_error();
        return false;
    }
    // The signer must be the registered certificate itself, not any certificate that happens
    // to be embedded: pass it as the only candidate and skip chain building (self-signed).
    STACK_OF(X509)* certs = sk_X509_new_null();
    sk_X509_push(certs, expected.get());
    auto content = memoryBio(data);
    int ok = CMS_verify(cms.get(), certs, nullptr, content.get(), nullptr,
                        CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY | CMS_NOINTERN);
    sk_X509_free(certs);
    ERR_clear_error();
    return ok == 1;
}

}  // namespace netcity::crypto
