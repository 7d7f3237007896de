#include "sim/EsiaError.h"

#include <cstdio>
#include <map>

namespace netcity::sim {

std::string EsiaError::description() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "ESIA-%06d", code);
    return std::string(buf) + ": " + text;
}

EsiaError esiaError(int code) {
    static const std::map<int, std::pair<const char*, const char*>> kErrors{
        {7002, {"invalid_client", "The client certificate does not match the client identifier"}},
        {7003, {"invalid_request", "The request contains an invalid or repeated parameter"}},
        {7004, {"access_denied", "The resource owner or authorization server denied the request."}},
        {7005, {"unauthorized_client", "The client is not allowed to use this grant method"}},
        {7006, {"invalid_scope", "The requested scope is invalid or unknown"}},
        {7007, {"server_error", "Unexpected server error"}},
        {7009, {"unsupported_grant_type", "The grant type is not supported"}},
        {7011,
         {"invalid_grant",
          "The authorization code or refresh token is invalid, expired, revoked, does not "
          "match the redirect URI or was issued to another client"}},
        {7012, {"unsupported_response_type", "The response type is not supported"}},
        {7013, {"invalid_request", "The request does not contain a scope"}},
        {7014, {"invalid_request", "The request does not contain the mandatory parameter"}},
        {7015, {"invalid_request", "Wrong request time"}},
        {7023, {"invalid_request", "The redirect_uri is not registered for the client"}},
        {7053, {"invalid_client", "Invalid client_secret"}},
        {7055, {"access_denied", "Login with an unconfirmed account is not allowed"}},
    };
    auto it = kErrors.find(code);
    if (it == kErrors.end()) return {"server_error", 7007, "Unexpected server error"};
    return {it->second.first, code, it->second.second};
}

}  // namespace netcity::sim
