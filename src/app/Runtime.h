#pragma once

#include <memory>

#include "app/Config.h"
#include "crypto/KeyRing.h"
#include "crypto/PasswordHasher.h"
#include "domain/SignInThrottle.h"
#include "flows/AccountOverviews.h"
#include "flows/Clock.h"
#include "flows/CredentialCheck.h"
#include "flows/EsiaSignIn.h"
#include "flows/Housekeeping.h"
#include "flows/OutboxWorker.h"
#include "flows/RecoveryWorker.h"
#include "flows/Sessions.h"
#include "http/HttpServer.h"
#include "http/Templates.h"
#include "mail/Letters.h"
#include "mail/MailSender.h"
#include "store/Database.h"
#include "store/SnilsVault.h"
#include "web/Metrics.h"
#include "web/Portal.h"

namespace netcity::app {

// What a running netcity is built of besides its configuration. A process leaves these empty;
// the integration tests hand in their clock and database and run the same wiring.
struct RuntimeParts {
    const flows::Clock* clock = nullptr;  // default: the system clock
    store::Database* database = nullptr;  // default: opened from --database
    bool startWorkers = true;             // the mail outbox and housekeeping threads
};

// Everything a running netcity holds, built from the configuration in one place.
class Runtime {
  public:
    explicit Runtime(const Config& config, RuntimeParts parts = {});
    ~Runtime();

    store::Database& db() { return *db_; }
    crypto::PasswordHasher& hasher() { return hasher_; }
    const store::SnilsVault& vault() const { return vault_; }
    flows::webapi::LegacyVerifiers& legacyVerifiers() { return *legacyVerifiers_; }
    const flows::Clock& clock() const { return *clock_; }
    flows::Sessions& sessions() { return *sessions_; }
    flows::AccountAdministration& accounts() { return *accounts_; }  // once the portal runs
    web::Metrics& metrics() { return metrics_; }
    flows::OutboxWorker& outbox() { return *outbox_; }
    flows::AppealReview& review() { return *review_; }
    flows::Housekeeping& housekeeping() { return *housekeeping_; }
    flows::RecoveryWorker& recoveryWorker() { return *recoveryWorker_; }

    // Starts the portal; returns the port it listens on.
    unsigned short startPortal();
    void stop();

  private:
    void startMail(const std::string& publicUrl);
    void startIdentityProvider(const web::PortalSettings& settings, web::PortalServices& services);
    const Config& config_;
    RuntimeParts parts_;
    crypto::KeyRing keys_;
    std::unique_ptr<store::Database> ownDb_;
    store::Database* db_;
    crypto::PasswordHasher hasher_;
    store::SnilsVault vault_;
    flows::SystemClock systemClock_;
    const flows::Clock* clock_;
    domain::SignInThrottle throttle_;
    std::unique_ptr<flows::Sessions> sessions_;
    std::unique_ptr<flows::AccountOverviews> overviews_;
    web::Metrics metrics_;
    std::unique_ptr<http::Templates> templates_;
    std::unique_ptr<http::HttpServer> server_;
    std::unique_ptr<esia::IdentityProvider> esiaClient_;
    std::unique_ptr<flows::CredentialCheck> credentials_;
    std::unique_ptr<flows::EsiaSignIn> esiaSignIn_;
    std::unique_ptr<mail::Letters> letters_;
    std::unique_ptr<mail::MailSender> mailSender_;
    std::unique_ptr<flows::OutboxWorker> outbox_;
    std::unique_ptr<flows::AppealReview> review_;
    std::unique_ptr<flows::AppealSubmission> appeals_;
    std::unique_ptr<flows::PersonalCards> cards_;
    std::unique_ptr<flows::AccountAdministration> accounts_;
    std::unique_ptr<flows::PasswordRecovery> recovery_;
    std::unique_ptr<flows::Housekeeping> housekeeping_;
    std::unique_ptr<flows::RecoveryWorker> recoveryWorker_;
    std::unique_ptr<flows::webapi::LegacyVerifiers> legacyVerifiers_;
    std::unique_ptr<flows::webapi::WebApiSignIn> webApiSignIn_;
};

}  // namespace netcity::app
