#include "app/Commands.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "app/AuditExport.h"
#include "app/Config.h"
#include "app/DemoLogins.h"
#include "app/EsiaKeys.h"
#include "app/ImportTexts.h"
#include "app/Runtime.h"
#include "app/SimRuntime.h"
#include "crypto/Gost.h"
#include "crypto/Random.h"
#include "flows/AccountAdministration.h"
#include "flows/PeopleImport.h"
#include "log/JsonLog.h"
#include "sim/Scopes.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"

namespace netcity::embedded {
const std::map<std::string, std::string>& demoFiles();
}

namespace netcity::app {
namespace {

void waitForTermination() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    int sig = 0;
    sigwait(&set, &sig);
}

void blockTerminationSignals() {
    // Blocked in every thread (they inherit the mask), so only sigwait() sees them.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

flows::PeopleImport::Progress terminalProgress() {
    if (!isatty(STDERR_FILENO)) return {};
    return [last = -1](std::size_t done, std::size_t total) mutable {
        int percent = total ? static_cast<int>(done * 100 / total) : 100;
        if (percent == last) return;
        last = percent;
        int filled = percent * 30 / 100;
        std::cerr << "\r[" << std::string(filled, '#') << std::string(30 - filled, ' ') << "] "
                  << percent << "%" << (percent == 100 ? "\n" : "") << std::flush;
    };
}

// How the deployment reads an import's marks and days: its --mark-scale and --time-zone.
flows::PeopleImport::Settings importSettings(const Config& config) {
    auto scale = domain::journal::MarkScale::parse(config.get("mark-scale"));
    if (!scale) throw std::invalid_argument("--mark-scale must look like 1-5 (at most 1-10)");
    auto timeZone = domain::UtcOffset::parse(config.get("time-zone"));
    if (!timeZone) throw std::invalid_argument("--time-zone must look like +07:00");
    return {*scale, *timeZone};
}

int importText(Runtime& rt, const Config& config, const std::string& text, bool skipBad) {
    auto settings = importSettings(config);
    settings.verifiers = &rt.legacyVerifiers();
    flows::PeopleImport import(rt.db(), rt.hasher(), rt.vault(), rt.clock(), settings);
    auto report = import.run(text, skipBad, terminalProgress());
    for (const auto& e : report.errors)
        std::cerr << "строка " << e.line << ": " << describe(e.problem) << "\n";
    if (!report.written) {
        std::cerr << "Ничего не импортировано: в файле есть ошибки (" << report.errors.size()
                  << "). Исправьте их или запустите с --skip-bad.\n";
        return 1;
    }
    std::cerr << "Импортировано:";
    for (const auto& [kind, n] : report.imported) std::cerr << " " << kind << " " << n << ";";
    std::cerr << "\n";
    return report.errors.empty() ? 0 : 1;
}

// CPU per argon2id hash at the configured parameters and concurrency — the same way the server
// computes them (bench/run.sh compares the two).
int hashCost(const Config& config) {
    int workers = config.getInt("argon2-concurrency");
    crypto::PasswordHasher hasher(
        {static_cast<unsigned long long>(config.getInt("argon2-memory-kib")),
         static_cast<unsigned long long>(config.getInt("argon2-iterations")), workers});
    const int perClient = 25;
    std::clock_t start = std::clock();  // CPU time of the whole process
    std::vector<std::thread> clients;
    for (int c = 0; c < workers; ++c)
        clients.emplace_back([&] {
            for (int i = 0; i < perClient; ++i) hasher.hash("benchmark password");
        });
    for (auto& c : clients) c.join();
    double ms =
        1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / (perClient * workers);
    std::cout << "argon2id m=" << config.get("argon2-memory-kib")
              << " t=" << config.get("argon2-iterations") << " x" << workers << ": " << ms
              << " ms per hash\n";
    return 0;
}

// CPU per GOST R 34.10-2012 (256) signature and verification with Streebog-256, through the
// OpenSSL GOST engine: what every ESIA token and client_secret costs.
int gostCost() {
    auto key = crypto::PrivateKey::generateGost("XA");
    auto pub = crypto::PublicKey::of(key);
    std::string message(300, 'x');  // about the size of a JWT signing input
    const int n = 500;
    std::vector<crypto::Bytes> signatures;
    std::clock_t start = std::clock();
    for (int i = 0; i < n; ++i) signatures.push_back(crypto::signRaw(key, message));
    double signMs = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / n;
    start = std::clock();
    int ok = 0;
    for (const auto& s : signatures) ok += crypto::verifyRaw(pub, message, s);
    double verifyMs = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / n;
    std::cout << "GOST R 34.10-2012 256: sign " << signMs << " ms, verify " << verifyMs << " ms ("
              << ok << "/" << n << " verified)\n";
    return ok == n ? 0 : 1;
}

int admin(const Config& config, const std::vector<std::string>& pos) {
    if (pos.size() < 2) throw std::invalid_argument("admin needs a subcommand");
    if (pos[1] == "hash-cost") return hashCost(config);
    if (pos[1] == "gost-cost") return gostCost();
    if (pos[1] == "esia-keys") {
        if (pos.size() != 2) throw std::invalid_argument("admin esia-keys takes no arguments");
        return makeEsiaKeys(config, std::cout, std::cerr);
    }
    Runtime rt(config);
    if (pos[1] == "migrate") {
        std::cerr << "schema version " << rt.db().schemaVersion() << "\n";
        return 0;
    }
    if (pos[1] == "import") {
        if (pos.size() != 3) throw std::invalid_argument("admin import needs one FILE.csv");
        std::ifstream in(pos[2], std::ios::binary);
        if (!in) {
            std::cerr << "Не удалось открыть файл " << pos[2] << "\n";
            return 1;
        }
        std::stringstream text;
        text << in.rdbuf();
        return importText(rt, config, text.str(), config.getBool("skip-bad"));
    }
    if (pos[1] == "temp-password") {
        if (pos.size() != 4)
            throw std::invalid_argument("admin temp-password needs ORGANIZATION-KEY LOGIN");
        auto s = rt.db().session();
        auto org = store::DirectoryRepository(rt.db(), s).idByKey("organizations", pos[2]);
        auto account =
            org ? store::AccountRepository(rt.db(), s).byLogin(*org, pos[3]) : std::nullopt;
        if (!account) {
            std::cerr << "Нет пользователя " << pos[3] << " в организации " << pos[2] << "\n";
            return 1;
        }
        flows::AccountAdministration accounts(rt.db(), rt.vault(), rt.hasher(), rt.sessions(),
                                              rt.clock());
        auto r = accounts.issueByOperator(account->id);
        std::cout << "Логин: " << r.login << "\nВременный пароль: " << r.temporaryPassword
                  << "\nДействует до: " << isoUtc(r.expiresAt)
                  << "\nПри первом входе пароль нужно сменить.\n";
        return 0;
    }
    if (pos[1] == "audit") {
        if (pos.size() != 3 || pos[2] != "export")
            throw std::invalid_argument(
                "admin audit needs: export [--format csv|jsonl] [--since DD.MM.YYYY]");
        std::string format = config.get("format");
        if (format != "csv" && format != "jsonl")
            throw std::invalid_argument("--format must be csv or jsonl");
        std::int64_t since = 0;
        if (!config.get("since").empty()) {
            auto date = domain::CalendarDate::parse(config.get("since"));
            if (!date) throw std::invalid_argument("--since must be DD.MM.YYYY");
            since = date->unixSeconds();
        }
        auto n = exportAudit(rt.db(), std::cout,
                             format == "csv" ? AuditFormat::Csv : AuditFormat::JsonLines, since);
        std::cerr << "событий: " << n << "\n";
        return 0;
    }
    throw std::invalid_argument("unknown admin subcommand " + pos[1]);
}

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument("cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The emulator's data: the --sim-data file, or the demo persons built into the binary.
std::unique_ptr<SimRuntime> makeSim(const Config& config) {
    std::string path = config.get("sim-data");
    if (path.empty())
        return std::make_unique<SimRuntime>(config, embedded::demoFiles().at("esia-sim-data.json"),
                                            ".");
    std::string dir = std::filesystem::path(path).parent_path().string();
    return std::make_unique<SimRuntime>(config, readWholeFile(path), dir.empty() ? "." : dir);
}

int esiaSim(Config config) {
    blockTerminationSignals();
    auto sim = makeSim(config);
    sim->start();
    std::cout << "ESIA emulator on " << sim->baseUrl() << "/  (developer page: " << sim->baseUrl()
              << "/sim/dev)" << std::endl;
    waitForTermination();
    sim->stop();
    return 0;
}

// Registers the portal at the emulator as a generation-2 client with its own GOST key, the
// way a region registers its system on the technology portal.
void registerPortalAtSim(const Config& config, SimRuntime& sim, const std::string& portalUrl) {
    auto [key, cert] =
        loadOrCreateKeyPair(config.get("data-dir"), "portal-esia-client", true, "NETCITY01");
    sim::SimClient client;
    client.mnemonic = "NETCITY01";
    client.name = "Сетевой Город. Образование";
    client.redirectUris = {portalUrl + "esia/callback", portalUrl + "esia/link/callback"};
    for (const auto& scope : sim::knownScopes()) client.scopes.insert(scope.name);
    client.certificatePem = cert.pem();
    sim.data().upsertClient(client);
}

void printSimLogins(SimRuntime& sim) {
    std::cout << "  Эмулятор ЕСИА: " << sim.baseUrl() << "/sim/dev (SMS-коды, учётные записи)\n"
              << "  Входы в эмулятор (логин / пароль):\n";
    int shown = 0;
    for (const auto& p : sim.data().persons()) {
        if (p.email.empty() || shown >= 4) continue;
        ++shown;
        std::cout << "    " << p.lastName << " " << p.firstName << ": " << p.email << " / "
                  << p.password << (p.twoFactor ? " (с SMS-кодом)" : "") << "\n";
    }
}

// The demo's ESIA: the emulator, started first so the portal can be pointed at it.
std::unique_ptr<SimRuntime> startDemoSim(Config& config) {
    auto sim = makeSim(config);
    try {
        sim->start();
    } catch (const Poco::Exception&) {
        if (config.isSet("sim-port")) throw;
        config.set("sim-port", "0");  // the usual port is taken: any free one
        sim->start();
    }
    std::string dir = config.get("data-dir");
    loadOrCreateKeyPair(dir, "portal-esia-client", true, "NETCITY01");
    config.set("esia-url", sim->baseUrl());
    if (!config.isSet("esia-issuer")) config.set("esia-issuer", config.get("sim-issuer"));
    config.set(
        "esia-signing-cert-file",
        dir + (config.get("sim-token-alg") == "gost" ? "/esia-sim.crt" : "/esia-sim-rsa.crt"));
    return sim;
}

int serve(Config config, bool demo) {
    blockTerminationSignals();
    if (demo && !config.isSet("data-dir")) config.set("data-dir", ".netcity-demo");
    if (demo && !config.isSet("mail")) config.set("mail", "console");
    if (demo && !config.isSet("metrics-token"))
        config.set("metrics-token", crypto::randomToken(18));
    // SGO apps sign in to the demo unmodified (docs/webapi.md: what this costs in production).
    if (demo && !config.isSet("webapi-password-login")) config.set("webapi-password-login", "true");
    Runtime rt(config);
    const std::string& csv = embedded::demoFiles().at("demo-data.csv");
    std::unique_ptr<SimRuntime> sim;
    if (demo) {
        auto s = rt.db().session();
        if (store::AccountRepository(rt.db(), s).count() == 0) {
            std::cerr << "Загружаю демо-данные…\n";
            if (importText(rt, config, csv, false) != 0) return 1;
            // The journal of two schools' 2026/2027 (scripts/journal-csv.py demo).
            if (importText(rt, config, embedded::demoFiles().at("demo-journal.csv"), false) != 0)
                return 1;
        }
        sim = startDemoSim(config);
    }
    unsigned short port;
    try {
        port = rt.startPortal();
    } catch (const Poco::Exception& e) {
        if (!demo || config.isSet("port")) throw;
        config.set("port", "0");  // the usual port is taken on this machine: take any free one
        port = rt.startPortal();
    }
    std::string url = "http://" + config.get("bind") + ":" + std::to_string(port) + "/";
    log::logJson("started", {{"port", std::to_string(port)}});
    if (demo) {
        registerPortalAtSim(config, *sim, url);
        std::cout << "\nnetcity demo is running.\n  Портал: " << url << "login\n"
                  << "  Данные: " << config.get("data-dir") << " (SQLite)\n"
                  << "  Метрики: curl -H 'Authorization: Bearer " << config.get("metrics-token")
                  << "' " << url << "metrics\n";
        std::cout << demoLogins(csv);
        printSimLogins(*sim);
        if (config.get("mail") == "console")
            std::cout << "  Письма заявителям печатаются здесь (--mail smtp --smtp-port N: на "
                         "SMTP-сервер)\n";
        std::cout << "  Остановить: Ctrl+C\n" << std::flush;
    } else {
        std::cout << "listening on " << url << std::endl;
    }
    waitForTermination();
    rt.stop();
    if (sim) sim->stop();
    return 0;
}

}  // namespace

int runCommand(const std::vector<std::string>& args) {
    try {
        std::vector<std::string> pos;
        if (args.empty() || args[0] == "--help" || args[0] == "help" || args[0] == "-h") {
            std::cout << Config::help();
            return 0;
        }
        for (const auto& a : args)
            if (a == "--help" || a == "-h") {
                std::cout << Config::help();
                return 0;
            }
        Config config = Config::load(args, pos);
        if (pos.empty()) throw std::invalid_argument("no command given");
        if (pos[0] == "serve") return serve(config, false);
        if (pos[0] == "demo") return serve(config, true);
        if (pos[0] == "esia-sim") return esiaSim(config);
        if (pos[0] == "admin") return admin(config, pos);
        throw std::invalid_argument("unknown command " + pos[0]);
    } catch (const std::invalid_argument& e) {
        std::cerr << "netcity: " << e.what() << "\nRun `netcity --help` for usage.\n";
        return 2;
    } catch (const Poco::Exception& e) {
        std::cerr << "netcity: " << e.displayText() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "netcity: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace netcity::app
