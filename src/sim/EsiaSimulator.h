#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <string>

#include "crypto/Gost.h"
#include "domain/LoginThrottle.h"
#include "http/HttpExchange.h"
#include "http/Templates.h"
#include "sim/SimData.h"
#include "sim/SimState.h"
#include "sim/TokenMinter.h"

namespace netcity::sim {

struct SimSettings {
    bool adminApi = false;           // /sim/api/… for tests to add and change persons
    std::int64_t allowedSkew = 600;  // seconds between the client's timestamp and ours
    std::int64_t tokenLifetime = 3600;
    bool accessLog = false;
    // The emulator's address as clients see it, for the person API's links; empty: the
    // address each request was sent to.
    std::string publicUrl;
};

// `netcity esia-sim`: an ESIA-compatible identity provider for development, tests and demos
// (../shared/spec/esia-protocol.md; docs/esia-sim.md).
class EsiaSimulator : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    using Now = std::function<std::int64_t()>;

    EsiaSimulator(SimData& data, TokenMinter& minter, crypto::Certificate signingCertificate,
                  SimSettings settings, Now now);

    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    SimState& state() { return state_; }

  private:
    using Ex = http::HttpExchange;

    void dispatch(Ex& ex);
    // Authorization: /aas/oauth2/ac and /aas/oauth2/v2/ac
    void authorize(Ex& ex, Generation generation);
    // The person's pages
    void loginPage(Ex& ex);
    void loginSubmit(Ex& ex);
    void smsSubmit(Ex& ex);
    void consentSubmit(Ex& ex);
    void logout(Ex& ex);
    void advance(Ex& ex, LoginFlow flow);  // shows the next page of the flow, or redirects
    void finish(Ex& ex, const LoginFlow& flow);
    void redirectWithError(Ex& ex, const LoginFlow& flow, const EsiaError& error);
    LoginFlow flowFromForm(Ex& ex);
    void renderPage(Ex& ex, const std::string& name, const std::string& title,
                    http::TemplateData data, int status = 200);
    void errorPage(Ex& ex, int status, const std::string& message);
    // Token endpoint: /aas/oauth2/te and /aas/oauth2/v3/te
    void token(Ex& ex, Generation generation);
    // Person REST API: /rs/prns/…
    void personApi(Ex& ex);
    // Certificate, developer page, admin API
    void certificate(Ex& ex, bool der);
    // "http://host:port" the client reached, or the configured public URL: links point there.
    std::string origin(Ex& ex) const;
    void developerPage(Ex& ex);
    void adminApi(Ex& ex);

    SimData& data_;
    TokenMinter& minter_;
    crypto::Certificate signingCertificate_;
    std::string certificateArchive_;  // /public/esia.zip
    SimSettings settings_;
    Now now_;
    SimState state_;
    http::Templates templates_;
    domain::LoginThrottle passwordThrottle_;
};

const std::map<std::string, std::string>& simFiles();

}  // namespace netcity::sim
