#include <gtest/gtest.h>

#include "domain/Role.h"

using namespace netcity::domain;

TEST(Role, ParsesListsAndRejectsUnknown) {
    auto roles = parseRoleList("teacher; administrator");
    ASSERT_TRUE(roles);
    EXPECT_EQ(roles->size(), 2u);
    EXPECT_EQ(joinCodes(*roles), "teacher;administrator");
    EXPECT_FALSE(parseRoleList("teacher;janitor"));
    EXPECT_FALSE(parseRoleList(""));
    EXPECT_FALSE(parseRoleList(";"));
}

TEST(Role, StaffAreTeachersAdministratorsAndAuthority) {
    EXPECT_TRUE(isStaff({Role::Teacher}));
    EXPECT_TRUE(isStaff({Role::Parent, Role::Administrator}));
    EXPECT_TRUE(isStaff({Role::Authority}));
    EXPECT_FALSE(isStaff({Role::Parent}));
    EXPECT_FALSE(isStaff({Role::Student}));
    EXPECT_STREQ(label(Role::Parent), "Родитель");
}
