#pragma once

#include <mutex>
#include <ostream>

#include "mail/MailSender.h"

namespace netcity::mail {

// The demo's "mail server": prints each letter's recipient, subject and plain text, so a
// newcomer sees what an applicant would receive.
class ConsoleMailSender final : public MailSender {
  public:
    explicit ConsoleMailSender(std::ostream& out) : out_(out) {}
    void send(const store::OutboxMail& mail) override;

  private:
    std::ostream& out_;
    std::mutex mutex_;
};

}  // namespace netcity::mail
