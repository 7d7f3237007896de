#pragma once

#include <string>

namespace netcity::sim {

// An ESIA error: the OAuth `error` name, and the ESIA-NNNNNN code with its English text that
// goes into `error_description` (../shared/spec/esia-protocol.md §9).
struct EsiaError {
    std::string error;
    int code = 0;
    std::string text;

    std::string description() const;  // "ESIA-007014: The request does not contain …"
};

EsiaError esiaError(int code);

}  // namespace netcity::sim
