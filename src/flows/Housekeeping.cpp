#include "flows/Housekeeping.h"

#include "store/FlowRepository.h"
#include "store/RecoveryAnswers.h"
#include "store/SessionRepository.h"
#include "store/webapi/LoginChallenges.h"

namespace netcity::flows {

Housekeeping::Housekeeping(store::Database& db, const Clock& clock, Settings settings)
    : db_(db), clock_(clock), settings_(settings), loop_("housekeeping", settings.interval, [this] {
          runOnce();
          return false;
      }) {}

Housekeeping::Swept Housekeeping::runOnce() {
    std::int64_t now = clock_.unixSeconds();
    auto s = db_.session();
    Swept swept;
    swept.flows = store::FlowRepository(db_, s).removeExpired(now);
    swept.sessions = store::SessionRepository(db_, s).removeExpired(
        now - settings_.sessionIdleSeconds, now - settings_.sessionAbsoluteSeconds);
    swept.recoveryAnswers =
        store::RecoveryAnswers(db_, s).removeOlderThan(now - settings_.recoveryAnswerSeconds);
    // A client that fetched auth/getdata and never signed in leaves its challenge behind.
    swept.loginChallenges = store::webapi::LoginChallenges(db_, s).removeExpired(now);
    return swept;
}

}  // namespace netcity::flows
