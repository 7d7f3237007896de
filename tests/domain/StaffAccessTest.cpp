#include <gtest/gtest.h>

#include "domain/StaffAccess.h"

using namespace netcity::domain;

namespace {

StaffMember member(RoleSet roles, std::set<std::int64_t> classTeacherOf = {},
                   std::set<std::int64_t> teaches = {}) {
    return {1, 10, 100, std::move(roles), std::move(classTeacherOf), std::move(teaches)};
}

const StaffPlace kClass5A{10, 100, {51}};
const StaffPlace kClass6B{10, 100, {61}};
const StaffPlace kOtherSchool{11, 100, {71}};
const StaffPlace kOtherMunicipality{12, 200, {81}};

}  // namespace

TEST(StaffAccess, AnAdministratorChangesEverythingInTheirOrganizationOnly) {
    auto admin = member({Role::Administrator});
    EXPECT_EQ(accessTo(admin, kClass5A), Access::Change);
    EXPECT_EQ(accessTo(admin, StaffPlace{10, 100, {}}), Access::Change);
    EXPECT_EQ(accessTo(admin, kOtherSchool), Access::None);
}

TEST(StaffAccess, AClassTeacherChangesTheirClassAndATeacherReadsTheirs) {
    auto classTeacher = member({Role::Teacher}, {51}, {51});
    EXPECT_EQ(accessTo(classTeacher, kClass5A), Access::Change);
    EXPECT_EQ(accessTo(classTeacher, kClass6B), Access::None);
    // A parent with children in 5А and 6Б belongs to both classes.
    EXPECT_EQ(accessTo(classTeacher, StaffPlace{10, 100, {51, 61}}), Access::Change);
    auto teacher = member({Role::Teacher}, {}, {61});
    EXPECT_EQ(accessTo(teacher, kClass6B), Access::Read);
    EXPECT_EQ(accessTo(teacher, kClass5A), Access::None);
    EXPECT_EQ(accessTo(member({Role::Teacher}), kClass5A), Access::None);
}

TEST(StaffAccess, EducationAuthorityReadsItsMunicipality) {
    StaffMember authority{1, 99, 100, {Role::Authority}, {}, {}};
    EXPECT_EQ(accessTo(authority, kClass5A), Access::Read);
    EXPECT_EQ(accessTo(authority, kOtherSchool), Access::Read);
    EXPECT_EQ(accessTo(authority, kOtherMunicipality), Access::None);
}

TEST(StaffAccess, ParentsAndStudentsHaveNoStaffTools) {
    EXPECT_EQ(accessTo(member({Role::Parent}), kClass5A), Access::None);
    EXPECT_EQ(accessTo(member({Role::Student}), kClass5A), Access::None);
    EXPECT_FALSE(hasStaffTools(member({Role::Parent})));
    EXPECT_FALSE(hasStaffTools(member({Role::Teacher})));
    EXPECT_TRUE(hasStaffTools(member({Role::Teacher}, {51}, {51})));
    EXPECT_TRUE(hasStaffTools(member({Role::Administrator})));
}

TEST(StaffAccess, OnlyAnAdministratorChangesAStaffAccountEvenOfAParentInTheClass) {
    StaffPlace teacherWhoIsAParent{10, 100, {51}, true};
    EXPECT_EQ(accessTo(member({Role::Teacher}, {51}, {51}), teacherWhoIsAParent), Access::None);
    EXPECT_EQ(accessTo(member({Role::Administrator}), teacherWhoIsAParent), Access::Change);
    StaffMember authority{1, 99, 100, {Role::Authority}, {}, {}};
    EXPECT_EQ(accessTo(authority, teacherWhoIsAParent), Access::Read);
}
