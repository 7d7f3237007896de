#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netcity::domain {

// Страховой номер индивидуального лицевого счёта: 9 digits and a 2-digit checksum.
// Accepts "NNN-NNN-NNN CC", "NNNNNNNNNCC" and spacing variants; stores the 11 digits.
class SnilsNumber {
  public:
    enum class ParseError { Empty, WrongLength, NotDigits, BadChecksum };

    static std::optional<SnilsNumber> parse(std::string_view text, ParseError* error = nullptr);

    const std::string& digits() const { return digits_; }
    std::string formatted() const;  // NNN-NNN-NNN CC

    static int checksumFor(std::string_view nineDigits);

    bool operator==(const SnilsNumber&) const = default;

  private:
    explicit SnilsNumber(std::string digits) : digits_(std::move(digits)) {}
    std::string digits_;
};

const char* describe(SnilsNumber::ParseError error);

}  // namespace netcity::domain
