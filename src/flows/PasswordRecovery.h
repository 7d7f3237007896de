#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crypto/PasswordHasher.h"
#include "domain/SignInThrottle.h"
#include "flows/Clock.h"
#include "flows/Sessions.h"
#include "mail/Letters.h"
#include "store/Database.h"
#include "store/MailOutbox.h"
#include "store/RecoveryRequests.h"

namespace netcity::flows {
namespace webapi {
class LegacyVerifiers;
}

// «Восстановить пароль» (issue #6). A flow with explicit states, kept server-side:
//   Requested   the person gave an e-mail: the request is queued (one row, whatever the
//               address, so the page says the same in the same time whether or not any account
//               has that e-mail); flows::RecoveryWorker then gives every active account whose
//               card has it a letter with its own single-use link
//   → Opened    the link, within its lifetime: the control question, when one is set, and
//               the new password twice
//   → Reset     password set, the link used up, every session of the account ended
//   | Expired   unknown, used or old link, or too many wrong answers
// Requests are throttled per e-mail and per client address, like sign-in.
class PasswordRecovery {
  public:
    struct Settings {
        std::string resetUrl;                 // <portal>/recover/reset?token=
        std::int64_t linkLifetime = 30 * 60;  // seconds
        int maxAnswerAttempts = 5;
        int maxAccountsPerEmail = 5;
    };

    enum class Outcome { Sent, Throttled, BadEmail };
    struct Request {
        Outcome outcome = Outcome::Sent;
        std::chrono::seconds wait{0};
    };

    struct Opened {
        std::string login, organization, name;
        std::string question;  // empty: no control question set
    };

    enum class ResetOutcome { Done, Expired, WrongAnswer, BadPassword };
    struct Reset {
        ResetOutcome outcome = ResetOutcome::Expired;
        std::string message;
        int attemptsLeft = 0;
    };

    PasswordRecovery(store::Database& db, crypto::PasswordHasher& hasher, Sessions& sessions,
                     const mail::Letters& letters, const Clock& clock, Settings settings,
                     std::function<void()> mailQueued = {},
                     std::function<void()> requestQueued = {},
                     webapi::LegacyVerifiers* verifiers = nullptr)
        : db_(db),
          hasher_(hasher),
          sessions_(sessions),
          letters_(letters),
          clock_(clock),
          settings_(std::move(settings)),
          mailQueued_(std::move(mailQueued)),
          requestQueued_(std::move(requestQueued)),
          verifiers_(verifiers) {}

    // Queues the request, lets the page answer (`answer`, called once), and only then tells the
    // worker: whatever depends on the address starts after the answer has gone (issue #17).
    void request(const std::string& email, const std::string& clientAddress,
                 const std::function<void(const Request&)>& answer);
    // The worker's part: the oldest queued request's links, letters and audit rows, written in
    // one transaction with its key (store::RecoveryAnswers); then it leaves the queue.
    enum class QueueStep { Empty, Answered, TakenElsewhere };
    QueueStep answerNextRequest();
    std::optional<Opened> open(const std::string& token);
    Reset reset(const std::string& token, const std::string& answer, const std::string& newPassword,
                const std::string& repeat, const std::string& clientAddress);

  private:
    Request queue(const std::string& email, const std::string& clientAddress);
    std::optional<std::int64_t> accountOf(const std::string& token);
    struct Link {
        std::int64_t accountId = 0, organizationId = 0;
        std::string token;
        store::Letter letter;
    };
    std::vector<Link> linksFor(Poco::Data::Session& s, const std::string& email);
    // Writes the request's answer; false when it was answered already.
    bool writeAnswer(const store::RecoveryRequest& request);
    store::Database& db_;
    crypto::PasswordHasher& hasher_;
    // Its own counters: parents behind one school's NAT asking for letters must not slow
    // down everyone's sign-in from that address.
    domain::SignInThrottle throttle_;
    Sessions& sessions_;
    const mail::Letters& letters_;
    const Clock& clock_;
    Settings settings_;
    std::function<void()> mailQueued_, requestQueued_;
    webapi::LegacyVerifiers* verifiers_;  // the web API's, written with the new password
};

}  // namespace netcity::flows
