#include "domain/ControlQuestion.h"

#include "domain/PersonName.h"
#include "domain/Utf8Text.h"

namespace netcity::domain {

const std::vector<std::string>& standardControlQuestions() {
    static const std::vector<std::string> kQuestions{
        "Девичья фамилия вашей матери", "Кличка домашнего животного", "Любимое блюдо",
        "Почтовый индекс родителей",    "Дата рождения бабушки",      "Номер паспорта",
        "Ваш любимый номер телефона",
    };
    return kQuestions;
}

std::string normalizeControlAnswer(std::string_view answer) {
    std::string out = lowerCase(collapseSpaces(answer));
    for (std::size_t pos = out.find("\xD1\x91"); pos != std::string::npos;
         pos = out.find("\xD1\x91", pos))
        out.replace(pos, 2, "\xD0\xB5");  // ё -> е
    return out;
}

ControlQuestionProblem checkControlQuestion(const std::string& question,
                                            const std::string& answer) {
    if (collapseSpaces(question).empty() || question == kOwnQuestion)
        return ControlQuestionProblem::NoQuestion;
    if (codePointCount(question) > 200) return ControlQuestionProblem::QuestionTooLong;
    auto normalized = normalizeControlAnswer(answer);
    if (codePointCount(normalized) < 2) return ControlQuestionProblem::AnswerTooShort;
    if (codePointCount(normalized) > 200) return ControlQuestionProblem::AnswerTooLong;
    return ControlQuestionProblem::None;
}

const char* describe(ControlQuestionProblem p) {
    switch (p) {
        case ControlQuestionProblem::None:
            return "";
        case ControlQuestionProblem::NoQuestion:
            return "Выберите контрольный вопрос или напишите свой.";
        case ControlQuestionProblem::QuestionTooLong:
            return "Вопрос должен быть не длиннее 200 символов.";
        case ControlQuestionProblem::AnswerTooShort:
            return "Ответ должен содержать не менее 2 символов.";
        case ControlQuestionProblem::AnswerTooLong:
            return "Ответ должен быть не длиннее 200 символов.";
    }
    return "";
}

}  // namespace netcity::domain
