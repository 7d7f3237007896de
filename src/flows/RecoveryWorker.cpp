#include "flows/RecoveryWorker.h"

namespace netcity::flows {

RecoveryWorker::RecoveryWorker(PasswordRecovery& recovery, Settings settings)
    : recovery_(recovery),
      settings_(settings),
      // A full batch: more may be waiting, go on at once.
      loop_("recovery.worker", settings.pollInterval,
            [this] { return runOnce() == settings_.batch; }) {}

int RecoveryWorker::runOnce() {
    using Step = PasswordRecovery::QueueStep;
    int answered = 0;
    for (int i = 0; i < settings_.batch; ++i) {
        auto step = recovery_.answerNextRequest();
        if (step == Step::Empty) break;
        answered += step == Step::Answered;
    }
    return answered;
}

}  // namespace netcity::flows
