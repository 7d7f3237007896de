#include "http/HttpExchange.h"

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/URI.h>

#include <algorithm>
#include <charconv>
#include <istream>

#include "domain/Utf8Text.h"

namespace netcity::http {
namespace {

constexpr long kDrainLimit = 1024 * 1024;

bool decodePercent(const std::string& in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(in[i + 2])))
                return false;
            out.push_back(static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return true;
}

}  // namespace

std::map<std::string, std::string> parseUrlEncoded(const std::string& text, std::size_t maxFields) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('&', start);
        if (end == std::string::npos) end = text.size();
        std::string pair = text.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        std::string name, value;
        if (!decodePercent(pair.substr(0, eq), name) ||
            !decodePercent(eq == std::string::npos ? "" : pair.substr(eq + 1), value))
            throw HttpError{400, "Запрос содержит неверно закодированные данные."};
        bool multiline = name == "comment";
        if (!domain::isValidUtf8(name) || !domain::isValidUtf8(value))
            throw HttpError{400, "Запрос содержит текст не в кодировке UTF-8."};
        if (domain::hasControlCharacters(name) || domain::hasControlCharacters(value, multiline))
            throw HttpError{400, "Запрос содержит недопустимые управляющие символы."};
        if (out.count(name)) throw HttpError{400, "Поле формы передано несколько раз."};
        if (out.size() >= maxFields) throw HttpError{400, "Слишком много полей в запросе."};
        out.emplace(std::move(name), std::move(value));
    }
    return out;
}

HttpExchange::HttpExchange(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response)
    : request_(request), response_(response) {
    const std::string& uri = request.getURI();
    if (uri.size() > 4096) throw HttpError{414, "Слишком длинный адрес страницы."};
    auto q = uri.find('?');
    try {
        Poco::URI::decode(uri.substr(0, q), path_);
    } catch (const Poco::Exception&) {
        throw HttpError{400, "Неверный адрес страницы."};
    }
    if (!domain::isValidUtf8(path_) || domain::hasControlCharacters(path_))
        throw HttpError{400, "Неверный адрес страницы."};
    if (q != std::string::npos) query_ = parseUrlEncoded(uri.substr(q + 1));
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    for (const auto& [name, value] : cookies) cookies_[name] = value;
}

std::string HttpExchange::clientAddress() const {
    std::string peer = request_.clientAddress().host().toString();
    if (trustedProxy_.empty() || peer != trustedProxy_) return peer;
    std::string forwarded = request_.get("X-Forwarded-For", "");
    auto comma = forwarded.rfind(',');
    std::string last = domain::collapseSpaces(
        comma == std::string::npos ? forwarded : forwarded.substr(comma + 1));
    return last.empty() || last.size() > 45 ? peer : last;
}

std::string HttpExchange::query(const std::string& name) const {
    auto it = query_.find(name);
    return it == query_.end() ? std::string{} : it->second;
}

std::optional<std::int64_t> parsePositiveId(std::string_view v) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (v.empty() || ec != std::errc{} || ptr != v.data() + v.size() || id <= 0)
        return std::nullopt;
    return id;
}

std::optional<std::int64_t> HttpExchange::queryId(const std::string& name) const {
    return parsePositiveId(query(name));
}

void HttpExchange::readForm(std::size_t limit, std::size_t maxFields) {
    form_ = parseUrlEncoded(readBody("application/x-www-form-urlencoded", limit), maxFields);
}

std::string HttpExchange::readBody(const std::string& contentType, std::size_t limit) {
    if (request_.getContentType().rfind(contentType, 0) != 0)
        throw HttpError{415, "Данные отправлены в неподдерживаемом формате."};
    if (request_.hasContentLength() && request_.getContentLength64() > static_cast<long>(limit)) {
        // Read a moderately oversized body so the client sees the answer rather than a reset
        // connection; beyond that the connection is simply closed after the answer.
        if (request_.getContentLength64() <= kDrainLimit) {
            request_.stream().ignore(static_cast<std::streamsize>(request_.getContentLength64()));
        } else {
            response_.setKeepAlive(false);
        }
        throw HttpError{413, "Слишком большой объём данных в запросе."};
    }
    std::string body(limit + 1, '\0');
    request_.stream().read(body.data(), static_cast<std::streamsize>(body.size()));
    body.resize(static_cast<std::size_t>(request_.stream().gcount()));
    if (body.size() > limit) throw HttpError{413, "Слишком большой объём данных в запросе."};
    return body;
}

std::string HttpExchange::form(const std::string& name) const {
    auto it = form_.find(name);
    return it == form_.end() ? std::string{} : it->second;
}

std::string HttpExchange::cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? std::string{} : it->second;
}

void HttpExchange::setCookie(const std::string& name, const std::string& value, int maxAgeSeconds,
                             bool secure) {
    std::string header = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
    if (maxAgeSeconds >= 0) header += "; Max-Age=" + std::to_string(maxAgeSeconds);
    if (secure) header += "; Secure";
    response_.add("Set-Cookie", header);
    // Later reads in this request see the new value, as the next request will.
    if (maxAgeSeconds == 0)
        cookies_.erase(name);
    else
        cookies_[name] = value;
}

void HttpExchange::clearCookie(const std::string& name, bool secure) {
    setCookie(name, "", 0, secure);
}

namespace {

// POCO's response stream writes through a 4 KiB buffer: the class journal's page (300 KB)
// went out as 75 sends, each through the whole TCP path. A body this large goes to the socket
// in one piece.
constexpr std::size_t kDirectBody = 16 * 1024;

// False when the peer went away (the stream it replaces would fail as quietly).
bool sendAll(Poco::Net::StreamSocket& socket, const std::string& body) {
    const char* next = body.data();
    std::size_t left = body.size();
    try {
        while (left > 0) {
            int n = socket.sendBytes(next, static_cast<int>(std::min<std::size_t>(left, 1 << 30)));
            if (n <= 0) return false;
            next += n;
            left -= static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {
        return false;
    }
    return true;
}

}  // namespace

void HttpExchange::send(const std::string& body, const std::string& contentType, int status) {
    status_ = status;
    sent_ = true;
    response_.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response_.setContentType(contentType);
    response_.set("X-Content-Type-Options", "nosniff");
    response_.set("X-Frame-Options", "DENY");
    response_.set("Referrer-Policy", "same-origin");
    response_.set("Cache-Control", "no-store");
    response_.setContentLength64(static_cast<Poco::Int64>(body.size()));
    auto& out = response_.send();
    auto* direct = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request_);
    if (direct && body.size() >= kDirectBody && request_.getMethod() != "HEAD") {
        out.flush();  // the header, which the stream holds
        if (!sendAll(direct->socket(), body)) response_.setKeepAlive(false);
        return;
    }
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.flush();  // sent now: what the handler does next (waking a worker) cannot delay it
}

void HttpExchange::sendHtml(const std::string& html, int status) {
    response_.set("Content-Security-Policy",
                  "default-src 'self'; script-src 'self'; style-src 'self'; "
                  "img-src 'self' data:; form-action 'self'" +
                      formTargets_ + "; frame-ancestors 'none'");
    send(html, "text/html; charset=utf-8", status);
}

void HttpExchange::sendJson(const std::string& json, int status) {
    send(json, "application/json; charset=utf-8", status);
}

void HttpExchange::sendText(const std::string& body, const std::string& contentType, int status) {
    send(body, contentType, status);
}

void HttpExchange::redirect(const std::string& location) {
    response_.set("Location", location);
    send("", "text/plain; charset=utf-8", 303);
}

}  // namespace netcity::http
