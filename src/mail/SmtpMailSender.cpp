#include "mail/SmtpMailSender.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>

#include <sstream>

namespace netcity::mail {
namespace {

using Poco::Net::MailMessage;

void compose(MailMessage& m, const store::OutboxMail& mail, const SmtpSettings& settings) {
    m.setSender(MailMessage::encodeWord(settings.fromName, "UTF-8") + " <" + settings.from + ">");
    m.addRecipient(
        Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, mail.letter.recipient));
    m.setSubject(MailMessage::encodeWord(mail.letter.subject, "UTF-8"));
    m.set("Message-ID", mail.messageId);
    m.setContentType("multipart/alternative");
    m.addPart("", new Poco::Net::StringPartSource(mail.letter.textBody, "text/plain; charset=UTF-8"),
              MailMessage::CONTENT_INLINE, MailMessage::ENCODING_QUOTED_PRINTABLE);
    m.addPart("", new Poco::Net::StringPartSource(mail.letter.htmlBody, "text/html; charset=UTF-8"),
              MailMessage::CONTENT_INLINE, MailMessage::ENCODING_QUOTED_PRINTABLE);
}

bool permanentCode(int code) {
    return code >= 500 && code < 600;
}

}  // namespace

SmtpMailSender::SmtpMailSender(SmtpSettings settings) : settings_(std::move(settings)) {}

void SmtpMailSender::send(const store::OutboxMail& mail) {
    MailMessage message;
    compose(message, mail, settings_);
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(settings_.host, settings_.port),
                       Poco::Timespan(settings_.timeoutSeconds, 0));
        Poco::Net::SecureSMTPClientSession session(socket);
        session.setTimeout(Poco::Timespan(settings_.timeoutSeconds, 0));
        session.login(settings_.heloName);
        if (settings_.startTls) {
            Poco::Net::Context::Ptr context = new Poco::Net::Context(
                Poco::Net::Context::TLS_CLIENT_USE, "", "", settings_.caFile,
                Poco::Net::Context::VERIFY_RELAXED, 9, settings_.caFile.empty());
            if (!session.startTLS(context))
                throw MailFailure(false, "the SMTP server does not offer STARTTLS");
        }
        if (!settings_.user.empty()) {
            if (!settings_.startTls)
                throw MailFailure(true, "refusing to send SMTP credentials without STARTTLS");
            session.login(settings_.heloName, Poco::Net::SMTPClientSession::AUTH_LOGIN,
                          settings_.user, settings_.password);
        }
        session.sendMessage(message);
        session.close();
    } catch (const MailFailure&) {
        throw;
    } catch (const Poco::Net::SMTPException& e) {
        // POCO appends the server's answer, which may quote the recipient: keep only the kind.
        std::string what = e.message();
        what = what.substr(0, what.find(':'));
        throw MailFailure(permanentCode(e.code()), "SMTP " + std::to_string(e.code()) + " " + what);
    } catch (const Poco::Exception& e) {
        throw MailFailure(false, e.displayText());
    }
}

std::string mimeText(const store::OutboxMail& mail, const SmtpSettings& settings) {
    MailMessage message;
    compose(message, mail, settings);
    std::ostringstream out;
    message.write(out);
    return out.str();
}

}  // namespace netcity::mail
