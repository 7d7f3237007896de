#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netcity::domain {

// «Контрольный вопрос» (seed 002, step 7): asked of a person who has none, answered once,
// kept hashed. The standard questions are the ones the school journal offers.
const std::vector<std::string>& standardControlQuestions();
constexpr const char* kOwnQuestion = "Собственный вопрос";

// Case, ё/е and runs of spaces do not matter in an answer: «Иванова » = «иванова».
std::string normalizeControlAnswer(std::string_view answer);

enum class ControlQuestionProblem {
    None,
    NoQuestion,
    QuestionTooLong,
    AnswerTooShort,
    AnswerTooLong
};
ControlQuestionProblem checkControlQuestion(const std::string& question, const std::string& answer);
const char* describe(ControlQuestionProblem problem);

}  // namespace netcity::domain
