#include "domain/journal/BellSchedule.h"

#include <cstdio>

namespace netcity::domain::journal {

std::optional<LessonTime> LessonTime::parse(std::string_view t) {
    auto colon = t.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || t.size() != colon + 3)
        return std::nullopt;
    int h = 0, m = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i == colon) continue;
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
        (i < colon ? h : m) = (i < colon ? h : m) * 10 + (t[i] - '0');
    }
    if (h > 23 || m > 59) return std::nullopt;
    return LessonTime(h * 60 + m);
}

std::string LessonTime::text() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes_ / 60, minutes_ % 60);
    return buf;
}

BellProblem BellSchedule::add(int number, Bell bell) {
    if (number < 0 || number > 12) return BellProblem::NumberOutOfRange;
    if (bell.ends <= bell.starts) return BellProblem::EndsBeforeStart;
    auto next = bells_.upper_bound(number);
    if (next != bells_.end() && next->second.starts < bell.ends) return BellProblem::Overlaps;
    auto at = bells_.lower_bound(number);
    if (at != bells_.end() && at->first == number) return BellProblem::Overlaps;
    if (at != bells_.begin() && bell.starts < std::prev(at)->second.ends)
        return BellProblem::Overlaps;
    bells_.emplace(number, bell);
    return BellProblem::None;
}

std::optional<Bell> BellSchedule::of(int number) const {
    auto it = bells_.find(number);
    if (it == bells_.end()) return std::nullopt;
    return it->second;
}

}  // namespace netcity::domain::journal
