#include <gtest/gtest.h>

#include "domain/PasswordLoginPolicy.h"

using namespace netcity::domain;

TEST(PasswordLoginPolicy, EveryoneStaffNobody) {
    RoleSet parent{Role::Parent}, teacher{Role::Teacher}, both{Role::Parent, Role::Teacher};
    EXPECT_TRUE(allowsPasswordLogin(PasswordLoginPolicy::Everyone, parent));
    EXPECT_FALSE(allowsPasswordLogin(PasswordLoginPolicy::StaffOnly, parent));
    EXPECT_TRUE(allowsPasswordLogin(PasswordLoginPolicy::StaffOnly, teacher));
    EXPECT_TRUE(allowsPasswordLogin(PasswordLoginPolicy::StaffOnly, both));
    EXPECT_FALSE(allowsPasswordLogin(PasswordLoginPolicy::Nobody, teacher));
    EXPECT_EQ(parsePasswordLoginPolicy("staff"), PasswordLoginPolicy::StaffOnly);
    EXPECT_FALSE(parsePasswordLoginPolicy("all"));
}
