#include "flows/JournalValues.h"

#include <array>

namespace netcity::flows {

using domain::CalendarDate;

std::optional<int> parseNumber(std::string_view t) {
    if (t.empty() || t.size() > 3) return std::nullopt;
    int n = 0;
    for (char c : t) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::optional<int> parseWeekday(std::string_view t) {
    static const std::array<std::string_view, 6> kShort{"пн", "вт", "ср", "чт", "пт", "сб"};
    static const std::array<std::string_view, 6> kCapital{"Пн", "Вт", "Ср", "Чт", "Пт", "Сб"};
    for (int i = 0; i < 6; ++i)
        if (t == kShort[i] || t == kCapital[i]) return i + 1;
    auto n = parseNumber(t);
    if (n && *n >= 1 && *n <= 6) return n;
    return std::nullopt;
}

std::optional<std::vector<domain::journal::Term>> parseTerms(std::string_view text) {
    std::vector<domain::journal::Term> terms;
    while (!text.empty()) {
        auto end = text.find(';');
        std::string_view item = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        auto dash = item.find('-');
        if (dash == std::string_view::npos || item.find('.') == std::string_view::npos)
            return std::nullopt;
        auto from = CalendarDate::parse(item.substr(0, dash));
        auto to = CalendarDate::parse(item.substr(dash + 1));
        if (!from || !to) return std::nullopt;
        terms.push_back({0, static_cast<int>(terms.size()) + 1, *from, *to});
    }
    if (terms.empty()) return std::nullopt;
    return terms;
}

std::optional<int> parseWeight(std::string_view t) {
    if (t.empty()) return 1;
    auto n = parseNumber(t);
    if (!n || *n < 1 || *n > 10) return std::nullopt;  // the schema's bound of a weight
    return n;
}

std::optional<domain::journal::SchoolYear> yearOfRow(const ImportRow& r) {
    auto kind = domain::journal::parseTermKind(r["type"]);
    auto starts = CalendarDate::parse(r["start"]);
    auto ends = CalendarDate::parse(r["end"]);
    auto terms = parseTerms(r["terms"]);
    if (!kind || !starts || !ends || !terms) return std::nullopt;
    domain::journal::SchoolYear y;
    y.name = r["year"];
    y.startsOn = *starts;
    y.endsOn = *ends;
    y.termKind = *kind;
    y.terms = *terms;
    return y;
}

std::string assignmentReference(const ImportRow& r) {
    auto date = CalendarDate::parse(r["date"]);
    return r["parent"] + " " + (date ? date->russian() : r["date"]) + " " + r["number"] + " " +
           r["type"];
}

}  // namespace netcity::flows
