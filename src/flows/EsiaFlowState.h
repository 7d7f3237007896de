#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/PortalRole.h"
#include "esia/EsiaIdentity.h"

namespace netcity::flows {

// The two server-side states of a Gosuslugi sign-in (flows::EsiaSignIn), typed: what is kept
// between the pages, and until when it may be used. Stored as JSON in `flows.data`.

// At Gosuslugi: what the callback needs to finish what EsiaSignIn::start began.
struct EsiaAttempt {
    enum class Purpose { SignIn, Link };
    Purpose purpose = Purpose::SignIn;
    domain::PortalRole role = domain::PortalRole::Staff;  // chosen before going (sign-in)
    std::int64_t accountId = 0;                           // link: the signed-in account
    std::string sessionHash;                              // link: the session that asked
    std::string nonce, scope, verifier;
    std::int64_t expiresAt = 0;

    bool valid(std::int64_t now) const { return now <= expiresAt; }
    std::string toJson() const;
    // Nullopt for data of another shape (a flow of another version, a tampered row).
    static std::optional<EsiaAttempt> fromJson(const std::string& json, std::int64_t expiresAt);
};

// Back from Gosuslugi, waiting for the person: «Выберите пользователя» among `choices`, or
// «Запись не найдена» (link by password, appeal, exit). Holds the Gosuslugi profile, so it is
// stored sealed.
struct EsiaPending {
    enum class Step { ChooseUser, NotFound };
    Step step = Step::NotFound;
    esia::EsiaIdentity identity;
    domain::PortalRole role = domain::PortalRole::Staff;
    std::vector<std::int64_t> choices;  // ChooseUser: the accounts offered
    bool justLinked = false;            // the choices were linked by this sign-in
    std::int64_t expiresAt = 0;

    bool valid(std::int64_t now) const { return now <= expiresAt; }
    bool offers(std::int64_t accountId) const;
    std::string toJson() const;
    static std::optional<EsiaPending> fromJson(const std::string& json, std::int64_t expiresAt);
};

}  // namespace netcity::flows
