#include "flows/EsiaFlowState.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "flows/EsiaIdentityJson.h"

namespace netcity::flows {
namespace {

using Poco::JSON::Object;

const char* purposeCode(EsiaAttempt::Purpose p) {
    return p == EsiaAttempt::Purpose::Link ? "link" : "signin";
}

const char* stepCode(EsiaPending::Step s) {
    return s == EsiaPending::Step::ChooseUser ? "choose" : "not-found";
}

}  // namespace

std::string EsiaAttempt::toJson() const {
    Object::Ptr o = new Object;
    o->set("purpose", purposeCode(purpose));
    o->set("role", domain::code(role));
    o->set("account", accountId);
    o->set("session", sessionHash);
    o->set("nonce", nonce);
    o->set("scope", scope);
    o->set("verifier", verifier);
    return jsonText(o);
}

std::optional<EsiaAttempt> EsiaAttempt::fromJson(const std::string& json, std::int64_t expiresAt) {
    try {
        auto o = parseJsonText(json);
        EsiaAttempt a;
        std::string purpose = jsonField(o, "purpose");
        if (purpose != "link" && purpose != "signin") return std::nullopt;
        a.purpose = purpose == "link" ? Purpose::Link : Purpose::SignIn;
        auto role = domain::parsePortalRole(jsonField(o, "role"));
        if (!role) return std::nullopt;
        a.role = *role;
        a.accountId = o->optValue<std::int64_t>("account", 0);
        a.sessionHash = jsonField(o, "session");
        a.nonce = jsonField(o, "nonce");
        a.scope = jsonField(o, "scope");
        a.verifier = jsonField(o, "verifier");
        a.expiresAt = expiresAt;
        if (a.purpose == Purpose::Link && (a.accountId <= 0 || a.sessionHash.empty()))
            return std::nullopt;
        return a;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool EsiaPending::offers(std::int64_t accountId) const {
    return step == Step::ChooseUser &&
           std::find(choices.begin(), choices.end(), accountId) != choices.end();
}

std::string EsiaPending::toJson() const {
    Object::Ptr o = new Object;
    o->set("step", stepCode(step));
    o->set("identity", identityToJson(identity));
    o->set("role", domain::code(role));
    o->set("justLinked", justLinked);
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    for (auto id : choices) ids->add(id);
    o->set("choices", ids);
    return jsonText(o);
}

std::optional<EsiaPending> EsiaPending::fromJson(const std::string& json, std::int64_t expiresAt) {
    try {
        auto o = parseJsonText(json);
        EsiaPending p;
        std::string step = jsonField(o, "step");
        if (step != "choose" && step != "not-found") return std::nullopt;
        p.step = step == "choose" ? Step::ChooseUser : Step::NotFound;
        auto role = domain::parsePortalRole(jsonField(o, "role"));
        if (!role || !o->has("identity")) return std::nullopt;
        p.role = *role;
        p.identity = identityFromJson(o->getObject("identity"));
        p.justLinked = o->optValue<bool>("justLinked", false);
        if (auto ids = o->getArray("choices"))
            for (std::size_t i = 0; i < ids->size(); ++i)
                p.choices.push_back(ids->getElement<std::int64_t>(static_cast<unsigned>(i)));
        p.expiresAt = expiresAt;
        return p;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace netcity::flows
