#include "app/Runtime.h"

#include <filesystem>
#include <stdexcept>

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

}  // namespace

Runtime::Runtime(const Config& config)
    : config_(config),
      keys_(openKeys(config)),
      db_(store::Database::open(config.databaseUrl(), config.getInt("max-threads") + 8)),
      hasher_(hashSettings(config)),
      vault_(keys_.subkey("snils-seal"), keys_.subkey("snils-index")) {
    db_->migrate();
    flows::Sessions::Settings s;
    s.idleTimeout = config.getInt("session-idle-minutes") * 60LL;
    s.absoluteTimeout = config.getInt("session-hours") * 3600LL;
    s.cacheSeconds = config.getInt("cache-seconds");
    sessions_ = std::make_unique<flows::Sessions>(*db_, clock_, s);
    overviews_ = std::make_unique<flows::AccountOverviews>(*db_, vault_, clock_, s.cacheSeconds);
}

unsigned short Runtime::startPortal() {
    templates_ = std::make_unique<http::Templates>(web::portalFiles());
    web::PortalSettings settings;
    auto policy = domain::parsePasswordLoginPolicy(config_.get("password-login"));
    if (!policy) throw std::invalid_argument("--password-login must be everyone, staff or nobody");
    settings.passwordPolicy = *policy;
    settings.secureCookies = config_.getBool("secure-cookies");
    settings.accessLog = config_.getBool("access-log");
    settings.csrfKey = keys_.subkey("csrf");
    web::PortalServices services{*db_,        hasher_, throttle_, clock_,     *sessions_,
                                 *overviews_, vault_,  metrics_,  *templates_};
    Poco::Net::HTTPRequestHandlerFactory::Ptr portal(new web::Portal(services, settings));
    http::HttpServerSettings server;
    server.bindAddress = config_.get("bind");
    server.port = static_cast<unsigned short>(config_.getInt("port"));
    server.maxThreads = config_.getInt("max-threads");
    server.keepAliveSeconds = config_.getInt("keep-alive");
    server_ = std::make_unique<http::HttpServer>(portal, server);
    return server_->port();
}

void Runtime::stop() {
    if (server_) server_->stop();
}

}  // namespace netcity::app
