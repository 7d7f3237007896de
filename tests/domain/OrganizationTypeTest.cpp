#include <gtest/gtest.h>

#include "domain/OrganizationType.h"

using namespace netcity::domain;

TEST(OrganizationType, LabelsInAnyFirstLetterCase) {
    EXPECT_EQ(parseOrganizationType("общеобразовательная"), OrganizationType::General);
    EXPECT_EQ(parseOrganizationType("Общеобразовательная"), OrganizationType::General);
    EXPECT_EQ(parseOrganizationType("управление образованием"), OrganizationType::Authority);
    EXPECT_FALSE(parseOrganizationType("школа"));
    EXPECT_EQ(parseOrganizationTypeCode("preschool"), OrganizationType::Preschool);
    EXPECT_EQ(schoolOrganizationTypes().size(), 4u);
}
