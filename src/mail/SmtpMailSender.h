#pragma once

#include <string>

#include "mail/MailSender.h"

namespace netcity::mail {

struct SmtpSettings {
    std::string host = "127.0.0.1";
    unsigned short port = 25;
    bool startTls = false;       // upgrade with STARTTLS before anything else is said
    std::string caFile;          // CA for the server's certificate; empty: the system's CAs
    std::string user, password;  // AUTH LOGIN when set (only over STARTTLS)
    std::string from = "netcity@localhost";
    std::string fromName = "Сетевой Город. Образование";
    std::string heloName = "netcity";
    int timeoutSeconds = 20;
};

// Sends a letter as a multipart/alternative message (plain text and HTML, UTF-8) over SMTP
// with POCO: one connection per letter, which is plenty for a school's notices.
class SmtpMailSender final : public MailSender {
  public:
    explicit SmtpMailSender(SmtpSettings settings);
    void send(const store::OutboxMail& mail) override;

  private:
    SmtpSettings settings_;
};

// The MIME text of a letter as it would go over the wire (for the console sender and tests).
std::string mimeText(const store::OutboxMail& mail, const SmtpSettings& settings);

}  // namespace netcity::mail
