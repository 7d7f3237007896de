#include "flows/ControlQuestionSetup.h"

#include "domain/Utf8Text.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"

namespace netcity::flows {

domain::ControlQuestionProblem ControlQuestionSetup::run(std::int64_t accountId,
                                                         const std::string& question,
                                                         const std::string& answer,
                                                         const std::string& clientAddress) {
    auto problem = domain::checkControlQuestion(question, answer);
    if (problem != domain::ControlQuestionProblem::None) return problem;
    std::string hash = hasher_.hash(domain::normalizeControlAnswer(answer));
    auto s = db_.session();
    store::AccountRepository(db_, s).setControlQuestion(accountId, domain::collapseSpaces(question),
                                                        hash);
    store::AuditLog(db_, s).record({clock_.unixSeconds(), accountId, "control_question.set",
                                    "account:" + std::to_string(accountId), clientAddress, "ok"});
    return problem;
}

}  // namespace netcity::flows
