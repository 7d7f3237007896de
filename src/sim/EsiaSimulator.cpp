// The emulator's wiring: one handler for every request, the router, the answers to errors,
// the access log and the pages' frame. The endpoints are in files of their own.
#include "sim/EsiaSimulator.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <chrono>
#include <regex>

#include "log/JsonEscape.h"
#include "log/JsonLog.h"
#include "sim/CertificateArchive.h"

namespace netcity::embedded {
const std::map<std::string, std::string>& simFiles();
}

namespace netcity::sim {
namespace {

using http::HttpError;
using http::TemplateData;

class Dispatch : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Dispatch(EsiaSimulator& sim) : sim_(sim) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        sim_.handle(req, res);
    }

  private:
    EsiaSimulator& sim_;
};

}  // namespace

const std::map<std::string, std::string>& simFiles() {
    return embedded::simFiles();
}

EsiaSimulator::EsiaSimulator(SimData& data, TokenMinter& minter,
                             crypto::Certificate signingCertificate, SimSettings settings, Now now)
    : data_(data),
      minter_(minter),
      signingCertificate_(std::move(signingCertificate)),
      certificateArchive_(certificateArchive(signingCertificate_.der(), "esia-sim.cer")),
      settings_(std::move(settings)),
      now_(std::move(now)),
      templates_(simFiles()) {}

Poco::Net::HTTPRequestHandler* EsiaSimulator::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
    return new Dispatch(*this);
}

void EsiaSimulator::handle(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
    auto started = std::chrono::steady_clock::now();
    int status = 500;
    try {
        Ex ex(request, response);
        try {
            dispatch(ex);
        } catch (const HttpError& e) {
            if (!ex.sent()) {
                if (ex.path().rfind("/rs/", 0) == 0 || ex.path().rfind("/sim/api/", 0) == 0 ||
                    (ex.path().rfind("/aas/oauth2/", 0) == 0 && ex.method() == "POST"))
                    ex.sendJson("{\"error\":\"invalid_request\",\"error_description\":\"" +
                                    log::jsonEscape(e.message) + "\"}",
                                e.status);
                else
                    errorPage(ex, e.status, e.message);
            }
        } catch (const std::exception& e) {
            log::logJson("esia-sim.error", {{"what", e.what()}});
            if (!ex.sent()) errorPage(ex, 500, "Внутренняя ошибка эмулятора.");
        }
        status = ex.status();
    } catch (const HttpError& e) {
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(e.status));
        response.setContentType("text/plain; charset=utf-8");
        response.send() << e.message;
        status = e.status;
    } catch (const std::exception& e) {
        log::logJson("esia-sim.error", {{"what", e.what()}});
    }
    if (settings_.accessLog) {
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        log::logJson("esia-sim.http", {{"method", request.getMethod()},
                                       {"status", std::to_string(status)},
                                       {"ms", std::to_string(ms)}});
    }
}

void EsiaSimulator::dispatch(Ex& ex) {
    const std::string& p = ex.path();
    const std::string& m = ex.method();
    if (m == "GET" && p == "/aas/oauth2/ac") return authorize(ex, Generation::V1);
    if (m == "GET" && p == "/aas/oauth2/v2/ac") return authorize(ex, Generation::V2);
    if (m == "POST" && p == "/aas/oauth2/te") return token(ex, Generation::V1);
    if (m == "POST" && (p == "/aas/oauth2/v3/te" || p == "/aas/oauth2/v2/te"))
        return token(ex, Generation::V2);
    if (m == "GET" && p == "/idp/login") return loginPage(ex);
    if (m == "POST" && p == "/idp/login") return loginSubmit(ex);
    if (m == "POST" && p == "/idp/sms") return smsSubmit(ex);
    if (m == "POST" && p == "/idp/consent") return consentSubmit(ex);
    if (m == "GET" && p == "/idp/ext/Logout") return logout(ex);
    if (m == "GET" && p.rfind("/rs/prns/", 0) == 0) return personApi(ex);
    if (m == "GET" && p == "/public/esia.pem") return certificate(ex, CertificateFile::Pem);
    if (m == "GET" && p == "/public/esia.cer") return certificate(ex, CertificateFile::Der);
    if (m == "GET" && p == "/public/esia.zip") return certificate(ex, CertificateFile::Zip);
    if (m == "GET" && p == "/sim/dev") return developerPage(ex);
    if (p.rfind("/sim/api/", 0) == 0) return adminApi(ex);
    if (m == "GET" && p == "/healthz") return ex.sendText("ok\n", "text/plain; charset=utf-8");
    if (m == "GET" && p.rfind("/static/", 0) == 0) {
        const std::string* body = templates_.asset(p.substr(8));
        if (!body) throw HttpError{404, "Файл не найден."};
        return ex.sendText(*body, "text/css; charset=utf-8");
    }
    throw HttpError{404, "Страница не найдена."};
}

void EsiaSimulator::renderPage(Ex& ex, const std::string& name, const std::string& title,
                               TemplateData data, int status) {
    ex.sendHtml(templates_.page(name, title, std::move(data)), status);
}

void EsiaSimulator::errorPage(Ex& ex, int status, const std::string& message) {
    TemplateData d;
    d.set("message", message);
    renderPage(ex, "message", "Ошибка", d, status);
}

std::string EsiaSimulator::origin(Ex& ex) const {
    if (!settings_.publicUrl.empty()) {
        std::string url = settings_.publicUrl;
        while (!url.empty() && url.back() == '/') url.pop_back();
        return url;
    }
    // Only host[:port] characters: the header must not turn the links into something else.
    static const std::regex kHost(
        "^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$");
    std::string host = ex.header("Host");
    if (!std::regex_match(host, kHost)) throw HttpError{400, "Неверный заголовок Host."};
    return "http://" + host;
}

}  // namespace netcity::sim
