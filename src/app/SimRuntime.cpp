#include "app/SimRuntime.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace netcity::app {
namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writePrivateFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    ::chmod(path.c_str(), 0600);
}

}  // namespace

std::pair<crypto::PrivateKey, crypto::Certificate> loadOrCreateKeyPair(
    const std::string& dir, const std::string& name, bool gost, const std::string& commonName) {
    std::filesystem::create_directories(dir);
    std::string keyPath = dir + "/" + name + ".key", certPath = dir + "/" + name + ".crt";
    if (std::filesystem::exists(keyPath) && std::filesystem::exists(certPath))
        return {crypto::PrivateKey::fromPem(readFile(keyPath)),
                crypto::Certificate::fromPem(readFile(certPath))};
    auto key =
        gost ? crypto::PrivateKey::generateGost("XA") : crypto::PrivateKey::generateRsa(2048);
    auto cert = crypto::Certificate::selfSigned(key, commonName);
    writePrivateFile(keyPath, key.pem());
    std::ofstream(certPath) << cert.pem();
    return {std::move(key), std::move(cert)};
}

SimRuntime::SimRuntime(const Config& config, const std::string& dataJson,
                       const std::string& baseDir)
    : config_(config) {
    crypto::loadGostEngine();
    data_.load(dataJson, baseDir);
    std::string alg = config.get("sim-token-alg");
    if (alg != "gost" && alg != "rs256")
        throw std::invalid_argument("--sim-token-alg must be gost or rs256");
    auto [key, cert] =
        loadOrCreateKeyPair(config.get("data-dir"), alg == "gost" ? "esia-sim" : "esia-sim-rsa",
                            alg == "gost", "ESIA emulator (netcity esia-sim)");
    key_ = std::make_unique<crypto::PrivateKey>(std::move(key));
    certificate_ = std::make_unique<crypto::Certificate>(std::move(cert));
}

unsigned short SimRuntime::start() {
    http::HttpServerSettings server;
    server.bindAddress = config_.get("bind");
    server.port = static_cast<unsigned short>(config_.getInt("sim-port"));
    server.maxThreads = 64;
    auto socket = http::HttpServer::bind(server);
    baseUrl_ = "http://" + config_.get("bind") + ":" + std::to_string(socket.address().port());
    // Production ESIA's issuer by default, so that clients written for it accept the tokens.
    std::string issuer = config_.get("sim-issuer");
    if (issuer.empty()) throw std::invalid_argument("--sim-issuer must not be empty");
    minter_ = std::make_unique<sim::TokenMinter>(crypto::PrivateKey::fromPem(key_->pem()), issuer);
    sim::SimSettings settings;
    settings.publicUrl = config_.get("sim-public-url");
    settings.adminApi = config_.getBool("sim-admin-api");
    settings.accessLog = config_.getBool("access-log");
    auto now = [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    Poco::Net::HTTPRequestHandlerFactory::Ptr simulator(new sim::EsiaSimulator(
        data_, *minter_, crypto::Certificate::fromPem(certificate_->pem()), settings, now));
    server_ = std::make_unique<http::HttpServer>(simulator, std::move(socket), server);
    return server_->port();
}

void SimRuntime::stop() {
    if (server_) server_->stop();
}

}  // namespace netcity::app
