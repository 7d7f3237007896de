#pragma once

#include <stdexcept>
#include <string>

#include "store/MailOutbox.h"

namespace netcity::mail {

// Why a letter did not go: a temporary failure (server down, 4xx) is retried later, a
// permanent one (5xx: no such mailbox, rejected) is not.
class MailFailure : public std::runtime_error {
  public:
    MailFailure(bool permanent, const std::string& what)
        : std::runtime_error(what), permanent_(permanent) {}
    bool permanent() const { return permanent_; }

  private:
    bool permanent_;
};

// Hands one letter to a mail server (or, in the demo, to the console).
class MailSender {
  public:
    virtual ~MailSender() = default;
    // Returns when the server has accepted the letter; throws MailFailure otherwise.
    virtual void send(const store::OutboxMail& mail) = 0;
};

}  // namespace netcity::mail
