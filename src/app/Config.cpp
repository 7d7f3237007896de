#include "app/Config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cstdlib>
#include <stdexcept>

namespace netcity::app {
namespace {

std::string envName(const std::string& option) {
    std::string out = "NETCITY_";
    for (char c : option) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
    return out;
}

const Config::Option* findOption(const std::string& name) {
    for (const auto& o : Config::options())
        if (o.name == name) return &o;
    return nullptr;
}

}  // namespace

const std::vector<Config::Option>& Config::options() {
    static const std::vector<Option> kOptions{
        {"config", "", "file with key = value lines (same names as the flags)"},
        {"bind", "127.0.0.1", "address to listen on"},
        {"port", "18480", "portal HTTP port (0: any free port)"},
        {"data-dir", "netcity-data", "directory for the SQLite database and the key file"},
        {"database", "",
         "sqlite:PATH or postgresql://user:pw@host:port/db (default: SQLite in data-dir)"},
        {"password-login", "everyone", "who may sign in with a password: everyone, staff, nobody"},
        {"webapi-password-login", "false",
         "let SGO apps sign in with a password over /webapi (keeps a legacy MD5 verifier of "
         "each password, sealed; off: all of them deleted at start-up; docs/webapi.md)"},
        {"secure-cookies", "false", "served over TLS: Secure and __Host- cookies"},
        {"access-log", "true", "one JSON line per request on stderr"},
        {"argon2-memory-kib", "19456", "argon2id memory per hash, KiB (OWASP minimum 19456)"},
        {"argon2-iterations", "2", "argon2id passes"},
        {"argon2-concurrency", "2", "password hashes computed at once (each holds its memory)"},
        {"max-threads", "192", "HTTP worker threads (one per open connection)"},
        {"keep-alive", "3", "seconds an idle keep-alive connection is kept"},
        {"db-connections", "24",
         "database connections this node may hold; with N nodes keep N x this under "
         "PostgreSQL's max_connections (100 by default)"},
        {"db-wait-ms", "5000",
         "how long a request waits for a free database connection before a 503 page"},
        {"session-idle-minutes", "30", "a session ends after this much inactivity"},
        {"session-hours", "12", "a session ends this long after sign-in, whatever happens"},
        {"cache-seconds", "2",
         "how long a node trusts its copy of a session, an account, the main page's glance at "
         "the journal or a class's diary week (0: always ask the database); a sign-out or a mark "
         "on another node shows here at most this much later"},
        {"metrics-token", "",
         "bearer token Prometheus sends for GET /metrics (Authorization: Bearer ...); empty: "
         "/metrics is not served. Give it in the config file or NETCITY_METRICS_TOKEN: a flag "
         "shows in the process list"},
        {"trusted-proxy", "",
         "address of the reverse proxy (nginx) whose X-Forwarded-For names the client"},
        {"time-zone", "UTC", "the region's offset for times on staff pages, e.g. +07:00"},
        {"mark-scale", "1-5", "the deployment's marks in the class journal: 1-5, or e.g. 1-10"},
        {"public-url", "", "the portal's address as browsers see it (default http://BIND:PORT/)"},
        {"esia-url", "",
         "ESIA to sign in through (https://esia.gosuslugi.ru, or esia-sim's URL); empty: off"},
        {"esia-client-id", "NETCITY01", "the system's mnemonic registered at ESIA"},
        {"esia-key-file", "",
         "the system's private key, PEM (default DATA_DIR/portal-esia-client.key)"},
        {"esia-cert-file", "",
         "the system's certificate, PEM (default DATA_DIR/portal-esia-client.crt)"},
        {"esia-signing-cert-file", "", "ESIA's token signing certificate, PEM"},
        {"esia-issuer", "",
         "the iss of ESIA's tokens (default: http://esia.gosuslugi.ru/, what production ESIA "
         "issues; the test ESIA: http://esia-portal1.test.gosuslugi.ru/)"},
        {"esia-generation", "2", "ESIA protocol generation: 2 (v2/ac, v3/te, raw GOST) or 1 (CMS)"},
        {"esia-cutoff-date", "17.03.2025",
         "from this date parents and students cannot link Gosuslugi themselves (empty: never)"},
        {"oidc-issuer", "",
         "a standard OpenID Connect provider instead of ESIA (its issuer URL); empty: off"},
        {"oidc-client-id", "", "the portal's client_id at the OpenID Connect provider"},
        {"oidc-client-secret", "", "the portal's client secret there (client_secret_basic)"},
        {"esia-control-question", "false",
         "ask for a control question at the first Gosuslugi sign-in of an account without one"},
        {"mail", "smtp", "where letters go: smtp, or console (printed; the demo's default)"},
        {"smtp-host", "127.0.0.1", "SMTP server for the applicants' letters"},
        {"smtp-port", "25", "its port"},
        {"smtp-starttls", "false", "upgrade the SMTP connection with STARTTLS"},
        {"smtp-ca-file", "", "CA certificate for the SMTP server (default: the system's CAs)"},
        {"smtp-user", "", "SMTP login (sent only over STARTTLS)"},
        {"smtp-password", "", "SMTP password"},
        {"mail-from", "netcity@localhost", "the letters' sender address"},
        {"mail-retry-seconds", "30", "first pause after a failed delivery; doubles up to an hour"},
        {"sim-port", "18481", "esia-sim: HTTP port of the ESIA emulator (0: any free port)"},
        {"sim-data", "",
         "esia-sim: JSON file of persons and clients (docs/esia-sim.md); default: the demo data"},
        {"sim-admin-api", "false",
         "esia-sim: enable /sim/api/… for tests to add and change persons"},
        {"sim-token-alg", "gost", "esia-sim: token signature, gost (GOST3410_2012_256) or rs256"},
        {"sim-issuer", "http://esia.gosuslugi.ru/",
         "esia-sim: the iss claim (default: what production ESIA issues)"},
        {"sim-public-url", "",
         "esia-sim: the emulator's address as clients see it, for the person API's links "
         "(default: the address each request was sent to, from its Host)"},
        {"request", "", "admin esia-keys: also write a certificate request (PKCS#10) to this file"},
        {"force", "false", "admin esia-keys: replace existing key and certificate files"},
        {"format", "csv", "admin audit export: csv or jsonl"},
        {"since", "", "admin audit export: events from this date on (DD.MM.YYYY)"},
        {"skip-bad", "false", "admin import: import the good rows of a file with bad ones"},
    };
    return kOptions;
}

Config Config::load(const std::vector<std::string>& args, std::vector<std::string>& positional) {
    Config c;
    for (const auto& o : options()) c.values_[o.name] = o.defaultValue;
    std::map<std::string, std::string> flags;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) {
            positional.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        } else if (name == "secure-cookies" || name == "skip-bad" || name == "sim-admin-api" ||
                   name == "force") {
            value = "true";
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw std::invalid_argument("--" + name + " needs a value");
        }
        if (!findOption(name)) throw std::invalid_argument("unknown option --" + name);
        flags[name] = value;
    }
    std::string file = flags.count("config") ? flags["config"] : "";
    if (file.empty())
        if (const char* env = std::getenv("NETCITY_CONFIG")) file = env;
    if (!file.empty()) {
        Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> props(
            new Poco::Util::PropertyFileConfiguration(file));
        for (const auto& o : options())
            if (props->hasProperty(o.name)) {
                c.values_[o.name] = props->getString(o.name);
                c.explicit_[o.name] = true;
            }
    }
    for (const auto& o : options())
        if (const char* env = std::getenv(envName(o.name).c_str())) {
            c.values_[o.name] = env;
            c.explicit_[o.name] = true;
        }
    for (const auto& [name, value] : flags) {
        c.values_[name] = value;
        c.explicit_[name] = true;
    }
    return c;
}

std::string Config::get(const std::string& name) const {
    return values_.at(name);
}

int Config::getInt(const std::string& name) const {
    try {
        return std::stoi(get(name));
    } catch (const std::exception&) {
        throw std::invalid_argument("--" + name + " must be a number");
    }
}

bool Config::getBool(const std::string& name) const {
    auto v = get(name);
    return v == "true" || v == "1" || v == "yes" || v == "on";
}

bool Config::isSet(const std::string& name) const {
    return explicit_.count(name) > 0;
}

std::string Config::databaseUrl() const {
    auto db = get("database");
    return db.empty() ? "sqlite:" + get("data-dir") + "/netcity.db" : db;
}

std::string Config::help() {
    std::string out =
        "netcity — the portal of «Сетевой Город. Образование»\n\n"
        "Usage:\n"
        "  netcity serve [options]              run the portal\n"
        "  netcity esia-sim [options]           the ESIA (Gosuslugi) emulator\n"
        "  netcity demo [options]               demo region in SQLite and the emulator, then "
        "serve\n"
        "  netcity admin migrate [options]      bring the database schema up to date\n"
        "  netcity admin import FILE.csv [--skip-bad]   import directory, people, accounts\n"
        "  netcity admin temp-password ORG-KEY LOGIN    issue a temporary password (3 days, "
        "change at first use)\n"
        "  netcity admin audit export [--format csv|jsonl] [--since DD.MM.YYYY]   the audit log "
        "to stdout\n"
        "  netcity admin esia-keys [--request FILE] [--force]   the system's GOST key and "
        "certificate for ESIA; prints the hash to register\n"
        "  netcity admin hash-cost [options]    time one argon2id hash at the configured cost\n"
        "  netcity admin gost-cost              time one GOST R 34.10-2012 signature and "
        "verification\n\n"
        "Options (flag / environment variable / config-file key):\n";
    for (const auto& o : options()) {
        out += "  --" + o.name + "  (" + envName(o.name) + ")\n      " + o.help;
        if (!o.defaultValue.empty()) out += " [default: " + o.defaultValue + "]";
        out += "\n";
    }
    return out;
}

}  // namespace netcity::app
