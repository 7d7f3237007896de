#include "support/EsiaBrowser.h"

#include <Poco/URI.h>
#include <gtest/gtest.h>

namespace netcity::testing {

HttpClient::Response EsiaBrowser::open(const std::string& url) {
    Poco::URI uri(url);
    auto& site = uri.getPort() == esiaPort_ ? esia_ : portal_;
    return site.get(uri.getPathEtc());
}

HttpClient::Response EsiaBrowser::signIn(const std::string& role, const std::string& login,
                                         bool allow, std::string* callbackUrl) {
    auto page = portal_.get("/esia/start");
    EXPECT_EQ(page.status, 200);
    auto toEsia =
        portal_.post("/esia/start", "csrf=" + HttpClient::csrfFrom(page.body) + "&role=" + role);
    EXPECT_EQ(toEsia.status, 303);
    std::string callback = loginAtEsia(toEsia.location, login, allow);
    if (callbackUrl) *callbackUrl = callback;
    return open(callback);
}

std::string EsiaBrowser::loginAtEsia(const std::string& authorizeUrl, const std::string& login,
                                     bool allow) {
    auto r = open(authorizeUrl);
    if (r.location.find("/idp/login") == std::string::npos) return r.location;
    std::string flow = Poco::URI(r.location).getQueryParameters().at(0).second;
    auto page = esia_.get(r.location);
    if (page.status == 303) return page.location;  // signed in at ESIA already
    r = esia_.post("/idp/login",
                   "flow=" + flow + "&login=" + urlEncode(login) + "&password=Gosuslugi-1");
    if (r.status == 200 && r.body.find("consent-form") != std::string::npos)
        r = esia_.post("/idp/consent", "flow=" + flow + "&decision=" + (allow ? "allow" : "deny"));
    return r.location;
}

}  // namespace netcity::testing
