#include "domain/EmailAddress.h"

#include "domain/Utf8Text.h"

namespace netcity::domain {

std::optional<EmailAddress> EmailAddress::parse(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty() || text.size() > 254 || !isValidUtf8(text)) return std::nullopt;
    for (unsigned char c : text)
        if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
            c == '\\' || c == '(' || c == ')')
            return std::nullopt;
    auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
        return std::nullopt;
    auto domain = text.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
        domain.find("..") != std::string_view::npos)
        return std::nullopt;
    return EmailAddress(std::string(text));
}

}  // namespace netcity::domain
