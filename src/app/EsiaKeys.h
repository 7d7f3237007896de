#pragma once

#include <ostream>

#include "app/Config.h"

namespace netcity::app {

// `netcity admin esia-keys`: the information system's GOST R 34.10-2012 (256) key, a
// self-signed certificate and, with --request FILE, a certificate request, written where
// `serve` reads them (--esia-key-file, --esia-cert-file). Existing files are kept unless
// --force. Prints the certificate hash to register at ESIA. Returns the exit status.
int makeEsiaKeys(const Config& config, std::ostream& out, std::ostream& err);

}  // namespace netcity::app
