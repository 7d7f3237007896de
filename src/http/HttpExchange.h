#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace netcity::http {

// Thrown by handlers for an answer other than success; the dispatcher renders it as a Russian
// page, or as JSON under /api/.
struct HttpError {
    int status;
    std::string message;
};

// One request and its response, with the input already checked: every query and form value is
// valid UTF-8 without control characters, and the body is within its limit.
class HttpExchange {
  public:
    HttpExchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    const std::string& method() const { return request_.getMethod(); }
    const std::string& path() const { return path_; }
    // The peer's address, or — when the peer is the trusted reverse proxy — the last address
    // that proxy wrote into X-Forwarded-For (what nginx's proxy_add_x_forwarded_for appends).
    std::string clientAddress() const;
    void trustProxy(const std::string& address) { trustedProxy_ = address; }

    std::string query(const std::string& name) const;
    std::optional<std::int64_t> queryId(const std::string& name) const;  // positive integer
    const std::map<std::string, std::string>& queryFields() const { return query_; }
    // Reads and checks an application/x-www-form-urlencoded body (at most `limit` bytes).
    void readForm(std::size_t limit = 64 * 1024, std::size_t maxFields = 64);
    // Reads a body of the given content type (e.g. "application/json") of at most `limit` bytes.
    std::string readBody(const std::string& contentType, std::size_t limit);
    std::string header(const std::string& name) const { return request_.get(name, ""); }
    std::string form(const std::string& name) const;
    const std::map<std::string, std::string>& formFields() const { return form_; }
    std::string cookie(const std::string& name) const;

    void setCookie(const std::string& name, const std::string& value, int maxAgeSeconds,
                   bool secure);
    void clearCookie(const std::string& name, bool secure);
    void setHeader(const std::string& name, const std::string& value) {
        response_.set(name, value);
    }
    void sendHtml(const std::string& html, int status = 200);
    // Browsers apply the page's form-action policy to where a form's answer redirects: a form
    // whose POST ends in a redirect to another site (an identity provider, or back to the
    // client) must name that origin ("http://host:port").
    void allowFormTarget(const std::string& origin) { formTargets_ += " " + origin; }
    void sendJson(const std::string& json, int status = 200);
    void sendText(const std::string& body, const std::string& contentType, int status = 200);
    void redirect(const std::string& location);

    int status() const { return status_; }
    bool sent() const { return sent_; }
    Poco::Net::HTTPServerRequest& request() { return request_; }

  private:
    void send(const std::string& body, const std::string& contentType, int status);

    Poco::Net::HTTPServerRequest& request_;
    Poco::Net::HTTPServerResponse& response_;
    std::string path_;
    std::map<std::string, std::string> query_, form_, cookies_;
    std::string formTargets_;
    std::string trustedProxy_;
    int status_ = 0;
    bool sent_ = false;
};

// "42" -> 42; anything but a positive decimal integer -> nullopt.
std::optional<std::int64_t> parsePositiveId(std::string_view text);

// Parses "a=1&b=%D0%B0" into a map; throws HttpError 400 on malformed escapes, invalid UTF-8,
// control characters, repeated names or more than `maxFields` fields.
std::map<std::string, std::string> parseUrlEncoded(const std::string& text,
                                                   std::size_t maxFields = 64);

}  // namespace netcity::http
