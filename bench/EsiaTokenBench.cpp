// ESIA benchmarks against running processes (bench/run.sh, bench/esia-signin.sh).
//
// Token requests per second at the emulator: phase 1 signs in through the emulator's pages to
// collect authorization codes; phase 2 exchanges them at /aas/oauth2/v3/te from several
// threads and times only that:
//   netcity-bench-esia SIM_URL CLIENT_KEY CLIENT_CERT REDIRECT_URI LOGIN PASSWORD CODES THREADS
// Complete sign-ins through Gosuslugi at the portal (role choice, emulator, callback, token
// exchange, person API, session), each thread a browser of its own:
//   netcity-bench-esia signin PORTAL_URL SIM_URL LOGIN PASSWORD SIGNINS THREADS
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "crypto/Gost.h"
#include "crypto/Random.h"

using namespace netcity;

namespace {

struct Response {
    int status = 0;
    std::string body, location;
};

std::string enc(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
    return out;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string uuid() {
    auto b = crypto::randomBytes(16);
    b[6] = static_cast<char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<char>((b[8] & 0x3F) | 0x80);
    auto h = crypto::toHex(b);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string timestamp() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y.%m.%d %H:%M:%S +0000", &tm);
    return buf;
}

std::string param(const std::string& url, const std::string& name) {
    for (const auto& [k, v] : Poco::URI(url).getQueryParameters())
        if (k == name) return v;
    return {};
}

class Browser {
public:
    explicit Browser(Poco::URI base) : base_(std::move(base)) {}
    Response send(const std::string& method, const std::string& path, const std::string& body = "") {
        Poco::Net::HTTPClientSession session(base_.getHost(), base_.getPort());
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        Poco::Net::NameValueCollection jar;
        for (const auto& [k, v] : cookies_) jar.add(k, v);
        if (!cookies_.empty()) req.setCookies(jar);
        if (method == "POST") {
            req.setContentType("application/x-www-form-urlencoded");
            req.setContentLength64(static_cast<Poco::Int64>(body.size()));
            session.sendRequest(req) << body;
        } else {
            session.sendRequest(req);
        }
        Poco::Net::HTTPResponse res;
        Response out;
        Poco::StreamCopier::copyToString(session.receiveResponse(res), out.body);
        out.status = res.getStatus();
        out.location = res.get("Location", "");
        std::vector<Poco::Net::HTTPCookie> cookies;
        res.getCookies(cookies);
        for (const auto& c : cookies) cookies_[c.getName()] = c.getValue();
        return out;
    }

private:
    Poco::URI base_;
    std::map<std::string, std::string> cookies_;
};

}  // namespace

std::string csrfFrom(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    auto p = html.find(marker);
    if (p == std::string::npos) return {};
    p += marker.size();
    return html.substr(p, html.find('"', p) - p);
}

// One complete sign-in; true when it ends on the portal's main page.
bool signInThroughGosuslugi(Browser& portal, Browser& sim, const std::string& login,
                            const std::string& password) {
    auto page = portal.send("GET", "/esia/start");
    auto r = portal.send("POST", "/esia/start", "csrf=" + csrfFrom(page.body) + "&role=staff");
    if (r.status != 303) return false;
    Poco::URI toSim(r.location);
    r = sim.send("GET", toSim.getPathEtc());
    std::string flow = param(r.location, "flow");
    r = sim.send("GET", r.location);
    if (r.status == 200 && r.body.find("login-form") != std::string::npos)
        r = sim.send("POST", "/idp/login", "flow=" + flow + "&login=" + enc(login) + "&password=" + enc(password));
    if (r.status == 200 && r.body.find("consent-form") != std::string::npos)
        r = sim.send("POST", "/idp/consent", "flow=" + flow + "&decision=allow");
    if (r.status != 303) return false;
    r = portal.send("GET", Poco::URI(r.location).getPathEtc());
    return r.status == 303 && r.location.rfind("/main", 0) == 0;
}

int signInBench(char** argv) {
    Poco::URI portalUrl(argv[2]), simUrl(argv[3]);
    std::string login = argv[4], password = argv[5];
    int total = std::stoi(argv[6]), threads = std::stoi(argv[7]);
    std::atomic<int> next{0}, ok{0}, failed{0};
    // A first sign-in per browser logs in at Gosuslugi and consents; it is not timed.
    std::vector<std::pair<std::unique_ptr<Browser>, std::unique_ptr<Browser>>> browsers;
    for (int t = 0; t < threads; ++t) {
        browsers.emplace_back(std::make_unique<Browser>(portalUrl), std::make_unique<Browser>(simUrl));
        if (!signInThroughGosuslugi(*browsers.back().first, *browsers.back().second, login, password)) {
            std::cerr << "the warm-up sign-in failed\n";
            return 1;
        }
    }
    auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            while (next++ < total)
                (signInThroughGosuslugi(*browsers[t].first, *browsers[t].second, login, password) ? ok : failed)++;
        });
    for (auto& w : workers) w.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "ESIA sign-ins: " << ok << " ok, " << failed << " failed in " << seconds
              << " s = " << ok / seconds << " /s (" << threads << " browsers)\n";
    return failed == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc == 8 && std::string(argv[1]) == "signin") return signInBench(argv);
    if (argc != 9) {
        std::cerr << "usage: netcity-bench-esia SIM_URL CLIENT_KEY CLIENT_CERT REDIRECT_URI LOGIN "
                     "PASSWORD CODES THREADS\n";
        return 2;
    }
    Poco::URI sim(argv[1]);
    auto key = crypto::PrivateKey::fromPem(readFile(argv[2]));
    auto cert = crypto::Certificate::fromPem(readFile(argv[3]));
    std::string redirect = argv[4], login = argv[5], password = argv[6];
    int codesWanted = std::stoi(argv[7]), threads = std::stoi(argv[8]);
    const std::string client = "NETCITY01", scope = "openid fullname snils";
    std::string hash = cert.streebogHashHex();

    Browser browser(sim);
    std::vector<std::string> codes;
    for (int i = 0; i < codesWanted; ++i) {
        std::string state = uuid(), ts = timestamp();
        std::string secret = crypto::base64UrlEncode(
            crypto::signRaw(key, client + scope + ts + state + redirect));
        auto r = browser.send("GET", "/aas/oauth2/v2/ac?client_id=" + client + "&scope=" + enc(scope) +
                                         "&response_type=code&redirect_uri=" + enc(redirect) +
                                         "&state=" + state + "&timestamp=" + enc(ts) +
                                         "&access_type=offline&client_secret=" + secret +
                                         "&client_certificate_hash=" + hash);
        std::string flow = param(r.location, "flow");
        r = browser.send("GET", r.location.substr(r.location.find("/idp/")));
        if (r.status == 200 && r.body.find("login-form") != std::string::npos)
            r = browser.send("POST", "/idp/login", "flow=" + flow + "&login=" + enc(login) + "&password=" + enc(password));
        if (r.status == 200 && r.body.find("consent-form") != std::string::npos)
            r = browser.send("POST", "/idp/consent", "flow=" + flow + "&decision=allow");
        std::string code = param(r.location, "code");
        if (code.empty()) {
            std::cerr << "no code (status " << r.status << "): " << r.location << "\n";
            return 1;
        }
        codes.push_back(code);
    }

    std::atomic<std::size_t> next{0};
    std::atomic<int> ok{0}, failed{0};
    auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            Browser rp(sim);
            for (std::size_t i = next++; i < codes.size(); i = next++) {
                std::string state = uuid(), ts = timestamp();
                std::string secret = crypto::base64UrlEncode(
                    crypto::signRaw(key, client + scope + ts + state + redirect + codes[i]));
                auto r = rp.send("POST", "/aas/oauth2/v3/te",
                                 "client_id=" + client + "&code=" + enc(codes[i]) +
                                     "&grant_type=authorization_code&client_secret=" + secret +
                                     "&state=" + state + "&redirect_uri=" + enc(redirect) +
                                     "&scope=" + enc(scope) + "&timestamp=" + enc(ts) +
                                     "&token_type=Bearer&client_certificate_hash=" + hash);
                (r.status == 200 && r.body.find("\"access_token\"") != std::string::npos ? ok : failed)++;
            }
        });
    for (auto& w : workers) w.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "token requests: " << ok << " ok, " << failed << " failed in " << seconds
              << " s = " << ok / seconds << " /s (" << threads << " client threads)\n";
    return failed == 0 ? 0 : 1;
}
