#include <gtest/gtest.h>

#include "domain/AutoLinkMatcher.h"
#include "domain/PortalRole.h"
#include "domain/SelfLinkingPolicy.h"

using namespace netcity::domain;

namespace {

MatchableData card() {
    return {{"Семёнова", "Алёна", "Викторовна"},
            CalendarDate::parse("22.11.1990"),
            SnilsNumber::parse("189-693-949 71")};
}

}  // namespace

TEST(AutoLinkMatcher, FullMatchIgnoresCaseYoSpacesHyphensAndSnilsFormat) {
    MatchableData esia{{"СЕМЕНОВА", "алена", " Викторовна "},
                       CalendarDate::parse("1990-11-22"),
                       SnilsNumber::parse("18969394971")};
    EXPECT_TRUE(AutoLinkMatcher::matches(true, esia, card()));
    MatchableData hyphen{{"Мельникова - Орлова", "Дарья", "Андреевна"},
                         CalendarDate::parse("16.10.2009"),
                         SnilsNumber::parse("196-341-735 96")};
    MatchableData hyphenCard{{"Мельникова-Орлова", "Дарья", "Андреевна"},
                             CalendarDate::parse("16.10.2009"),
                             SnilsNumber::parse("196 341 735 96")};
    EXPECT_TRUE(AutoLinkMatcher::matches(true, hyphen, hyphenCard));
}

TEST(AutoLinkMatcher, AnyDifferenceOrMissingDataDoesNotMatch) {
    auto esia = card();
    EXPECT_FALSE(AutoLinkMatcher::matches(false, esia, card()));  // unconfirmed account
    esia.name.last = "Семенава";
    EXPECT_FALSE(AutoLinkMatcher::matches(true, esia, card()));
    esia = card();
    esia.birthDate = CalendarDate::parse("23.11.1990");
    EXPECT_FALSE(AutoLinkMatcher::matches(true, esia, card()));
    esia = card();
    esia.snils = SnilsNumber::parse("112-233-445 95");
    EXPECT_FALSE(AutoLinkMatcher::matches(true, esia, card()));
    esia = card();
    auto noSnils = card();
    noSnils.snils.reset();
    EXPECT_FALSE(AutoLinkMatcher::matches(true, esia, noSnils));
    esia.name.middle = "";
    EXPECT_FALSE(AutoLinkMatcher::matches(true, esia, card()));  // missing middle name on one side
    auto bothWithout = card();
    bothWithout.name.middle = "";
    EXPECT_TRUE(AutoLinkMatcher::matches(true, esia, bothWithout));
}

TEST(PortalRole, RolesScopesAndCoverage) {
    EXPECT_STREQ(label(PortalRole::Staff), "Педагоги и сотрудники");
    EXPECT_TRUE(covers(PortalRole::Staff, {Role::Administrator}));
    EXPECT_FALSE(covers(PortalRole::Parent, {Role::Teacher}));
    EXPECT_NE(esiaScopes(PortalRole::Parent).find("kid_fullname"), std::string::npos);
    EXPECT_EQ(esiaScopes(PortalRole::Student).find("kid_"), std::string::npos);
    EXPECT_EQ(parsePortalRole("janitor"), std::nullopt);
}

TEST(SelfLinkingPolicy, CutoffDateOnBothSides) {
    SelfLinkingPolicy policy(CalendarDate::parse("17.03.2025"));
    auto before = *CalendarDate::parse("16.03.2025"), on = *CalendarDate::parse("17.03.2025");
    EXPECT_TRUE(policy.allows({Role::Parent}, before));
    EXPECT_FALSE(policy.allows({Role::Parent}, on));
    EXPECT_FALSE(policy.allows({Role::Student}, on));
    EXPECT_TRUE(policy.allows({Role::Teacher}, on));
    EXPECT_TRUE(SelfLinkingPolicy(std::nullopt).allows({Role::Parent}, on));
}

#include "domain/ControlQuestion.h"

TEST(ControlQuestion, AnswersNormaliseAndAreChecked) {
    EXPECT_EQ(normalizeControlAnswer("  Ёлкина   Анна "), normalizeControlAnswer("елкина анна"));
    EXPECT_EQ(checkControlQuestion("", "ответ"), ControlQuestionProblem::NoQuestion);
    EXPECT_EQ(checkControlQuestion(kOwnQuestion, "ответ"), ControlQuestionProblem::NoQuestion);
    EXPECT_EQ(checkControlQuestion("Любимое блюдо", " а "), ControlQuestionProblem::AnswerTooShort);
    EXPECT_EQ(checkControlQuestion("Любимое блюдо", "пельмени"), ControlQuestionProblem::None);
    EXPECT_EQ(standardControlQuestions().size(), 7u);
}
