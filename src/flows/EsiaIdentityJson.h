#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "domain/AutoLinkMatcher.h"
#include "esia/EsiaIdentity.h"

namespace netcity::flows {

// A Gosuslugi profile as JSON, for the flows and appeals that keep it (always sealed).
Poco::JSON::Object::Ptr identityToJson(const esia::EsiaIdentity& who);
esia::EsiaIdentity identityFromJson(const Poco::JSON::Object::Ptr& o);
esia::EsiaChild childFromJson(const Poco::JSON::Object::Ptr& o);
Poco::JSON::Object::Ptr childToJson(const esia::EsiaChild& child);

std::string jsonText(const Poco::JSON::Object::Ptr& o);
Poco::JSON::Object::Ptr parseJsonText(const std::string& text);  // throws on bad JSON
std::string jsonField(const Poco::JSON::Object::Ptr& o, const std::string& key);

// The data the automatic match compares, as ESIA gave it.
domain::MatchableData matchableOf(const esia::EsiaIdentity& who);
domain::MatchableData matchableOf(const esia::EsiaChild& child);

}  // namespace netcity::flows
