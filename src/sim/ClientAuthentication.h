#pragma once

#include <optional>
#include <string>

#include "sim/EsiaError.h"
#include "sim/SimData.h"

namespace netcity::sim {

enum class Generation { V1, V2 };

// Checks a client_secret against the certificate registered for the client:
// generation 1 — a detached CMS signature of `message`; generation 2 — a raw GOST R 34.10-2012
// signature plus client_certificate_hash (Streebog-256 of the DER certificate, hex). Both
// failures are ESIA-007053.
std::optional<EsiaError> checkClientSecret(const SimClient& client, Generation generation,
                                           const std::string& message,
                                           const std::string& clientSecret,
                                           const std::string& certificateHash);

}  // namespace netcity::sim
