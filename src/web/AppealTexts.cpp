#include "web/AppealTexts.h"

namespace netcity::web {

const char* describe(flows::AppealSubmission::Problem problem) {
    using Problem = flows::AppealSubmission::Problem;
    switch (problem) {
        case Problem::TypeNotChosen:
            return "Выберите тип организации.";
        case Problem::OrganizationNotOffered:
            return "Выберите организацию из списка.";
        case Problem::ClassNotOffered:
            return "Выберите класс из списка.";
        case Problem::ChildNotChosen:
            return "Выберите ребёнка.";
        case Problem::CommentTooLong:
            return "Комментарий длиннее 2000 символов. Сократите его.";
        case Problem::CommentNotText:
            return "Комментарий содержит недопустимые символы.";
    }
    return "Проверьте это поле.";
}

std::map<std::string, std::string> problemTexts(const flows::AppealSubmission::Problems& problems) {
    std::map<std::string, std::string> texts;
    for (const auto& [field, problem] : problems) texts[field] = describe(problem);
    return texts;
}

}  // namespace netcity::web
