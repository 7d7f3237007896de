#pragma once

#include <map>
#include <memory>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/EsiaLinkRule.h"
#include "domain/SignInThrottle.h"
#include "flows/AccountAdministration.h"
#include "flows/AccountOverviews.h"
#include "flows/AppealReview.h"
#include "flows/AppealSubmission.h"
#include "flows/Clock.h"
#include "flows/CredentialCheck.h"
#include "flows/EsiaSignIn.h"
#include "flows/OutboxWorker.h"
#include "flows/PasswordRecovery.h"
#include "flows/PersonalCards.h"
#include "flows/RecoveryWorker.h"
#include "flows/Sessions.h"
#include "http/HttpServer.h"
#include "http/Templates.h"
#include "mail/Letters.h"
#include "mail/SmtpMailSender.h"
#include "store/SnilsVault.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
#include "web/Metrics.h"
#include "web/Portal.h"

namespace netcity::testing {

// A clock tests can move.
class ManualClock : public flows::Clock {
  public:
    std::int64_t unixSeconds() const override { return unix_; }
    std::chrono::steady_clock::time_point steady() const override { return steady_; }
    void advance(std::chrono::seconds by) {
        unix_ += by.count();
        steady_ += by;
    }

  private:
    std::int64_t unix_ = 1795356816;  // 2026-11-22
    std::chrono::steady_clock::time_point steady_ =
        std::chrono::steady_clock::time_point{} + std::chrono::hours(1000);
};

// Links a Gosuslugi account to a school account the way every flow does (the link rule, in a
// transaction of its own); returns the verdict.
domain::LinkVerdict linkDirectly(store::Database& db, std::int64_t oid, std::int64_t accountId);

// The demo-like region used by the integration tests (docs/csv-format.md).
extern const char* kSmallRegionCsv;
// More of the gymnasium for the staff tools: 6Б with its class teacher (sokolov.pi), a student
// and her mother (orlova.di, orlova.ni), a teacher without a class who is also a 6Б parent
// (morozova.on, morozova.rod), and the kindergarten's administrator (belova.ia).
extern const char* kMoreStaffCsv;

struct EsiaOptions {
    class EsiaTestStand* stand = nullptr;  // sign-in through this emulator
    std::optional<domain::CalendarDate> cutoff = domain::CalendarDate::parse("17.03.2025");
    bool trustAnotherEsiaCertificate = false;  // tokens then fail verification
};

struct MailOptions {
    unsigned short smtpPort = 1;  // where letters go; nothing listens on port 1
};

// The real portal over a real HTTP socket on a free port, with a fresh database. Letters wait
// in the outbox until a test calls deliverMail() (or starts the worker).
class TestPortal {
  public:
    explicit TestPortal(web::PortalSettings settings = {}, EsiaOptions esia = {},
                        MailOptions mail = {});
    ~TestPortal();

    TestDatabase& database() { return database_; }
    store::Database& db() { return database_.db(); }
    unsigned short port() const { return server_->port(); }
    crypto::PasswordHasher& hasher() { return hasher_; }
    ManualClock& clock() { return clock_; }
    const store::SnilsVault& vault() const { return vault_; }
    web::Metrics& metrics() { return metrics_; }
    std::int64_t organizationId(const std::string& key);
    std::int64_t accountId(const std::string& organizationKey, const std::string& login);
    void import(const char* csv);  // more people (docs/csv-format.md)
    int deliverMail() { return outbox_->runOnce(); }
    // Recovery requests wait in their queue until a test answers them (issue #17).
    int answerRecoveryRequests() { return recoveryWorker_->runOnce(); }
    flows::OutboxWorker& outbox() { return *outbox_; }
    flows::AppealReview& review() { return *review_; }

  private:
    TestDatabase database_;
    crypto::PasswordHasher hasher_;
    store::SnilsVault vault_;
    ManualClock clock_;
    domain::SignInThrottle throttle_;
    flows::Sessions sessions_;
    flows::AccountOverviews overviews_;
    web::Metrics metrics_;
    http::Templates templates_;
    std::unique_ptr<esia::EsiaClient> esiaClient_;
    std::unique_ptr<flows::CredentialCheck> credentials_;
    std::unique_ptr<flows::EsiaSignIn> esiaSignIn_;
    std::unique_ptr<mail::Letters> letters_;
    std::unique_ptr<mail::SmtpMailSender> mailSender_;
    std::unique_ptr<flows::OutboxWorker> outbox_;
    std::unique_ptr<flows::AppealReview> review_;
    std::unique_ptr<flows::AppealSubmission> appeals_;
    std::unique_ptr<flows::PersonalCards> cards_;
    std::unique_ptr<flows::AccountAdministration> accounts_;
    std::unique_ptr<flows::PasswordRecovery> recovery_;
    std::unique_ptr<flows::RecoveryWorker> recoveryWorker_;
    std::unique_ptr<http::HttpServer> server_;
};

}  // namespace netcity::testing
