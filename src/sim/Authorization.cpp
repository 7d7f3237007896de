// GET /aas/oauth2/ac (generation 1) and /aas/oauth2/v2/ac (generation 2): spec §3, and the
// answer to the client at the flow's end, a code or an error (spec §4).
#include <Poco/URI.h>

#include <regex>

#include "crypto/Random.h"
#include "sim/EsiaSimulator.h"
#include "sim/EsiaTimestamp.h"
#include "sim/Scopes.h"

namespace netcity::sim {
namespace {

std::string encode(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
    return out;
}

bool isUuid(const std::string& s) {
    static const std::regex kUuid(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    return std::regex_match(s, kUuid);
}

// Generation 1 signs scope+timestamp+client_id+state; generation 2
// client_id+scope+scope_org+timestamp+state+redirect_uri (spec §3.1).
std::string authorizationMessage(Generation g, const std::string& clientId,
                                 const std::string& scope, const std::string& scopeOrg,
                                 const std::string& timestamp, const std::string& state,
                                 const std::string& redirectUri) {
    if (g == Generation::V1) return scope + timestamp + clientId + state;
    return clientId + scope + scopeOrg + timestamp + state + redirectUri;
}

}  // namespace

void EsiaSimulator::authorize(Ex& ex, Generation generation) {
    std::int64_t now = now_();
    std::string clientId = ex.query("client_id"), redirectUri = ex.query("redirect_uri");
    if (clientId.empty() || redirectUri.empty())
        return errorPage(ex, 400, esiaError(7014).description());
    auto client = data_.client(clientId);
    if (!client) return errorPage(ex, 400, esiaError(7002).description());
    bool registered = false;
    for (const auto& uri : client->redirectUris) registered = registered || uri == redirectUri;
    if (!registered) return errorPage(ex, 400, esiaError(7023).description());

    LoginFlow flow;
    flow.generation = generation;
    flow.clientId = clientId;
    flow.redirectUri = redirectUri;
    flow.scope = ex.query("scope");
    flow.scopeOrg = ex.query("scope_org");
    flow.state = ex.query("state");
    flow.nonce = ex.query("nonce");
    auto fail = [&](int code) { redirectWithError(ex, flow, esiaError(code)); };

    std::string timestamp = ex.query("timestamp"), secret = ex.query("client_secret"),
                responseType = ex.query("response_type"),
                certificateHash = ex.query("client_certificate_hash");
    if (flow.scope.empty()) return fail(7013);
    if (responseType.empty() || flow.state.empty() || timestamp.empty() || secret.empty() ||
        (generation == Generation::V2 && certificateHash.empty()))
        return fail(7014);
    auto when = parseEsiaTimestamp(timestamp);
    if (!when || *when < now - settings_.allowedSkew || *when > now + settings_.allowedSkew)
        return fail(7015);
    if (responseType != "code") return fail(7012);
    auto scopes = splitScopes(flow.scope);
    bool openid = false;
    for (const auto& s : scopes) {
        if (!scopeInfo(s) || !client->scopes.count(s)) return fail(7006);
        openid = openid || s == "openid";
    }
    if (!openid) return fail(7006);
    if (!isUuid(flow.state)) return fail(7003);
    std::string message = authorizationMessage(generation, clientId, flow.scope, flow.scopeOrg,
                                               timestamp, flow.state, redirectUri);
    if (auto error = checkClientSecret(*client, generation, message, secret, certificateHash))
        return redirectWithError(ex, flow, *error);
    if (!state_.firstUseOfRequest("ac|" + clientId + "|" + secret.substr(0, secret.find('=')), now))
        return fail(7003);

    std::string id = state_.startFlow(flow, now);
    ex.setCookie(kFlowCookie, id, -1, false);
    ex.redirect("/idp/login?flow=" + id);
}

void EsiaSimulator::redirectWithError(Ex& ex, const LoginFlow& flow, const EsiaError& error) {
    std::string sep = flow.redirectUri.find('?') == std::string::npos ? "?" : "&";
    std::string location = flow.redirectUri + sep + "error=" + encode(error.error) +
                           "&error_description=" + encode(error.description());
    if (!flow.state.empty()) location += "&state=" + encode(flow.state);
    if (!flow.id.empty()) state_.endFlow(flow.id);
    ex.redirect(location);
}

void EsiaSimulator::finish(Ex& ex, const LoginFlow& flow) {
    std::int64_t now = now_();
    Grant grant;
    grant.clientId = flow.clientId;
    grant.redirectUri = flow.redirectUri;
    grant.scope = flow.scope;
    grant.scopeOrg = flow.scopeOrg;
    grant.nonce = flow.nonce;
    grant.oid = flow.oid;
    grant.authTime = now;
    grant.sessionId = crypto::toHex(crypto::randomBytes(32));
    std::string code = state_.issueCode(grant, flow.generation, now);
    state_.endFlow(flow.id);
    ex.clearCookie(kFlowCookie, false);
    std::string sep = flow.redirectUri.find('?') == std::string::npos ? "?" : "&";
    ex.redirect(flow.redirectUri + sep + "code=" + encode(code) + "&state=" + encode(flow.state));
}

}  // namespace netcity::sim
