#pragma once

#include <memory>
#include <string>

#include "app/Config.h"
#include "crypto/Gost.h"
#include "http/HttpServer.h"
#include "sim/EsiaSimulator.h"
#include "sim/SimData.h"
#include "sim/TokenMinter.h"

namespace netcity::app {

// A running `netcity esia-sim`: its signing key and certificate (made on first start and kept
// in the data directory), its accounts and clients, and its HTTP server.
class SimRuntime {
  public:
    // `dataJson` is the data file's text; `baseDir` resolves its certificateFile entries.
    SimRuntime(const Config& config, const std::string& dataJson, const std::string& baseDir);

    unsigned short start();
    void stop();
    sim::SimData& data() { return data_; }
    std::string baseUrl() const { return baseUrl_; }

  private:
    const Config& config_;
    sim::SimData data_;
    std::unique_ptr<crypto::PrivateKey> key_;
    std::unique_ptr<crypto::Certificate> certificate_;
    std::unique_ptr<sim::TokenMinter> minter_;
    std::unique_ptr<http::HttpServer> server_;
    std::string baseUrl_;
};

// Reads DIR/NAME.key and DIR/NAME.crt, creating a self-signed pair on first use.
std::pair<crypto::PrivateKey, crypto::Certificate> loadOrCreateKeyPair(
    const std::string& dir, const std::string& name, bool gost, const std::string& commonName);

}  // namespace netcity::app
