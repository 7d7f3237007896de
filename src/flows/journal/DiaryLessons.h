#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "flows/journal/DiaryModel.h"
#include "store/journal/DiaryRepository.h"

namespace netcity::flows::journal {

// A stored mark (or duty) as the diary shows it; nullopt for a cleared one.
std::optional<DiaryMark> diaryMarkOf(const domain::journal::MarkEntry& entry,
                                     const std::string& comment);

// The rows of the diary's reads (one per assignment of a lesson) as lessons with their
// assignments, the student's marks on them included.
std::vector<DiaryLesson> lessonsOf(std::vector<store::journal::DiaryRow> rows);

}  // namespace netcity::flows::journal
