// POST /aas/oauth2/te (generation 1) and /aas/oauth2/v3/te (generation 2): spec §5.
#include "log/JsonEscape.h"
#include "sim/EsiaSimulator.h"
#include "sim/EsiaTimestamp.h"

namespace netcity::sim {
namespace {

std::string errorJson(const EsiaError& e, const std::string& state) {
    return "{\"error\":\"" + e.error + "\",\"error_description\":\"" +
           log::jsonEscape(e.description()) + "\",\"state\":\"" + log::jsonEscape(state) + "\"}";
}

}  // namespace

void EsiaSimulator::token(Ex& ex, Generation generation) {
    ex.readForm(32 * 1024);
    std::int64_t now = now_();
    std::string state = ex.form("state");
    auto fail = [&](int code) {
        int status = code == 7002 || code == 7053 ? 401 : 400;
        ex.sendJson(errorJson(esiaError(code), state), status);
    };
    std::string clientId = ex.form("client_id"), grantType = ex.form("grant_type"),
                secret = ex.form("client_secret"), timestamp = ex.form("timestamp"),
                scope = ex.form("scope"), scopeOrg = ex.form("scope_org"),
                redirectUri = ex.form("redirect_uri"), code = ex.form("code"),
                refresh = ex.form("refresh_token"),
                certificateHash = ex.form("client_certificate_hash");
    if (clientId.empty() || grantType.empty() || secret.empty() || state.empty() ||
        timestamp.empty() || redirectUri.empty() ||
        (generation == Generation::V2 && certificateHash.empty()))
        return fail(7014);
    auto client = data_.client(clientId);
    if (!client) return fail(7002);
    if (grantType != "authorization_code" && grantType != "refresh_token") return fail(7009);
    if ((grantType == "authorization_code" && code.empty()) ||
        (grantType == "refresh_token" && refresh.empty()))
        return fail(7014);
    auto when = parseEsiaTimestamp(timestamp);
    if (!when || *when < now - settings_.allowedSkew || *when > now + settings_.allowedSkew)
        return fail(7015);

    std::string message = generation == Generation::V1
                              ? scope + timestamp + clientId + state
                              : clientId + scope + scopeOrg + timestamp + state + redirectUri +
                                    (grantType == "authorization_code" ? code : "");
    if (auto error = checkClientSecret(*client, generation, message, secret, certificateHash))
        return ex.sendJson(errorJson(*error, state), 401);
    if (!state_.firstUseOfRequest("te|" + clientId + "|" + secret.substr(0, secret.find('=')), now))
        return fail(7003);

    auto grant = grantType == "authorization_code" ? state_.redeemCode(code, now)
                                                   : state_.redeemRefreshToken(refresh, now);
    if (!grant || grant->clientId != clientId || grant->redirectUri != redirectUri ||
        (!scope.empty() && scope != grant->scope))
        return fail(7011);
    auto person = data_.person(grant->oid);
    if (!person) return fail(7011);

    std::string accessToken = minter_.accessToken(*grant, now, settings_.tokenLifetime);
    std::string idToken = minter_.idToken(*grant, *person, now, settings_.tokenLifetime);
    std::string refreshToken = state_.issueRefreshToken(*grant, now);
    ex.sendJson("{\"access_token\":\"" + accessToken + "\",\"id_token\":\"" + idToken +
                "\",\"refresh_token\":\"" + refreshToken +
                "\",\"expires_in\":" + std::to_string(settings_.tokenLifetime) + ",\"state\":\"" +
                log::jsonEscape(state) + "\",\"token_type\":\"Bearer\"}");
}

}  // namespace netcity::sim
