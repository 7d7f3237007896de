#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace netcity::domain::journal {

// A time of day on the bell schedule, in minutes after midnight.
class LessonTime {
  public:
    static std::optional<LessonTime> parse(std::string_view text);  // "08:30" or "8:30"
    int minutes() const { return minutes_; }
    std::string text() const;  // "08:30"
    auto operator<=>(const LessonTime&) const = default;

  private:
    explicit LessonTime(int minutes) : minutes_(minutes) {}
    int minutes_;
};

struct Bell {
    LessonTime starts, ends;
};

enum class BellProblem { None, NumberOutOfRange, EndsBeforeStart, Overlaps };

// Lesson number → its start and end. Numbers 0–12 (some schools have a «нулевой урок»); the
// lessons follow each other without overlapping.
class BellSchedule {
  public:
    BellProblem add(int number, Bell bell);
    std::optional<Bell> of(int number) const;
    const std::map<int, Bell>& bells() const { return bells_; }

  private:
    std::map<int, Bell> bells_;
};

}  // namespace netcity::domain::journal
