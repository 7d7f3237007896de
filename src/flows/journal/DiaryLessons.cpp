#include "flows/journal/DiaryLessons.h"

namespace netcity::flows::journal {
namespace {

DiaryLesson lessonOf(store::journal::DiaryRow& row) {
    DiaryLesson d;
    d.id = row.lessonId;
    d.day = row.date;
    d.number = row.number;
    auto starts = domain::journal::LessonTime::parse(row.bellStarts);
    auto ends = domain::journal::LessonTime::parse(row.bellEnds);
    if (starts && ends) {
        d.startTime = starts;
        d.endTime = ends;
    }
    d.subjectId = row.subjectId;
    d.subjectName = std::move(row.subjectName);
    d.room = std::move(row.room);
    d.topic = std::move(row.topic);
    d.cancelled = row.cancelled;
    d.absenceCode = std::move(row.absenceCode);
    d.absenceName = std::move(row.absenceName);
    return d;
}

}  // namespace

std::optional<DiaryMark> diaryMarkOf(const domain::journal::MarkEntry& entry,
                                     const std::string& comment) {
    using Kind = domain::journal::MarkEntry::Kind;
    if (entry.kind == Kind::Clear) return std::nullopt;
    DiaryMark out;
    out.duty = entry.kind == Kind::Duty;
    if (!out.duty) out.mark = entry.mark;
    out.comment = comment;
    return out;
}

std::vector<DiaryLesson> lessonsOf(std::vector<store::journal::DiaryRow> rows) {
    std::vector<DiaryLesson> out;
    for (auto& row : rows) {
        if (out.empty() || out.back().id != row.lessonId) out.push_back(lessonOf(row));
        if (!row.assignment.id) continue;
        DiaryAssignment item{row.assignment.id,
                             row.lessonId,
                             row.assignment.typeId,
                             std::move(row.typeName),
                             std::move(row.typeAbbr),
                             std::move(row.assignment.text),
                             row.assignment.dueDate,
                             row.assignment.weight,
                             std::nullopt};
        if (row.hasMark) item.mark = diaryMarkOf(row.mark, row.comment);
        out.back().assignments.push_back(std::move(item));
    }
    return out;
}

}  // namespace netcity::flows::journal
