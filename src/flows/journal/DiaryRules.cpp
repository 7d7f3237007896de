#include "flows/journal/DiaryRules.h"

#include <map>

namespace netcity::flows::journal {

DiaryWeek arrangeWeek(const domain::CalendarDate& anyDay, std::vector<DiaryLesson> lessons) {
    DiaryWeek week;
    week.weekStart = anyDay.monday();
    week.weekEnd = week.weekStart.plusDays(5);
    for (int i = 0; i < 6; ++i) week.days.push_back({week.weekStart.plusDays(i), {}});
    for (auto& lesson : lessons) {
        int index = lesson.day.weekday() - 1;
        if (lesson.day < week.weekStart || index > 5) continue;  // Sunday or another week
        week.days[static_cast<std::size_t>(index)].lessons.push_back(std::move(lesson));
    }
    return week;
}

std::vector<SubjectAverage> subjectAverages(
    const std::vector<std::pair<std::int64_t, std::string>>& classSubjects,
    const std::vector<SubjectMarkFact>& marks) {
    std::vector<SubjectAverage> rows;
    std::map<std::int64_t, std::vector<domain::journal::WeightedMark>> bySubject;
    auto rowFor = [&](std::int64_t id, const std::string& name) {
        if (bySubject.count(id)) return;
        bySubject[id];
        rows.push_back({id, name, std::nullopt, 0});
    };
    for (const auto& [id, name] : classSubjects) rowFor(id, name);
    for (const auto& m : marks) {
        rowFor(m.subjectId, m.subjectName);
        bySubject[m.subjectId].push_back(m.mark);
    }
    for (auto& row : rows) {
        const auto& list = bySubject[row.subjectId];
        row.average = domain::journal::weightedAverage(list);
        for (const auto& m : list)
            if (m.entry.kind == domain::journal::MarkEntry::Kind::Mark) ++row.marks;
    }
    return rows;
}

bool isOverdue(const DiaryAssignment& a, std::int64_t homeworkTypeId,
               const domain::CalendarDate& today) {
    if (!(a.dueDate < today)) return false;
    if (!a.mark) return a.typeId == homeworkTypeId;
    return a.mark->duty;
}

}  // namespace netcity::flows::journal
