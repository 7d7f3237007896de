#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "crypto/Bytes.h"

namespace netcity::crypto {

// OpenSSL's GOST engine (libengine-gost-openssl): the provider of OpenSSL 3 has GOST digests
// and ciphers only, the engine also keys and signatures. Loaded once per process; throws when
// the engine is not installed.
void loadGostEngine();

// Streebog-256 (GOST R 34.11-2012).
Bytes streebog256(std::string_view data);

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

// A private key: GOST R 34.10-2012 (256 bit) for ESIA, RSA for generation-1 clients and
// RS256 tokens.
class PrivateKey {
  public:
    static PrivateKey generateGost(const std::string& paramset = "XA");
    static PrivateKey generateRsa(int bits = 2048);
    static PrivateKey fromPem(const std::string& pem);

    std::string pem() const;
    std::string publicPem() const;
    bool isGost() const;
    EVP_PKEY* get() const { return key_.get(); }

  private:
    explicit PrivateKey(EVP_PKEY* key) : key_(key, EVP_PKEY_free) {}
    PkeyPtr key_;
};

// A public key alone (from a PEM "PUBLIC KEY" or taken from a certificate).
class PublicKey {
  public:
    static PublicKey fromPem(const std::string& pem);
    static PublicKey of(const PrivateKey& key);
    // An RSA key from its modulus and exponent (big-endian bytes), as a JWKS publishes it.
    static PublicKey rsa(const Bytes& modulus, const Bytes& exponent);
    bool isGost() const;
    EVP_PKEY* get() const { return key_.get(); }

  private:
    explicit PublicKey(EVP_PKEY* key) : key_(key, EVP_PKEY_free) {}
    PkeyPtr key_;
};

class Certificate {
  public:
    static Certificate selfSigned(const PrivateKey& key, const std::string& commonName,
                                  int days = 3650);
    static Certificate fromPem(const std::string& pem);
    static Certificate fromDer(const Bytes& der);

    std::string pem() const;
    Bytes der() const;
    PublicKey publicKey() const;
    // ESIA's client_certificate_hash: Streebog-256 of the DER certificate, uppercase hex.
    std::string streebogHashHex() const;
    X509* get() const { return cert_.get(); }

  private:
    explicit Certificate(X509* cert) : cert_(cert, X509_free) {}
    X509Ptr cert_;
};

// A PKCS#10 certificate request (PEM) for `key`, subject C=RU, CN=commonName, signed with the
// key itself: what a certification authority is asked to certify.
std::string certificateRequestPem(const PrivateKey& key, const std::string& commonName);

// A raw signature: GOST R 34.10-2012 with Streebog-256 (64 bytes, OpenSSL's byte order, as
// ESIA uses it), or RSA PKCS#1 v1.5 with SHA-256.
Bytes signRaw(const PrivateKey& key, std::string_view data);
bool verifyRaw(const PublicKey& key, std::string_view data, std::string_view signature);

// Detached CMS SignedData in DER with the signer certificate embedded (ESIA generation 1).
Bytes cmsSignDetached(const Certificate& cert, const PrivateKey& key, std::string_view data,
                      bool signedAttributes = true);
// True when `der` is a valid detached signature of `data` made with the key of `expected`
// (the certificate registered for the client): the embedded certificate must be that one.
bool cmsVerifyDetached(std::string_view der, std::string_view data, const Certificate& expected);

std::string toUpperHex(std::string_view bytes);

}  // namespace netcity::crypto
