#include "mail/ConsoleMailSender.h"

namespace netcity::mail {

void ConsoleMailSender::send(const store::OutboxMail& mail) {
    std::lock_guard lock(mutex_);
    out_ << "\n──── Письмо (демо: не отправляется, а печатается здесь) ────\n"
         << "Кому: " << mail.letter.recipient << "\n"
         << "Тема: " << mail.letter.subject << "\n\n"
         << mail.letter.textBody << "\n"
         << "────────────────────────────────────────────────────────────\n"
         << std::flush;
}

}  // namespace netcity::mail
