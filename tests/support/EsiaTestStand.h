#pragma once

#include <functional>
#include <memory>
#include <string>

#include "crypto/Gost.h"
#include "http/HttpServer.h"
#include "sim/EsiaSimulator.h"

namespace netcity::testing {

// The ESIA emulator as a real peer for the portal's integration tests: its own port, its own
// persons (matching, or deliberately not matching, the fixture region of TestPortal).
class EsiaTestStand {
  public:
    EsiaTestStand();
    ~EsiaTestStand();
    void stop() { server_->stop(); }

    unsigned short port() const { return server_->port(); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
    const crypto::Certificate& signingCertificate() const { return *signingCertificate_; }
    sim::SimData& data() { return data_; }
    sim::EsiaSimulator& simulator() { return *simulator_; }
    // Registers the portal as client NETCITY01 with its callback URLs and certificate.
    void registerPortal(const std::string& portalUrl, const crypto::Certificate& certificate);
    // The emulator's clock: by default the real time; tests share the portal's ManualClock.
    void setClock(std::function<std::int64_t()> now) { now_ = std::move(now); }

    // Persons (password "Gosuslugi-1" for all)
    static constexpr std::int64_t kTeacher = 2000000001;      // = p-teacher: full match
    static constexpr std::int64_t kParent = 2000000002;       // = p-parent, whose card has no SNILS
    static constexpr std::int64_t kUnconfirmed = 2000000003;  // = p-teacher's data, not confirmed
    static constexpr std::int64_t kTypo = 2000000004;         // p-teacher with a typo in the name
    static constexpr std::int64_t kNoEmail = 2000000006;      // nobody in the school, no e-mail

  private:
    std::function<std::int64_t()> now_;
    sim::SimData data_;
    std::unique_ptr<crypto::Certificate> signingCertificate_;
    std::unique_ptr<sim::TokenMinter> minter_;
    sim::EsiaSimulator* simulator_ = nullptr;
    std::unique_ptr<http::HttpServer> server_;
};

}  // namespace netcity::testing
