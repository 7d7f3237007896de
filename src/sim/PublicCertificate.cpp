// GET /public/esia.pem, /public/esia.cer and /public/esia.zip: the emulator's signing
// certificate, PEM, DER, and in a zip archive as ESIA publishes its own (spec §1).
#include "sim/EsiaSimulator.h"

namespace netcity::sim {

void EsiaSimulator::certificate(Ex& ex, CertificateFile file) {
    switch (file) {
        case CertificateFile::Pem:
            return ex.sendText(signingCertificate_.pem(), "application/x-pem-file");
        case CertificateFile::Der:
            return ex.sendText(signingCertificate_.der(), "application/pkix-cert");
        case CertificateFile::Zip:
            return ex.sendText(certificateArchive_, "application/zip");
    }
}

}  // namespace netcity::sim
