#include "support/SmtpSink.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace netcity::testing {
namespace {

unsigned short freePort() {
    Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
    return s.address().port();
}

bool accepting(unsigned short port) {
    try {
        Poco::Net::StreamSocket s;
        s.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(0, 200000));
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

std::string decodeQuotedPrintable(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '=' && i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
            i += s[i + 1] == '\r' ? 2 : 1;  // soft line break
        } else if (s[i] == '=' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else if (s[i] != '\r') {
            out += s[i];
        }
    }
    return out;
}

std::string decodeBody(const std::string& body, const std::string& headers) {
    if (headers.find("quoted-printable") != std::string::npos) return decodeQuotedPrintable(body);
    if (headers.find("base64") != std::string::npos) {
        std::istringstream in(body);
        Poco::Base64Decoder d(in);
        std::ostringstream out;
        out << d.rdbuf();
        return out.str();
    }
    return body;
}

// The text/plain and text/html parts of a multipart message (line ends "\n").
void splitParts(const std::string& message, ReceivedMail& m) {
    auto b = message.find("boundary=");
    if (b == std::string::npos) return;
    auto endOfValue = message.find_first_of("\r\n;", b + 9);
    std::string boundary = "--" + message.substr(b + 9, endOfValue - b - 9);
    if (boundary.size() > 2 && boundary[2] == '"')
        boundary = "--" + boundary.substr(3, boundary.size() - 4);
    for (auto at = message.find(boundary + "\n"); at != std::string::npos;) {
        auto start = at + boundary.size() + 1;
        auto next = message.find("\n" + boundary, start);
        if (next == std::string::npos) break;
        std::string part = message.substr(start, next - start);
        auto split = part.find("\n\n");
        std::string headers = part.substr(0, split), body = part.substr(split + 2);
        std::string decoded = decodeBody(body, headers);
        if (headers.find("text/html") != std::string::npos)
            m.html = decoded;
        else
            m.text = decoded;
        at = next + 1;
    }
}

std::string decodeQ(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_') {
            out += ' ';
        } else if (s[i] == '=' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// A header as written, unfolded: POCO decodes encoded words itself but keeps the spaces
// between adjacent ones, which RFC 2047 says to drop.
std::string rawHeader(const std::string& message, const std::string& name) {
    auto headersEnd = message.find("\r\n\r\n");
    std::string head = message.substr(0, headersEnd);
    auto at = head.find("\r\n" + name + ":");
    if (at == std::string::npos) return "";
    at += name.size() + 3;
    std::string value;
    for (auto end = head.find("\r\n", at);; end = head.find("\r\n", at)) {
        value += head.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (end == std::string::npos || end + 2 >= head.size() ||
            (head[end + 2] != ' ' && head[end + 2] != '\t'))
            break;
        at = end + 2;
    }
    auto first = value.find_first_not_of(" \t");
    return first == std::string::npos ? "" : value.substr(first);
}

}  // namespace

std::string decodeHeaderWords(const std::string& value) {
    std::string out;
    std::size_t pos = 0;
    bool lastWasEncoded = false;
    while (pos < value.size()) {
        auto start = value.find("=?", pos);
        if (start == std::string::npos) {
            out += value.substr(pos);
            break;
        }
        std::string between = value.substr(pos, start - pos);
        bool onlySpace = between.find_first_not_of(" \t\r\n") == std::string::npos;
        if (!(lastWasEncoded && onlySpace)) out += between;
        auto q1 = value.find('?', start + 2);
        auto q2 = value.find('?', q1 + 1);
        auto end = value.find("?=", q2 + 1);
        if (q1 == std::string::npos || q2 == std::string::npos || end == std::string::npos) {
            out += value.substr(start);
            break;
        }
        char encoding = static_cast<char>(std::tolower(value[q1 + 1]));
        std::string payload = value.substr(q2 + 1, end - q2 - 1);
        if (encoding == 'q') {
            out += decodeQ(payload);
        } else {
            std::istringstream in(payload);
            Poco::Base64Decoder d(in);
            std::ostringstream o;
            o << d.rdbuf();
            out += o.str();
        }
        pos = end + 2;
        lastWasEncoded = true;
    }
    return out;
}

SmtpSink::SmtpSink(bool startTls) : port_(freePort()), startTls_(startTls) {
    dir_ = Poco::Path::temp() + "netcity-smtp-" + std::to_string(port_) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    if (startTls_) {
        std::filesystem::create_directories(dir_ + "-tls");
        Poco::Process::Args args{"req",
                                 "-x509",
                                 "-newkey",
                                 "rsa:2048",
                                 "-nodes",
                                 "-days",
                                 "1",
                                 "-subj",
                                 "/CN=127.0.0.1",
                                 "-addext",
                                 "subjectAltName=IP:127.0.0.1",
                                 "-keyout",
                                 dir_ + "-tls/key.pem",
                                 "-out",
                                 caFile()};
        Poco::Pipe quiet;
        auto openssl = Poco::Process::launch("openssl", args, nullptr, &quiet, &quiet);
        if (openssl.wait() != 0) throw std::runtime_error("openssl could not make a certificate");
    }
    start();
}

SmtpSink::~SmtpSink() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    std::filesystem::remove_all(dir_ + "-tls", ignored);
}

void SmtpSink::start() {
    if (process_) return;
    Poco::Process::Args args{"-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_)};
    if (startTls_)
        args.insert(args.end(), {"--tlscert", caFile(), "--tlskey", dir_ + "-tls/key.pem"});
    args.insert(args.end(), {"-c", "aiosmtpd.handlers.Mailbox", dir_});
    process_ = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch("/usr/bin/python3", args, nullptr, nullptr, nullptr));
    for (int i = 0; i < 100; ++i) {
        if (accepting(port_)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stop();
    throw std::runtime_error("aiosmtpd did not start (is python3-aiosmtpd installed?)");
}

void SmtpSink::stop() {
    if (!process_) return;
    Poco::Process::kill(*process_);
    process_->wait();
    process_.reset();
}

std::vector<ReceivedMail> SmtpSink::messages() const {
    std::vector<std::filesystem::path> files;
    for (const char* sub : {"new", "cur"}) {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(dir_ + "/" + sub, ec))
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return std::filesystem::last_write_time(a) < std::filesystem::last_write_time(b);
    });
    std::vector<ReceivedMail> out;
    for (const auto& f : files) {
        // Python's mailbox writes "\n" line ends; headers are read with "\r\n".
        std::ifstream file(f, std::ios::binary);
        std::string raw((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        std::string crlf;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) crlf += '\r';
            crlf += raw[i];
        }
        ReceivedMail m;
        m.to = rawHeader(crlf, "To");
        m.subject = decodeHeaderWords(rawHeader(crlf, "Subject"));
        m.messageId = rawHeader(crlf, "Message-ID");
        std::string lf;
        for (char c : raw)
            if (c != '\r') lf += c;
        splitParts(lf, m);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<ReceivedMail> SmtpSink::waitFor(std::size_t count, std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto found = messages();
        if (found.size() >= count || std::chrono::steady_clock::now() > deadline) return found;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace netcity::testing
