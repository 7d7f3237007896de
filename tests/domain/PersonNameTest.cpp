#include <gtest/gtest.h>

#include "domain/PersonName.h"

using namespace netcity::domain;

TEST(PersonName, NormalisesCaseYoSpacesAndHyphens) {
    EXPECT_EQ(normalizeNamePart("Ёлкина"), normalizeNamePart("елкина"));
    EXPECT_EQ(normalizeNamePart("  ПЁТР "), normalizeNamePart("Петр"));
    EXPECT_EQ(normalizeNamePart("Римская-Корсакова"), normalizeNamePart("римская корсакова"));
    EXPECT_EQ(normalizeNamePart("Римская - Корсакова"),
              normalizeNamePart("Римская\u2013Корсакова"));
    EXPECT_NE(normalizeNamePart("Петрова"), normalizeNamePart("Петрава"));
    EXPECT_EQ(normalizeNamePart("O'Brien"), "o'brien");
}

TEST(PersonName, MissingMiddleNameMatchesOnlyMissing) {
    PersonName a{"Иванов", "Пётр", ""};
    PersonName b{"ИВАНОВ", "петр", ""};
    PersonName c{"Иванов", "Петр", "Иванович"};
    EXPECT_TRUE(sameName(a, b));
    EXPECT_FALSE(sameName(a, c));
}

TEST(PersonName, FullAndShortForms) {
    PersonName n{"Иванова", "Мария", "Петровна"};
    EXPECT_EQ(n.full(), "Иванова Мария Петровна");
    EXPECT_EQ(n.shortForm(), "Иванова М. П.");
    EXPECT_EQ((PersonName{"Smith", "John", ""}.shortForm()), "Smith J.");
}
