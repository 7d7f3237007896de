#pragma once

#include <string>

#include "support/HttpClient.h"

namespace netcity::testing {

// One browser between the portal and the ESIA emulator: a cookie jar per site, like a real
// one, following redirects by hand.
class EsiaBrowser {
  public:
    EsiaBrowser(unsigned short portal, unsigned short esia)
        : portal_(portal), esia_(esia), esiaPort_(esia) {}
    HttpClient& portal() { return portal_; }
    HttpClient& esia() { return esia_; }
    // GET of an absolute URL on either site.
    HttpClient::Response open(const std::string& url);

    // «Войти через госуслуги» → role → Gosuslugi login (and consent) → back at the portal.
    // Returns the portal's answer to the callback.
    HttpClient::Response signIn(const std::string& role, const std::string& login,
                                bool allow = true, std::string* callbackUrl = nullptr);
    // From the portal's redirect to ESIA to the callback URL ESIA sends the browser to.
    std::string loginAtEsia(const std::string& authorizeUrl, const std::string& login,
                            bool allow = true);

  private:
    HttpClient portal_, esia_;
    unsigned short esiaPort_;
};

}  // namespace netcity::testing
