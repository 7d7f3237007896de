#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netcity::domain::journal {

// The deployment's marks: 1–5 in most regions, some use 1–10. Marks outside it are refused
// wherever they come from (the journal page, an import, the web API).
struct MarkScale {
    int lowest = 1;
    int highest = 5;

    bool contains(int mark) const { return mark >= lowest && mark <= highest; }
    // "1-5" or "1-10"; nullopt when it is not a range inside the database's bound (1–10).
    static std::optional<MarkScale> parse(std::string_view text);
};

// What a teacher puts in a journal cell: a mark, a duty («долг»: work not handed in), or
// nothing (the cell is cleared).
struct MarkEntry {
    enum class Kind { Clear, Mark, Duty };
    Kind kind = Kind::Clear;
    int mark = 0;  // with Kind::Mark

    bool operator==(const MarkEntry&) const = default;
};

enum class MarkProblem { None, OutOfScale, Unreadable };

struct ParsedMark {
    MarkEntry entry;
    MarkProblem problem = MarkProblem::None;
};

// "5", " 4 ", "" (clear), "." / "•" / "д" / "долг" (duty). Anything else is Unreadable; a
// number outside the scale is OutOfScale.
ParsedMark parseMarkEntry(std::string_view text, const MarkScale& scale);
// The cell's text back: "5", "•" or "".
std::string cellText(const MarkEntry& entry);

}  // namespace netcity::domain::journal
