#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace netcity::esia {

// What the portal learns about a person from ESIA after a sign-in.
struct EsiaChild {
    std::string lastName, firstName, middleName;
    std::string birthDate;  // DD.MM.YYYY as ESIA writes it
    std::string snils;      // as ESIA writes it, or empty
};

struct EsiaIdentity {
    std::int64_t oid = 0;
    bool trusted = false;  // a confirmed account (urn:esia:sbj:is_tru / "trusted")
    std::string level;     // P, PR or KD
    std::string lastName, firstName, middleName;
    std::string birthDate;  // DD.MM.YYYY
    std::string gender;     // M / F
    std::string snils;      // NNN-NNN-NNN CC
    std::string email, mobile;
    std::vector<EsiaChild> children;
    std::string sessionId;  // urn:esia:sid, for the logout link
};

}  // namespace netcity::esia
