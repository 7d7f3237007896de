#include <gtest/gtest.h>

#include "domain/EsiaLinkRule.h"

using namespace netcity::domain;

namespace {

constexpr std::int64_t kOid = 1000;

LinkCandidate account(std::int64_t id, std::int64_t organization, RoleSet roles) {
    return {id, organization, std::move(roles)};
}

}  // namespace

TEST(EsiaLinkRule, SlotsAreThePortalRolesAnAccountAnswersFor) {
    EXPECT_EQ(linkSlots({Role::Teacher, Role::Administrator}),
              std::vector<PortalRole>{PortalRole::Staff});
    EXPECT_EQ(linkSlots({Role::Parent, Role::Teacher}),
              (std::vector<PortalRole>{PortalRole::Parent, PortalRole::Staff}));
    EXPECT_TRUE(linkSlots({}).empty());
}

TEST(EsiaLinkRule, OneAccountPerOrganizationAndRole) {
    auto mother = account(1, 10, {Role::Parent});
    auto otherParentSameSchool = account(2, 10, {Role::Parent});
    auto parentElsewhere = account(3, 20, {Role::Parent});
    auto teacherSameSchool = account(4, 10, {Role::Teacher});
    EXPECT_EQ(checkLink(kOid, otherParentSameSchool, std::nullopt, {mother}),
              LinkVerdict::OrganizationRoleTaken);
    // Children in two schools; a mother who also teaches in the same school.
    EXPECT_EQ(checkLink(kOid, parentElsewhere, std::nullopt, {mother}), LinkVerdict::Allowed);
    EXPECT_EQ(checkLink(kOid, teacherSameSchool, std::nullopt, {mother}), LinkVerdict::Allowed);
    // A teacher-and-parent account collides with either.
    EXPECT_EQ(checkLink(kOid, account(5, 10, {Role::Parent, Role::Teacher}), std::nullopt,
                        {teacherSameSchool}),
              LinkVerdict::OrganizationRoleTaken);
}

TEST(EsiaLinkRule, ASchoolAccountLinksOneGosuslugiAccount) {
    auto mother = account(1, 10, {Role::Parent});
    EXPECT_EQ(checkLink(kOid, mother, kOid, {mother}), LinkVerdict::AlreadyLinked);
    EXPECT_EQ(checkLink(kOid, mother, kOid + 1, {}), LinkVerdict::LinkedToAnother);
}
