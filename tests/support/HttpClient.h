#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace netcity::testing {

// A browser stand-in: keeps cookies, does not follow redirects.
class HttpClient {
  public:
    explicit HttpClient(unsigned short port) : port_(port) {}
    struct Response {
        int status = 0;
        std::string body, location, contentType;
        std::map<std::string, std::string> setCookies;  // name -> full header
    };
    Response get(const std::string& path);
    Response post(const std::string& path, const std::string& body,
                  const std::string& contentType = "application/x-www-form-urlencoded");
    Response request(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& contentType);
    // The CSRF token of the first form on the page.
    static std::string csrfFrom(const std::string& html);
    std::string cookie(const std::string& name) const;
    // Sent with every request (e.g. Authorization).
    std::map<std::string, std::string> headers;
    void setCookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    void dropCookie(const std::string& name) { cookies_.erase(name); }

    // GET /login, then POST the form: the common way in.
    Response signIn(std::int64_t organizationId, const std::string& login,
                    const std::string& password);

  private:
    unsigned short port_;
    std::map<std::string, std::string> cookies_;
};

std::string urlEncode(const std::string& text);

}  // namespace netcity::testing
