#include "domain/SnilsNumber.h"

#include <cctype>

namespace netcity::domain {

int SnilsNumber::checksumFor(std::string_view nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (nineDigits[i] - '0') * (9 - i);
    if (sum < 100) return sum;
    if (sum <= 101) return 0;
    int rest = sum % 101;
    return rest == 100 ? 0 : rest;
}

std::optional<SnilsNumber> SnilsNumber::parse(std::string_view text, ParseError* error) {
    auto fail = [error](ParseError e) {
        if (error) *error = e;
        return std::nullopt;
    };
    std::string digits;
    bool sawAnything = false;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        sawAnything = true;
        if (!std::isdigit(static_cast<unsigned char>(c))) return fail(ParseError::NotDigits);
        digits.push_back(c);
    }
    if (!sawAnything) return fail(ParseError::Empty);
    if (digits.size() != 11) return fail(ParseError::WrongLength);
    // Numbers up to 001-001-998 were issued before the checksum rule existed.
    if (digits.substr(0, 9) > "001001998") {
        int expected = checksumFor(digits);
        if (std::stoi(digits.substr(9)) != expected) return fail(ParseError::BadChecksum);
    }
    return SnilsNumber(std::move(digits));
}

std::string SnilsNumber::formatted() const {
    return digits_.substr(0, 3) + "-" + digits_.substr(3, 3) + "-" + digits_.substr(6, 3) + " " +
           digits_.substr(9, 2);
}

const char* describe(SnilsNumber::ParseError error) {
    switch (error) {
        case SnilsNumber::ParseError::Empty:
            return "СНИЛС не указан";
        case SnilsNumber::ParseError::WrongLength:
            return "СНИЛС должен содержать 11 цифр";
        case SnilsNumber::ParseError::NotDigits:
            return "СНИЛС может содержать только цифры, пробелы и дефисы";
        case SnilsNumber::ParseError::BadChecksum:
            return "Неверная контрольная сумма СНИЛС";
    }
    return "Неверный СНИЛС";
}

}  // namespace netcity::domain
