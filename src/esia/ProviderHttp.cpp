#include "esia/ProviderHttp.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>
#include <mutex>

namespace netcity::esia {
namespace {

std::unique_ptr<Poco::Net::HTTPClientSession> sessionFor(const Poco::URI& uri,
                                                         std::chrono::seconds timeout) {
    std::unique_ptr<Poco::Net::HTTPClientSession> s;
    if (uri.getScheme() == "https") {
        static std::once_flag once;
        static Poco::Net::Context::Ptr context;
        std::call_once(once, [] {
            Poco::Net::initializeSSL();
            context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                             Poco::Net::Context::VERIFY_STRICT, 9, true);
        });
        s = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else {
        s = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    s->setTimeout(Poco::Timespan(static_cast<long>(timeout.count()), 0));
    return s;
}

}  // namespace

std::string urlEncode(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
    return out;
}

Poco::JSON::Object::Ptr parseJsonObject(const std::string& text) {
    Poco::JSON::Parser parser;
    auto value = parser.parse(text);
    if (value.type() != typeid(Poco::JSON::Object::Ptr))
        throw Poco::DataFormatException("not a JSON object");
    return value.extract<Poco::JSON::Object::Ptr>();
}

std::string jsonString(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) && !o->isNull(key) ? o->get(key).convert<std::string>() : std::string{};
}

std::string providerRequest(const std::string& url, const std::string& authorization,
                            const std::string& form, std::chrono::seconds timeout,
                            const std::string& peerName) {
    try {
        Poco::URI uri(url);
        auto session = sessionFor(uri, timeout);
        Poco::Net::HTTPRequest req(
            form.empty() ? Poco::Net::HTTPRequest::HTTP_GET : Poco::Net::HTTPRequest::HTTP_POST,
            uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
        if (!authorization.empty()) req.set("Authorization", authorization);
        req.set("Accept", "application/json");
        if (form.empty()) {
            session->sendRequest(req);
        } else {
            req.setContentType("application/x-www-form-urlencoded");
            req.setContentLength64(static_cast<Poco::Int64>(form.size()));
            session->sendRequest(req) << form;
        }
        Poco::Net::HTTPResponse res;
        std::string body;
        Poco::StreamCopier::copyToString(session->receiveResponse(res), body);
        if (res.getStatus() != 200)
            throw EsiaFailure(EsiaFailure::Kind::Rejected, peerName + " answered " +
                                                               std::to_string(res.getStatus()) +
                                                               ": " + body.substr(0, 300));
        return body;
    } catch (const Poco::Exception& e) {
        throw EsiaFailure(EsiaFailure::Kind::Unavailable,
                          peerName + " is unreachable: " + e.displayText());
    }
}

}  // namespace netcity::esia
