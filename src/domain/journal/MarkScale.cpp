#include "domain/journal/MarkScale.h"

#include <charconv>

#include "domain/Utf8Text.h"

namespace netcity::domain::journal {
namespace {

// The marks table's CHECK: no scale may go beyond it.
constexpr int kOuterLowest = 1;
constexpr int kOuterHighest = 10;

std::optional<int> number(std::string_view s) {
    if (s.empty() || s.size() > 2) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    int n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    return n;
}

bool isDuty(std::string_view s) {
    return s == "." || s == "\xE2\x80\xA2" /* • */ || s == "\xD0\xB4" /* д */ ||
           s == "\xD0\x94" /* Д */ || s == "\xD0\xB4\xD0\xBE\xD0\xBB\xD0\xB3" /* долг */;
}

}  // namespace

std::optional<MarkScale> MarkScale::parse(std::string_view text) {
    auto dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto low = number(text.substr(0, dash));
    auto high = number(text.substr(dash + 1));
    if (!low || !high || *low < kOuterLowest || *high > kOuterHighest || *low >= *high)
        return std::nullopt;
    return MarkScale{*low, *high};
}

ParsedMark parseMarkEntry(std::string_view text, const MarkScale& scale) {
    std::string trimmed = collapseSpaces(std::string(text));
    if (trimmed.empty()) return {};
    if (isDuty(trimmed)) return {{MarkEntry::Kind::Duty, 0}, MarkProblem::None};
    auto n = number(trimmed);
    if (!n) return {{}, MarkProblem::Unreadable};
    if (!scale.contains(*n)) return {{}, MarkProblem::OutOfScale};
    return {{MarkEntry::Kind::Mark, *n}, MarkProblem::None};
}

std::string cellText(const MarkEntry& entry) {
    switch (entry.kind) {
        case MarkEntry::Kind::Mark:
            return std::to_string(entry.mark);
        case MarkEntry::Kind::Duty:
            return "\xE2\x80\xA2";
        case MarkEntry::Kind::Clear:
            break;
    }
    return "";
}

}  // namespace netcity::domain::journal
