#include "app/Runtime.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "esia/OidcClient.h"
#include "mail/ConsoleMailSender.h"
#include "mail/SmtpMailSender.h"

namespace netcity::app {
namespace {

crypto::KeyRing openKeys(const Config& config) {
    std::filesystem::create_directories(config.get("data-dir"));
    return crypto::KeyRing::loadOrCreate(config.get("data-dir") + "/netcity.key");
}

crypto::PasswordHasher::Settings hashSettings(const Config& c) {
    return {static_cast<unsigned long long>(c.getInt("argon2-memory-kib")),
            static_cast<unsigned long long>(c.getInt("argon2-iterations")),
            c.getInt("argon2-concurrency")};
}

std::unique_ptr<store::Database> openDatabase(const Config& config, const RuntimeParts& parts) {
    if (parts.database) return nullptr;
    return store::Database::open(
        config.databaseUrl(),
        {config.getInt("db-connections"), std::chrono::milliseconds(config.getInt("db-wait-ms"))});
}

}  // namespace

Runtime::Runtime(const Config& config, RuntimeParts parts)
    : config_(config),
      parts_(parts),
      keys_(openKeys(config)),
      ownDb_(openDatabase(config, parts)),
      db_(parts.database ? parts.database : ownDb_.get()),
      hasher_(hashSettings(config)),
      vault_(keys_.subkey("snils-seal"), keys_.subkey("snils-index")),
      clock_(parts.clock ? parts.clock : &systemClock_) {
    db_->migrate();
    flows::Sessions::Settings s;
    s.idleTimeout = config.getInt("session-idle-minutes") * 60LL;
    s.absoluteTimeout = config.getInt("session-hours") * 3600LL;
    s.cacheSeconds = config.getInt("cache-seconds");
    sessions_ = std::make_unique<flows::Sessions>(*db_, *clock_, s);
    legacyVerifiers_ = std::make_unique<flows::webapi::LegacyVerifiers>(
        *db_, vault_, config.getBool("webapi-password-login"));
    overviews_ = std::make_unique<flows::AccountOverviews>(*db_, vault_, *clock_, s.cacheSeconds);
    flows::Housekeeping::Settings h;
    h.sessionIdleSeconds = s.idleTimeout;
    h.sessionAbsoluteSeconds = s.absoluteTimeout;
    housekeeping_ = std::make_unique<flows::Housekeeping>(*db_, *clock_, h);
}

Runtime::~Runtime() {
    stop();
}

namespace {

std::string readPem(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::invalid_argument("cannot read " + path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

unsigned short Runtime::startPortal() {
    templates_ = std::make_unique<http::Templates>(web::portalFiles());
    web::PortalSettings settings;
    auto policy = domain::parsePasswordLoginPolicy(config_.get("password-login"));
    if (!policy) throw std::invalid_argument("--password-login must be everyone, staff or nobody");
    settings.passwordPolicy = *policy;
    settings.secureCookies = config_.getBool("secure-cookies");
    settings.accessLog = config_.getBool("access-log");
    settings.cacheSeconds = config_.getInt("cache-seconds");
    settings.csrfKey = keys_.subkey("csrf");
    settings.requireControlQuestion = config_.getBool("esia-control-question");
    settings.trustedProxy = config_.get("trusted-proxy");
    settings.metricsToken = config_.get("metrics-token");
    auto timeZone = domain::UtcOffset::parse(config_.get("time-zone"));
    if (!timeZone) throw std::invalid_argument("--time-zone must look like +07:00");
    settings.timeZone = *timeZone;
    auto markScale = domain::journal::MarkScale::parse(config_.get("mark-scale"));
    if (!markScale) throw std::invalid_argument("--mark-scale must look like 1-5 (at most 1-10)");
    settings.markScale = *markScale;
    http::HttpServerSettings server;
    server.bindAddress = config_.get("bind");
    server.port = static_cast<unsigned short>(config_.getInt("port"));
    server.maxThreads = config_.getInt("max-threads");
    server.keepAliveSeconds = config_.getInt("keep-alive");
    auto socket = http::HttpServer::bind(server);
    settings.publicUrl = config_.get("public-url");
    if (settings.publicUrl.empty())
        settings.publicUrl =
            "http://" + config_.get("bind") + ":" + std::to_string(socket.address().port()) + "/";
    if (settings.publicUrl.back() != '/') settings.publicUrl += "/";

    startMail(settings.publicUrl);
    settings.sessionIdleSeconds = config_.getInt("session-idle-minutes") * 60LL;
    // Switched off: no verifier outlives the start of a node that does not use them.
    if (long removed = legacyVerifiers_->applySwitch(); removed > 0)
        std::cerr << "--webapi-password-login is off: " << removed
                  << " legacy password verifiers deleted\n";
    webApiSignIn_ = std::make_unique<flows::webapi::WebApiSignIn>(
        *db_, hasher_, throttle_, *clock_, *sessions_, *legacyVerifiers_, settings.passwordPolicy);
    cards_ = std::make_unique<flows::PersonalCards>(*db_, vault_, *sessions_, *clock_);
    accounts_ = std::make_unique<flows::AccountAdministration>(*db_, vault_, hasher_, *sessions_,
                                                               *clock_, legacyVerifiers_.get());
    flows::PasswordRecovery::Settings recovery;
    recovery.resetUrl = settings.publicUrl + "recover/reset?token=";
    recovery_ = std::make_unique<flows::PasswordRecovery>(
        *db_, hasher_, *sessions_, *letters_, *clock_, recovery, [this] { outbox_->wake(); },
        [this] { recoveryWorker_->wake(); }, legacyVerifiers_.get());
    // The page only queues a recovery request; this worker answers it (issue #17).
    recoveryWorker_ =
        std::make_unique<flows::RecoveryWorker>(*recovery_, flows::RecoveryWorker::Settings{});
    if (parts_.startWorkers) recoveryWorker_->start();
    web::PortalServices services{*db_,
                                 hasher_,
                                 throttle_,
                                 *clock_,
                                 *sessions_,
                                 *overviews_,
                                 vault_,
                                 metrics_,
                                 *templates_,
                                 *review_,
                                 *cards_,
                                 *accounts_,
                                 *recovery_,
                                 nullptr,
                                 nullptr,
                                 nullptr,
                                 [this] { outbox_->wake(); },
                                 webApiSignIn_.get(),
                                 legacyVerifiers_.get()};
    startIdentityProvider(settings, services);
    Poco::Net::HTTPRequestHandlerFactory::Ptr portal(new web::Portal(services, settings));
    server_ = std::make_unique<http::HttpServer>(portal, std::move(socket), server);
    if (parts_.startWorkers) housekeeping_->start();
    return server_->port();
}

void Runtime::startIdentityProvider(const web::PortalSettings& settings,
                                    web::PortalServices& services) {
    if (!config_.get("oidc-issuer").empty()) {
        esia::OidcClientSettings os;
        os.issuer = config_.get("oidc-issuer");
        os.clientId = config_.get("oidc-client-id");
        os.clientSecret = config_.get("oidc-client-secret");
        esiaClient_ = std::make_unique<esia::OidcClient>(os);
    } else if (!config_.get("esia-url").empty()) {
        esia::EsiaClientSettings es;
        es.baseUrl = config_.get("esia-url");
        es.clientId = config_.get("esia-client-id");
        es.generation = config_.getInt("esia-generation");
        es.expectedIssuer = config_.get("esia-issuer");
        // What production ESIA issues (spec §1), whatever address it is reached at.
        if (es.expectedIssuer.empty()) es.expectedIssuer = "http://esia.gosuslugi.ru/";
        std::string dir = config_.get("data-dir");
        std::string keyFile = config_.get("esia-key-file"),
                    certFile = config_.get("esia-cert-file");
        if (keyFile.empty()) keyFile = dir + "/portal-esia-client.key";
        if (certFile.empty()) certFile = dir + "/portal-esia-client.crt";
        if (config_.get("esia-signing-cert-file").empty())
            throw std::invalid_argument("--esia-signing-cert-file is required with --esia-url");
        esiaClient_ = std::make_unique<esia::EsiaClient>(
            es, crypto::PrivateKey::fromPem(readPem(keyFile)),
            crypto::Certificate::fromPem(readPem(certFile)),
            crypto::Certificate::fromPem(readPem(config_.get("esia-signing-cert-file"))));
    }
    if (esiaClient_) {
        credentials_ = std::make_unique<flows::CredentialCheck>(*db_, hasher_, throttle_, *clock_);
        std::string cutoff = config_.get("esia-cutoff-date");
        auto cutoffDate = domain::CalendarDate::parse(cutoff);
        if (!cutoff.empty() && !cutoffDate)
            throw std::invalid_argument("--esia-cutoff-date must be DD.MM.YYYY");
        flows::EsiaSignIn::Settings esiaSettings;
        esiaSettings.callbackUrl = settings.publicUrl + "esia/callback";
        esiaSettings.linkCallbackUrl = settings.publicUrl + "esia/link/callback";
        esiaSettings.timeZone = settings.timeZone;
        esiaSignIn_ = std::make_unique<flows::EsiaSignIn>(*db_, *esiaClient_, vault_, *credentials_,
                                                          domain::SelfLinkingPolicy(cutoffDate),
                                                          *clock_, esiaSettings);
        services.esia = esiaSignIn_.get();
        services.esiaClient = esiaClient_.get();
        appeals_ = std::make_unique<flows::AppealSubmission>(
            *db_, *esiaSignIn_, vault_, *letters_, *clock_, services.mailQueued, settings.timeZone);
        services.appeals = appeals_.get();
    }
}

void Runtime::startMail(const std::string& publicUrl) {
    letters_ = std::make_unique<mail::Letters>(publicUrl);
    std::string kind = config_.get("mail");
    if (kind == "console") {
        mailSender_ = std::make_unique<mail::ConsoleMailSender>(std::cout);
    } else if (kind == "smtp") {
        mail::SmtpSettings smtp;
        smtp.host = config_.get("smtp-host");
        smtp.port = static_cast<unsigned short>(config_.getInt("smtp-port"));
        smtp.startTls = config_.getBool("smtp-starttls");
        smtp.caFile = config_.get("smtp-ca-file");
        smtp.user = config_.get("smtp-user");
        smtp.password = config_.get("smtp-password");
        smtp.from = config_.get("mail-from");
        mailSender_ = std::make_unique<mail::SmtpMailSender>(smtp);
    } else {
        throw std::invalid_argument("--mail must be smtp or console");
    }
    flows::OutboxWorker::Settings worker;
    worker.firstRetrySeconds = config_.getInt("mail-retry-seconds");
    outbox_ = std::make_unique<flows::OutboxWorker>(*db_, *mailSender_, *clock_, worker);
    review_ = std::make_unique<flows::AppealReview>(*db_, vault_, *letters_, *clock_,
                                                    [this] { outbox_->wake(); });
    if (parts_.startWorkers) outbox_->start();
}

void Runtime::stop() {
    if (server_) server_->stop();  // idempotent: stop() runs again on destruction
    if (recoveryWorker_) recoveryWorker_->stop();
    if (outbox_) outbox_->stop();
    housekeeping_->stop();
}

}  // namespace netcity::app
