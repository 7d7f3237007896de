#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/PortalRole.h"
#include "domain/SelfLinkingPolicy.h"
#include "domain/UtcOffset.h"
#include "esia/EsiaClient.h"
#include "esia/IdentityProvider.h"
#include "flows/Clock.h"
#include "flows/CredentialCheck.h"
#include "flows/EsiaFlowState.h"
#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::flows {

// Sign-in through Gosuslugi, and linking a Gosuslugi account (seeds 000–004).
//
// One attempt is a server-side flow in two typed states (EsiaFlowState.h):
//   EsiaAttempt (role chosen, state and nonce issued, bound to the browser)
//     → at Gosuslugi → callback →
//       SignedIn      one school account is linked in that role (or was just linked: a full
//                     match, `justLinked`)
//     | ChooseUser    several are («Выберите пользователя»)     → EsiaPending
//     | NotFound      none matched («Запись не найдена»)         → EsiaPending
//     | Refused | EsiaError | EsiaUnavailable | EsiaRejected | Unconfirmed | Expired
//   EsiaPending(ChooseUser) --choose--> SignedIn
//   EsiaPending(NotFound) --link by password--> SignedIn
// Several full matches are all linked at once; the person then chooses where to go.
// A second kind of attempt starts from «Персональные настройки» and ends in Linked.
// Outcomes are codes; the pages say them in Russian.
class EsiaSignIn {
  public:
    enum class Outcome {
        SignedIn,
        ChooseUser,
        NotFound,
        Linked,                 // from personal settings
        Refused,                // the person pressed «Отказать» at Gosuslugi
        EsiaError,              // Gosuslugi answered the callback with an error
        EsiaUnavailable,        // Gosuslugi could not be reached
        EsiaRejected,           // its answer did not verify (code, token, signature)
        Unconfirmed,            // an unconfirmed Gosuslugi account (seed 002)
        Expired,                // unknown, used, expired or foreign state or flow
        NotOffered,             // the chosen account was not among the choices
        Blocked,                // the account was blocked meanwhile
        LinkedToAnother,        // the school account has another Gosuslugi account
        OrganizationRoleTaken,  // this Gosuslugi account has another account of that
                                // organization and role
        WrongRole,              // the credentials are of an account outside the chosen role
        WrongPassword,
        Throttled,
        TemporaryExpired,  // the school's temporary password has expired
        CutOff,            // self-linking closed for parents and students
    };

    struct Choice {
        std::int64_t accountId;
        std::string organization, role, name;
    };

    struct Result {
        Result(Outcome o = Outcome::EsiaRejected) : outcome(o) {}  // NOLINT: implicit on purpose
        Outcome outcome;
        std::int64_t accountId = 0;  // signed in / linked
        bool justLinked = false;     // SignedIn or Linked by this very step
        std::string flowId;          // ChooseUser / NotFound: the next step's flow
        std::vector<Choice> choices;
        esia::EsiaIdentity identity;
        domain::PortalRole role = domain::PortalRole::Staff;  // the role chosen before ESIA
        std::chrono::seconds wait{0};                         // Throttled
    };

    struct Settings {
        std::string callbackUrl;      // <portal>/esia/callback
        std::string linkCallbackUrl;  // <portal>/esia/link/callback
        std::int64_t flowLifetime = 15 * 60;
        domain::UtcOffset timeZone = *domain::UtcOffset::parse("UTC");  // for the cut-off day
    };

    EsiaSignIn(store::Database& db, const esia::IdentityProvider& client,
               const store::SnilsVault& vault, CredentialCheck& credentials,
               domain::SelfLinkingPolicy linking, const Clock& clock, Settings settings)
        : db_(db),
          client_(client),
          vault_(vault),
          credentials_(credentials),
          linking_(linking),
          clock_(clock),
          settings_(std::move(settings)) {}

    // Returns the ESIA authorization URL; `browserBinding` is the random value the browser
    // keeps in a cookie for this flow.
    std::string start(domain::PortalRole role, const std::string& browserBinding);
    // `sessionHash` ties the link to the signed-in session that asked for it.
    std::string startLink(std::int64_t accountId, const std::string& sessionHash,
                          const std::string& browserBinding);

    struct Callback {
        std::string state, code, error, errorDescription;
        std::string issuer;  // the callback's `iss` (RFC 9207), empty when absent
    };
    // `linkSessionHash` is empty at the sign-in callback; at the settings link callback it is
    // the current session's, which must be the one that started the link.
    Result callback(const Callback& answer, const std::string& browserBinding,
                    const std::string& linkSessionHash, const std::string& clientAddress);
    Result choose(const std::string& flowId, std::int64_t accountId,
                  const std::string& browserBinding, const std::string& clientAddress);
    Result linkWithPassword(const std::string& flowId, std::int64_t organizationId,
                            const std::string& login, const std::string& password,
                            const std::string& browserBinding, const std::string& clientAddress);
    // What a waiting flow knows: to prefill an appeal, or to show the choices again.
    std::optional<Result> peek(const std::string& flowId, const std::string& browserBinding);
    void unlink(std::int64_t accountId, const std::string& clientAddress);

    // The deployment's cut-off for self-linking, and whether these roles may still link
    // themselves today (in the region's calendar).
    const domain::SelfLinkingPolicy& linkingPolicy() const { return linking_; }
    bool selfLinkAllowed(const domain::RoleSet& roles) const;

  private:
    struct Waiting {
        std::string idHash;
        EsiaPending pending;
    };
    std::optional<Waiting> findPending(Poco::Data::Session& s, const std::string& flowId,
                                       const std::string& browserBinding);
    Result decide(const esia::EsiaIdentity& who, domain::PortalRole role,
                  const std::string& browserBinding, const std::string& clientAddress);
    Result linkFromSettings(const esia::EsiaIdentity& who, std::int64_t accountId,
                            const std::string& clientAddress);
    std::string savePending(Poco::Data::Session& s, const EsiaPending& pending,
                            const std::string& browserBinding);
    std::string saveAttempt(const EsiaAttempt& attempt, const std::string& browserBinding);
    std::vector<Choice> describe(Poco::Data::Session& s, const std::vector<std::int64_t>& ids);
    void audit(Poco::Data::Session& s, const std::string& action, std::int64_t accountId,
               std::int64_t oid, const std::string& clientAddress, const std::string& outcome);

    store::Database& db_;
    const esia::IdentityProvider& client_;
    const store::SnilsVault& vault_;
    CredentialCheck& credentials_;
    domain::SelfLinkingPolicy linking_;
    const Clock& clock_;
    Settings settings_;
};

// "signed_in", "not_found", "organization_role_taken", …: for metrics and logs.
const char* outcomeCode(EsiaSignIn::Outcome outcome);

}  // namespace netcity::flows
