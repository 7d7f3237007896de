#include <gtest/gtest.h>

#include "domain/journal/JournalAccess.h"

using namespace netcity::domain::journal;
using netcity::domain::Role;

namespace {

constexpr std::int64_t kSchool = 1, kOtherSchool = 2, k5A = 10, k6B = 11, kMath = 100,
                       kRussian = 101;

JournalKeeper teacher() {
    JournalKeeper k{7, kSchool, {Role::Teacher}, {{k5A, kMath}}, {}};
    return k;
}

}  // namespace

TEST(JournalAccess, ATeacherWritesOnlyTheirTeachingAssignments) {
    EXPECT_EQ(rightTo(teacher(), {kSchool, k5A, kMath, {}}), JournalRight::Write);
    EXPECT_EQ(rightTo(teacher(), {kSchool, k5A, kRussian, {}}), JournalRight::None);
    EXPECT_EQ(rightTo(teacher(), {kSchool, k6B, kMath, {}}), JournalRight::None);
    EXPECT_EQ(rightTo(teacher(), {kOtherSchool, k5A, kMath, {}}), JournalRight::None);
}

TEST(JournalAccess, ASubstituteWritesTheLessonTheyGive) {
    EXPECT_EQ(rightTo(teacher(), {kSchool, k6B, kRussian, 7}), JournalRight::Write);
    EXPECT_EQ(rightTo(teacher(), {kSchool, k6B, kRussian, 8}), JournalRight::None);
}

TEST(JournalAccess, ASubstituteSeesAndWritesOnlyTheLessonsTheyGive) {
    auto given = lessonAccess(teacher(), {kSchool, k6B, kRussian, {}}, 7);
    EXPECT_TRUE(given.shown);
    EXPECT_TRUE(given.writes);
    auto others = lessonAccess(teacher(), {kSchool, k6B, kRussian, {}}, 8);
    EXPECT_FALSE(others.shown);
    EXPECT_FALSE(others.writes);
    auto elsewhere = lessonAccess(teacher(), {kOtherSchool, k6B, kRussian, {}}, 7);
    EXPECT_FALSE(elsewhere.shown);
}

TEST(JournalAccess, AClassTeacherWhoSubstitutesReadsTheJournalAndWritesTheirLesson) {
    auto k = teacher();
    k.classTeacherOf = {k6B};
    auto others = lessonAccess(k, {kSchool, k6B, kRussian, {}}, 8);
    EXPECT_TRUE(others.shown);
    EXPECT_FALSE(others.writes);
    EXPECT_TRUE(lessonAccess(k, {kSchool, k6B, kRussian, {}}, 7).writes);
    EXPECT_TRUE(lessonAccess(k, {kSchool, k5A, kMath, {}}, 8).writes);  // their own subject
}

TEST(JournalAccess, AClassTeacherReadsEverySubjectOfTheirClass) {
    auto k = teacher();
    k.classTeacherOf = {k6B};
    EXPECT_EQ(rightTo(k, {kSchool, k6B, kRussian, {}}), JournalRight::Read);
    EXPECT_EQ(rightTo(k, {kSchool, k5A, kRussian, {}}), JournalRight::None);
}

TEST(JournalAccess, AnAdministratorReadsTheOrganizationAndKeepsItsTimetable) {
    JournalKeeper admin{9, kSchool, {Role::Administrator}, {}, {}};
    EXPECT_EQ(rightTo(admin, {kSchool, k6B, kRussian, {}}), JournalRight::Read);
    EXPECT_EQ(rightTo(admin, {kOtherSchool, k6B, kRussian, {}}), JournalRight::None);
    EXPECT_TRUE(keepsTimetable(admin, kSchool));
    EXPECT_FALSE(keepsTimetable(admin, kOtherSchool));
    EXPECT_FALSE(keepsTimetable(teacher(), kSchool));
    EXPECT_TRUE(hasJournal(admin));
}

TEST(JournalAccess, StudentsAndParentsHaveNoJournal) {
    JournalKeeper parent{5, kSchool, {Role::Parent}, {{k5A, kMath}}, {k5A}};
    EXPECT_EQ(rightTo(parent, {kSchool, k5A, kMath, 5}), JournalRight::None);
    EXPECT_FALSE(hasJournal(parent));
    EXPECT_TRUE(hasJournal(teacher()));
}
