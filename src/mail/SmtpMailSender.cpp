#include "mail/SmtpMailSender.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>

#include <algorithm>
#include <sstream>

namespace netcity::mail {
namespace {

using Poco::Net::MailMessage;

std::size_t utf8Length(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

// RFC 2047 encoded words that never cut a character in two (POCO 1.11's encodeWord does,
// and a Cyrillic subject then shows a broken letter in some clients): base64 words of at
// most 45 bytes of whole UTF-8 characters, separated by spaces.
std::string encodeWords(const std::string& text) {
    bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c < 0x7f; });
    if (ascii) return text;
    std::string out, chunk;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = std::min(utf8Length(static_cast<unsigned char>(text[i])), text.size() - i);
        if (chunk.size() + n > 45) {
            out += (out.empty() ? "" : " ") + std::string("=?UTF-8?B?") + base64(chunk) + "?=";
            chunk.clear();
        }
        chunk.append(text, i, n);
        i += n;
    }
    if (!chunk.empty())
        out += (out.empty() ? "" : " ") + std::string("=?UTF-8?B?") + base64(chunk) + "?=";
    return out;
}

void compose(MailMessage& m, const store::OutboxMail& mail, const SmtpSettings& settings) {
    m.setSender(encodeWords(settings.fromName) + " <" + settings.from + ">");
    m.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT,
                                            mail.letter.recipient));
    m.setSubject(encodeWords(mail.letter.subject));
    m.set("Message-ID", mail.messageId);
    m.setContentType("multipart/alternative");
    m.addPart("",
              new Poco::Net::StringPartSource(mail.letter.textBody, "text/plain; charset=UTF-8"),
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
    if (!settings_.user.empty() && !settings_.startTls)
        throw MailFailure(true, "refusing to send SMTP credentials without STARTTLS");
    MailMessage message;
    compose(message, mail, settings_);
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(settings_.host, settings_.port),
                       Poco::Timespan(settings_.timeoutSeconds, 0));
        // POCO writes a command and its line end in separate segments: with Nagle's algorithm
        // each would wait for the server's delayed ACK (40 ms a step, ~50 ms a letter).
        socket.setNoDelay(true);
        Poco::Net::SecureSMTPClientSession session(socket);
        session.setTimeout(Poco::Timespan(settings_.timeoutSeconds, 0));
        session.login(settings_.heloName);
        if (settings_.startTls) {
            Poco::Net::Context::Ptr context = new Poco::Net::Context(
                Poco::Net::Context::TLS_CLIENT_USE, "", "", settings_.caFile,
                Poco::Net::Context::VERIFY_RELAXED, 9, settings_.caFile.empty());
            if (!session.startTLS(context))
                throw MailFailure(false, "the SMTP server does not offer STARTTLS");
            // RFC 3207: after the handshake the client forgets what it knew and greets again.
            if (settings_.user.empty()) session.login(settings_.heloName);
        }
        if (!settings_.user.empty()) {
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
