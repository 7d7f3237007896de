#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/PortalRole.h"
#include "domain/SelfLinkingPolicy.h"
#include "esia/EsiaClient.h"
#include "esia/IdentityProvider.h"
#include "flows/Clock.h"
#include "flows/CredentialCheck.h"
#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::flows {

// Sign-in through Gosuslugi, and linking a Gosuslugi account (seeds 000–004).
//
// One attempt is a server-side flow with explicit states:
//   Started (role chosen, state and nonce issued, bound to the browser)
//     → at ESIA → Callback
//     → SignedIn            one school account is linked to this ESIA account in that role
//     | ChooseUser          several are («Выберите пользователя»)
//     | AutoLinked          none was, one matched fully and got linked
//     | NotFound            none matched («Запись не найдена»): link by password, appeal, exit
//     | Refused | Failed | Unconfirmed | Expired
//   ChooseUser --choose--> SignedIn;  NotFound --link by password--> SignedIn
// Several full matches are all linked at once; the person then chooses where to go.
// A second kind of flow starts from «Персональные настройки» and ends in Linked.
class EsiaSignIn {
  public:
    enum class Outcome {
        SignedIn,
        AutoLinked,
        ChooseUser,
        NotFound,
        Linked,       // from personal settings
        Refused,      // the person pressed «Отказать» at Gosuslugi
        Failed,       // ESIA answered with an error, or could not be reached
        Unconfirmed,  // an unconfirmed Gosuslugi account (seed 002)
        Expired,      // unknown, used, expired or foreign state
        Conflict,     // the link would break a rule (see message)
        WrongPassword,
        Throttled,
        CutOff,  // self-linking closed for parents and students
    };

    struct Choice {
        std::int64_t accountId;
        std::string organization, role, name;
    };

    struct Result {
        Result(Outcome o = Outcome::Failed) : outcome(o) {}  // NOLINT: implicit on purpose
        Outcome outcome;
        std::int64_t accountId = 0;  // signed in / linked
        std::string flowId;          // for ChooseUser / NotFound: the next step's flow
        std::vector<Choice> choices;
        esia::EsiaIdentity identity;
        domain::PortalRole role = domain::PortalRole::Staff;  // the role chosen before ESIA
        std::string message;
        std::chrono::seconds wait{0};
    };

    struct Settings {
        std::string callbackUrl;      // <portal>/esia/callback
        std::string linkCallbackUrl;  // <portal>/esia/link/callback
        std::int64_t flowLifetime = 15 * 60;
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

    // `issuer` is the callback's `iss` parameter (RFC 9207), empty when absent.
    // `linkSessionHash` is empty at the sign-in callback; at the settings link callback it is
    // the current session's, which must be the one that started the link.
    Result callback(const std::string& state, const std::string& code, const std::string& error,
                    const std::string& errorDescription, const std::string& issuer,
                    const std::string& browserBinding, const std::string& linkSessionHash,
                    const std::string& clientAddress);
    Result choose(const std::string& flowId, std::int64_t accountId,
                  const std::string& browserBinding, const std::string& clientAddress);
    Result linkWithPassword(const std::string& flowId, std::int64_t organizationId,
                            const std::string& login, const std::string& password,
                            const std::string& browserBinding, const std::string& clientAddress);
    // What a NotFound flow knows: to prefill an appeal, or to show the choices again.
    std::optional<Result> peek(const std::string& flowId, const std::string& browserBinding);
    void unlink(std::int64_t accountId, const std::string& clientAddress);

  private:
    Result decide(const esia::EsiaIdentity& who, domain::PortalRole role,
                  const std::string& browserBinding, const std::string& clientAddress);
    Result linkFromSettings(const esia::EsiaIdentity& who, std::int64_t accountId,
                            const std::string& clientAddress);
    std::string saveResultFlow(const esia::EsiaIdentity& who, domain::PortalRole role,
                               const std::vector<Choice>& choices, bool linkOnChoice,
                               const std::string& browserBinding);
    std::vector<Choice> describe(const std::vector<std::int64_t>& accountIds);
    void audit(const std::string& action, std::int64_t accountId, std::int64_t oid,
               const std::string& clientAddress, const std::string& outcome);

    store::Database& db_;
    const esia::IdentityProvider& client_;
    const store::SnilsVault& vault_;
    CredentialCheck& credentials_;
    domain::SelfLinkingPolicy linking_;
    const Clock& clock_;
    Settings settings_;
};

}  // namespace netcity::flows
