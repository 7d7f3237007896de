#include "sim/ClientAuthentication.h"

#include "crypto/Gost.h"
#include "crypto/Hmac.h"
#include "domain/Utf8Text.h"

namespace netcity::sim {

std::optional<EsiaError> checkClientSecret(const SimClient& client, Generation generation,
                                           const std::string& message,
                                           const std::string& clientSecret,
                                           const std::string& certificateHash) {
    auto certificate = crypto::Certificate::fromPem(client.certificatePem);
    if (generation == Generation::V2) {
        std::string expected = certificate.streebogHashHex();
        std::string given = certificateHash;
        for (char& c : given) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        // ESIA finds the certificate by this hash: a hash of anything else (the PEM, SHA-256)
        // is a wrong client secret, 007053 (spec §3.1, §9); 007002 is for an unknown client.
        if (!crypto::constantTimeEquals(expected, given)) return esiaError(7053);
    }
    crypto::Bytes signature;
    if (clientSecret.size() > 16384 || !crypto::base64UrlDecodeLenient(clientSecret, signature))
        return esiaError(7053);
    bool ok = generation == Generation::V1
                  ? crypto::cmsVerifyDetached(signature, message, certificate)
                  : crypto::verifyRaw(certificate.publicKey(), message, signature);
    if (!ok) return esiaError(7053);
    return std::nullopt;
}

}  // namespace netcity::sim
