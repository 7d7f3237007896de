#include "flows/journal/ClassDiaries.h"

#include <algorithm>

#include "flows/journal/DiaryLessons.h"
#include "flows/journal/DiaryRules.h"
#include "store/journal/SchoolYearRepository.h"

namespace netcity::flows::journal {

std::shared_ptr<const ClassDiary> ClassDiaries::get(Poco::Data::Session& s, std::int64_t classId,
                                                    std::int64_t organizationId,
                                                    const domain::CalendarDate& monday,
                                                    const domain::CalendarDate& today,
                                                    std::int64_t now) {
    std::string key = std::to_string(classId) + ' ' + std::to_string(organizationId) + ' ' +
                      monday.iso() + ' ' + today.iso();
    if (auto cached = cache_.get(key, now)) return *cached;
    auto readAt = cache_.generation();
    auto diary =
        std::make_shared<const ClassDiary>(read(s, classId, organizationId, monday, today));
    cache_.put(key, diary, now, readAt);
    return diary;
}

ClassDiary ClassDiaries::read(Poco::Data::Session& s, std::int64_t classId,
                              std::int64_t organizationId, const domain::CalendarDate& monday,
                              const domain::CalendarDate& today) {
    ClassDiary out;
    store::journal::DiaryRepository diary(db_, s);
    out.week = arrangeWeek(
        monday,
        classId ? lessonsOf(diary.classLessons(classId, organizationId, monday, monday.plusDays(5)))
                : std::vector<DiaryLesson>{});
    auto year = store::journal::SchoolYearRepository(db_, s).currentYear(organizationId, today);
    if (!year) return out;
    out.termKind = year->termKind;
    out.term = year->termFor(today);
    if (!out.term) return out;
    for (auto& subject : diary.classSubjects(classId))
        if (std::none_of(out.subjects.begin(), out.subjects.end(),
                         [&](const auto& p) { return p.first == subject.first; }))
            out.subjects.push_back(std::move(subject));
    return out;
}

}  // namespace netcity::flows::journal
