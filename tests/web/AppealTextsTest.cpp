// The appeal form's messages: each problem code the flow returns is said in its own words
// (issue #17: the flow carries codes, the page the Russian text).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "web/AppealTexts.h"

using namespace netcity;
using Problem = flows::AppealSubmission::Problem;

TEST(AppealTexts, EachProblemIsSaidInItsOwnWords) {
    const std::map<Problem, std::string> wording{
        {Problem::TypeNotChosen, "Выберите тип организации."},
        {Problem::OrganizationNotOffered, "Выберите организацию из списка."},
        {Problem::ClassNotOffered, "Выберите класс из списка."},
        {Problem::ChildNotChosen, "Выберите ребёнка."},
        {Problem::CommentTooLong, "Комментарий длиннее 2000 символов. Сократите его."},
        {Problem::CommentNotText, "Комментарий содержит недопустимые символы."},
    };
    for (const auto& [problem, text] : wording)
        EXPECT_EQ(web::describe(problem), text) << static_cast<int>(problem);
}

TEST(AppealTexts, FieldsKeepTheirProblems) {
    auto texts = web::problemTexts(
        {{"organization", Problem::OrganizationNotOffered}, {"child", Problem::ChildNotChosen}});
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts["organization"], "Выберите организацию из списка.");
    EXPECT_EQ(texts["child"], "Выберите ребёнка.");
}
