#include "domain/journal/JournalAccess.h"

namespace netcity::domain::journal {

JournalRight rightTo(const JournalKeeper& k, const JournalPlace& p) {
    if (k.organizationId != p.organizationId) return JournalRight::None;
    bool teacher = k.roles.count(Role::Teacher) > 0;
    if (teacher && (k.teaching.count({p.classId, p.subjectId}) ||
                    (p.lessonTeacherId && *p.lessonTeacherId == k.accountId)))
        return JournalRight::Write;
    if (teacher && k.classTeacherOf.count(p.classId)) return JournalRight::Read;
    if (k.roles.count(Role::Administrator)) return JournalRight::Read;
    return JournalRight::None;
}

LessonAccess lessonAccess(const JournalKeeper& k, const JournalPlace& journal,
                          std::int64_t lessonTeacherId) {
    JournalPlace whole = journal, lesson = journal;
    whole.lessonTeacherId.reset();
    lesson.lessonTeacherId = lessonTeacherId;
    bool writes = canWrite(rightTo(k, lesson));
    return {writes || canRead(rightTo(k, whole)), writes};
}

bool keepsTimetable(const JournalKeeper& k, std::int64_t organizationId) {
    return k.organizationId == organizationId && k.roles.count(Role::Administrator) > 0;
}

bool hasJournal(const JournalKeeper& k) {
    return k.roles.count(Role::Administrator) > 0 ||
           (k.roles.count(Role::Teacher) > 0 && (!k.teaching.empty() || !k.classTeacherOf.empty()));
}

}  // namespace netcity::domain::journal
