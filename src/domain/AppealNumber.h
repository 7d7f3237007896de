#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netcity::domain {

// The number an applicant is told («Успешно создано обращение №А-107119599-94-07», seed 004)
// and reads out over the phone: А-SSSSSSSSS-CC-MM, a nine-digit serial, two check digits
// (ISO 7064 MOD 97-10 over the serial, so a misheard digit is caught) and the month of
// submission. Serials are random, so numbers say nothing about how many appeals a school has.
class AppealNumber {
  public:
    // `serial` must have nine digits (100000000–999999999), `month` 1–12.
    static std::optional<AppealNumber> make(std::uint32_t serial, int month);
    // Accepts the Cyrillic or Latin letter, an optional leading «№» and surrounding spaces.
    static std::optional<AppealNumber> parse(std::string_view text);

    const std::string& text() const { return text_; }
    bool operator==(const AppealNumber&) const = default;

  private:
    explicit AppealNumber(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

}  // namespace netcity::domain
