#include "domain/UtcOffset.h"

#include "domain/UtcTime.h"

namespace netcity::domain {

std::optional<UtcOffset> UtcOffset::parse(std::string_view text) {
    if (text.empty() || text == "UTC" || text == "Z") return UtcOffset(0);
    if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
    int sign = text[0] == '-' ? -1 : 1;
    text.remove_prefix(1);
    int hours = 0, minutes = 0, digits = 0;
    std::size_t i = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 2; ++i, ++digits)
        hours = hours * 10 + (text[i] - '0');
    if (digits == 0) return std::nullopt;
    if (i < text.size()) {
        if (text[i] != ':' || text.size() != i + 3) return std::nullopt;
        for (std::size_t k = i + 1; k < text.size(); ++k) {
            if (text[k] < '0' || text[k] > '9') return std::nullopt;
            minutes = minutes * 10 + (text[k] - '0');
        }
    }
    if (hours > 14 || minutes > 59) return std::nullopt;
    return UtcOffset(sign * (hours * 60 + minutes));
}

std::string UtcOffset::label() const {
    if (minutes_ == 0) return "UTC";
    int m = minutes_ < 0 ? -minutes_ : minutes_;
    std::string out = std::string("UTC") + (minutes_ < 0 ? "-" : "+") + std::to_string(m / 60);
    if (m % 60) out += ":" + std::string(m % 60 < 10 ? "0" : "") + std::to_string(m % 60);
    return out;
}

std::string UtcOffset::format(std::int64_t unixSeconds) const {
    return utcTime(unixSeconds + minutes_ * 60LL, "%d.%m.%Y %H:%M") + " (" + label() + ")";
}

CalendarDate UtcOffset::dateAt(std::int64_t unixSeconds) const {
    return CalendarDate::fromUnixSeconds(unixSeconds + minutes_ * 60LL);
}

}  // namespace netcity::domain
