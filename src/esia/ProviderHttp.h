#pragma once

#include <Poco/JSON/Object.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace netcity::esia {

// An identity provider's failure the person should be told about in plain words.
class EsiaFailure : public std::runtime_error {
  public:
    enum class Kind { Unavailable, Rejected, InvalidToken };
    EsiaFailure(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
    Kind kind() const { return kind_; }

  private:
    Kind kind_;
};

// The HTTP and JSON plumbing both providers need (no protocol in it).
std::string urlEncode(const std::string& text);
// Throws Poco::DataFormatException unless the text is a JSON object.
Poco::JSON::Object::Ptr parseJsonObject(const std::string& text);
std::string jsonString(const Poco::JSON::Object::Ptr& object, const std::string& key);

// GET, or POST of a form when `form` is not empty; TLS certificates checked strictly. A
// non-200 answer throws EsiaFailure::Rejected, an unreachable peer EsiaFailure::Unavailable.
std::string providerRequest(const std::string& url, const std::string& authorization,
                            const std::string& form, std::chrono::seconds timeout,
                            const std::string& peerName);

}  // namespace netcity::esia
