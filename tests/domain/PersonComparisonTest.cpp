#include <gtest/gtest.h>

#include "domain/PersonComparison.h"

using namespace netcity::domain;

namespace {

MatchableData person(const char* last, const char* first, const char* middle, const char* birth,
                     const char* snils = "") {
    return {{last, first, middle}, CalendarDate::parse(birth), SnilsNumber::parse(snils)};
}

}  // namespace

TEST(PersonComparison, ATypoInTheSurnameIsStillACloseMatch) {
    auto c = PersonComparison::of(person("Петрова", "Светлана", "Олеговна", "06.02.1986"),
                                  person("Петрава", "Светлана", "Олеговна", "06.02.1986"));
    EXPECT_FALSE(c.lastName);
    EXPECT_TRUE(c.firstName && c.middleName && c.birthDate);
    EXPECT_TRUE(c.isCloseMatch());
    EXPECT_FALSE(c.isFullMatch());
}

TEST(PersonComparison, NormalisesLikeTheAutomaticMatch) {
    auto c = PersonComparison::of(
        person("Воробьёва", "Ирина", "Анатольевна", "24.02.1987", "188-508-783 29"),
        person("ВОРОБЬЕВА", "ирина", "Анатольевна", "1987-02-24", "18850878329"));
    EXPECT_TRUE(c.isFullMatch());
}

TEST(PersonComparison, OneAgreeingFieldIsNotCloseButTheSameSnilsIs) {
    auto strangers = PersonComparison::of(person("Иванов", "Пётр", "Ильич", "01.01.1980"),
                                          person("Иванов", "Олег", "Петрович", "02.02.1990"));
    EXPECT_EQ(strangers.agreeing(), 1);
    EXPECT_FALSE(strangers.isCloseMatch());
    auto married = PersonComparison::of(
        person("Сидорова", "Анна", "Павловна", "03.03.1990", "188-508-783 29"),
        person("Кузнецова", "Мария", "Павловна", "04.04.1991", "188-508-783 29"));
    EXPECT_TRUE(married.isCloseMatch());
}
