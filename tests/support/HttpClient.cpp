#include "support/HttpClient.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace netcity::testing {

std::string urlEncode(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
    return out;
}

HttpClient::Response HttpClient::get(const std::string& path) {
    return request("GET", path, "", "");
}

HttpClient::Response HttpClient::post(const std::string& path, const std::string& body,
                                      const std::string& contentType) {
    return request("POST", path, body, contentType);
}

HttpClient::Response HttpClient::request(const std::string& method, const std::string& path,
                                         const std::string& body, const std::string& contentType) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port_);
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!cookies_.empty()) {
        Poco::Net::NameValueCollection jar;
        for (const auto& [k, v] : cookies_) jar.add(k, v);
        req.setCookies(jar);
    }
    if (method == "POST") {
        req.setContentType(contentType);
        req.setContentLength64(static_cast<Poco::Int64>(body.size()));
        session.sendRequest(req) << body;
    } else {
        session.sendRequest(req);
    }
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    Response out;
    out.status = res.getStatus();
    Poco::StreamCopier::copyToString(in, out.body);
    out.location = res.get("Location", "");
    out.contentType = res.getContentType();
    for (auto it = res.find("Set-Cookie"); it != res.end() && it->first == "Set-Cookie"; ++it) {
        const std::string& header = it->second;
        auto eq = header.find('='), semi = header.find(';');
        std::string name = header.substr(0, eq), value = header.substr(eq + 1, semi - eq - 1);
        out.setCookies[name] = header;
        if (header.find("Max-Age=0") != std::string::npos)
            cookies_.erase(name);
        else
            cookies_[name] = value;
    }
    return out;
}

std::string HttpClient::csrfFrom(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    auto pos = html.find(marker);
    if (pos == std::string::npos) return {};
    pos += marker.size();
    return html.substr(pos, html.find('"', pos) - pos);
}

std::string HttpClient::cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? std::string{} : it->second;
}

HttpClient::Response HttpClient::signIn(std::int64_t organizationId, const std::string& login,
                                        const std::string& password) {
    auto page = get("/login");
    return post("/login", "csrf=" + csrfFrom(page.body) +
                              "&organization=" + std::to_string(organizationId) +
                              "&login=" + urlEncode(login) + "&password=" + urlEncode(password));
}

}  // namespace netcity::testing
