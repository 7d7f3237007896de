#pragma once

#include <Poco/Process.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace netcity::testing {

struct ReceivedMail {
    std::string to, subject, text, html, messageId;
};

// A real SMTP server for the tests: Debian's aiosmtpd writing a Maildir, on a free port.
// stop() and start() keep the port, so a test can take the server away and bring it back.
class SmtpSink {
  public:
    // `startTls`: the server offers STARTTLS with a fresh self-signed certificate for
    // 127.0.0.1 (caFile()) and refuses mail without it.
    explicit SmtpSink(bool startTls = false);
    ~SmtpSink();
    std::string caFile() const { return dir_ + "-tls/cert.pem"; }
    unsigned short port() const { return port_; }
    void start();
    void stop();
    std::vector<ReceivedMail> messages() const;
    // Waits until `count` letters have arrived (or the timeout passes); returns them all.
    std::vector<ReceivedMail> waitFor(std::size_t count,
                                      std::chrono::seconds timeout = std::chrono::seconds(10));

  private:
    unsigned short port_ = 0;
    std::string dir_;
    bool startTls_ = false;
    std::unique_ptr<Poco::ProcessHandle> process_;
};

// RFC 2047 encoded words ("=?UTF-8?q?…?=") back to UTF-8.
std::string decodeHeaderWords(const std::string& value);

}  // namespace netcity::testing
