#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netcity::domain {

// An address mail can be sent to: local@domain, no spaces or control characters (they would
// break the SMTP envelope), a dot in the domain, at most 254 characters. Internationalised
// addresses pass as UTF-8; the mail server decides whether it can deliver them.
class EmailAddress {
  public:
    static std::optional<EmailAddress> parse(std::string_view text);
    const std::string& text() const { return text_; }

  private:
    explicit EmailAddress(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

}  // namespace netcity::domain
