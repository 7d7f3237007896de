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
    enum class CertificateFile { Pem, Der, Zip };

    // Binds a sign-in flow to the browser that started it.
    static constexpr const char* kFlowCookie = "esia_flow";
    // The person's session at the emulator: a second client signs in without the password.
    static constexpr const char* kSsoCookie = "esia_sso";

    // Wiring (EsiaSimulator.cpp)
    void dispatch(Ex& ex);
    void renderPage(Ex& ex, const std::string& name, const std::string& title,
                    http::TemplateData data, int status = 200);
    void errorPage(Ex& ex, int status, const std::string& message);
    // "http://host:port" the client reached, or the configured public URL: links point there.
    std::string origin(Ex& ex) const;
    // Authorization: /aas/oauth2/ac and /aas/oauth2/v2/ac, and the answer to the client
    // (Authorization.cpp)
    void authorize(Ex& ex, Generation generation);
    void finish(Ex& ex, const LoginFlow& flow);
    void redirectWithError(Ex& ex, const LoginFlow& flow, const EsiaError& error);
    // The person's pages: login, SMS code, consent, logout (SignInPages.cpp)
    void loginPage(Ex& ex);
    void loginSubmit(Ex& ex);
    void smsSubmit(Ex& ex);
    void consentSubmit(Ex& ex);
    void logout(Ex& ex);
    void advance(Ex& ex, LoginFlow flow);  // shows the next page of the flow, or redirects
    LoginFlow flowFromForm(Ex& ex);
    // Token endpoint: /aas/oauth2/te and /aas/oauth2/v3/te (TokenEndpoint.cpp)
    void token(Ex& ex, Generation generation);
    // Person REST API: /rs/prns/… (PersonApi.cpp)
    void personApi(Ex& ex);
    // /public/esia.pem, .cer, .zip (PublicCertificate.cpp)
    void certificate(Ex& ex, CertificateFile file);
    // /sim/dev (DeveloperPage.cpp)
    void developerPage(Ex& ex);
    // /sim/api/… (AdminApi.cpp)
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
