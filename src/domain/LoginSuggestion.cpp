#include "domain/LoginSuggestion.h"

#include <string_view>

namespace netcity::domain {
namespace {

std::string withoutSeparators(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '-' && c != '\t') out += c;
    return out;
}

// The first letter of a UTF-8 word (one to four bytes).
std::string initial(std::string_view s) {
    if (s.empty()) return {};
    auto lead = static_cast<unsigned char>(s[0]);
    std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return std::string(s.substr(0, std::min(n, s.size())));
}

}  // namespace

std::string suggestLogin(const PersonName& name, int attempt) {
    std::string login = withoutSeparators(name.last) + initial(name.first) + initial(name.middle);
    if (attempt > 1) login += std::to_string(attempt);
    return login;
}

}  // namespace netcity::domain
