// The small rules for what people type into appeals and what letters are sent to.
#include <gtest/gtest.h>

#include "domain/EmailAddress.h"
#include "domain/FreeText.h"
#include "domain/LoginSuggestion.h"

using namespace netcity::domain;

TEST(EmailAddress, AcceptsOrdinaryAddressesAndRefusesHeaderTricks) {
    EXPECT_EQ(EmailAddress::parse(" v.dembrovskaya@yandex.ru ")->text(),
              "v.dembrovskaya@yandex.ru");
    EXPECT_TRUE(EmailAddress::parse("мама@почта.рф"));
    for (const char* bad : {"", "nobody", "@example.org", "a@b", "a@b.", "a@@b.ru", "a b@c.ru",
                            "a@b.ru\r\nBcc: x@y.ru", "<a@b.ru>", "a@b..ru", "a,b@c.ru"})
        EXPECT_FALSE(EmailAddress::parse(bad)) << bad;
    EXPECT_FALSE(EmailAddress::parse(std::string(250, 'a') + "@b.ru"));
}

TEST(FreeText, CountsCharactersNotBytesAndAllowsLines) {
    EXPECT_EQ(checkFreeText("", 10, false), FreeTextProblem::None);
    EXPECT_EQ(checkFreeText("  \n ", 10, true), FreeTextProblem::Missing);
    EXPECT_EQ(checkFreeText("Привет\nмир", 10, true), FreeTextProblem::None);
    EXPECT_EQ(checkFreeText("Приветствую", 10, true), FreeTextProblem::TooLong);
    EXPECT_EQ(checkFreeText("a\x01", 10, true), FreeTextProblem::NotText);
    EXPECT_EQ(checkFreeText("\xC3\x28", 10, true), FreeTextProblem::NotText);
}

TEST(LoginSuggestion, LastNameAndInitialsThenANumber) {
    PersonName name{"Мельникова-Орлова", "Дарья", "Андреевна"};
    EXPECT_EQ(suggestLogin(name, 1), "МельниковаОрловаДА");
    EXPECT_EQ(suggestLogin(name, 3), "МельниковаОрловаДА3");
    EXPECT_EQ(suggestLogin({"Ким", "Виктория", ""}, 1), "КимВ");
}
