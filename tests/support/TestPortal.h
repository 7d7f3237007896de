#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/Config.h"
#include "app/Runtime.h"
#include "domain/EsiaLinkRule.h"
#include "flows/Clock.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
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

// The real portal over a real HTTP socket on a free port, with a fresh database: the shipped
// wiring (app::Runtime) built from a configuration as `netcity serve` builds it, with the
// test's clock and database handed in. Letters wait in the outbox until a test calls
// deliverMail() (or starts the worker); housekeeping runs when a test calls it.
class TestPortal {
  public:
    explicit TestPortal(web::PortalSettings settings = {}, EsiaOptions esia = {},
                        MailOptions mail = {});
    ~TestPortal();

    TestDatabase& database() { return database_; }
    store::Database& db() { return database_.db(); }
    unsigned short port() const { return port_; }
    crypto::PasswordHasher& hasher() { return runtime_->hasher(); }
    ManualClock& clock() { return clock_; }
    const store::SnilsVault& vault() const { return runtime_->vault(); }
    web::Metrics& metrics() { return runtime_->metrics(); }
    app::Runtime& runtime() { return *runtime_; }
    std::int64_t organizationId(const std::string& key);
    std::int64_t accountId(const std::string& organizationKey, const std::string& login);
    void import(const char* csv);  // more people (docs/csv-format.md)
    int deliverMail() { return runtime_->outbox().runOnce(); }
    // Recovery requests wait in their queue until a test answers them.
    int answerRecoveryRequests() { return runtime_->recoveryWorker().runOnce(); }
    flows::OutboxWorker& outbox() { return runtime_->outbox(); }
    flows::AppealReview& review() { return runtime_->review(); }

  private:
    TestDatabase database_;
    ManualClock clock_;
    app::Config config_;
    std::unique_ptr<app::Runtime> runtime_;
    unsigned short port_ = 0;
};

}  // namespace netcity::testing
