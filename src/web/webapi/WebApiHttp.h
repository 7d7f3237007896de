#pragma once

#include <functional>
#include <map>
#include <string>

#include "flows/Sessions.h"
#include "flows/webapi/WebApiSignIn.h"
#include "http/HttpExchange.h"

namespace netcity::web::webapi {

// What every part of /webapi shares: the JSON it writes, the field names it reads without case,
// and the `at` header that authenticates every call after sign-in (spec/sgo-webapi.md §2, §5).

// The version logindata and sysInfo report; LJS compares it with 5.29 to choose how it signs out.
inline constexpr const char* kWebApiVersion = "5.47.0";

std::string quoted(const std::string& text);  // a JSON string
std::string asciiLower(std::string text);

// Field names without case: "LoginType" and "loginType" are one field (sgo-real-api.md §2.4);
// two spellings of one name in one request are a bad request (400).
std::map<std::string, std::string> lowerCaseNames(const std::map<std::string, std::string>& in);

// Empty-body POSTs (auth/getdata, auth/logout) may still carry a small form: read and drop it,
// so that a kept-alive connection stays in step.
void discardBody(http::HttpExchange& ex);

// The signed-in session of the `at` header; 401 without one. For the post-login calls.
flows::Sessions::Active requireAt(flows::webapi::WebApiSignIn& signIn, http::HttpExchange& ex);

// A /webapi route: the path lower-case, as WebApi::routeKey gives it.
struct Endpoint {
    std::string method, path;
    std::function<void(http::HttpExchange&)> handler;
};

}  // namespace netcity::web::webapi
