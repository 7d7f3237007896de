#include "support/TestPortal.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "app/ImportTexts.h"
#include "crypto/Random.h"
#include "flows/PeopleImport.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"
#include "store/EsiaLinkRepository.h"
#include "support/EsiaTestStand.h"

namespace netcity::testing {

domain::LinkVerdict linkDirectly(store::Database& db, std::int64_t oid, std::int64_t accountId) {
    auto s = db.session();
    store::Transaction tx(db, s);
    auto account = store::AccountRepository(db, s).byId(accountId);
    if (!account) throw std::runtime_error("no such account");
    auto verdict = store::EsiaLinkRepository(db, s).link(
        oid, {account->id, account->organizationId, account->roles}, "test", 0);
    tx.commit();
    return verdict;
}

const char* kSmallRegionCsv =
    "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,"
    "phone,login,password,roles,class\n"
    "region,reg-t,,Томская область,,,,,,,,,,,,,\n"
    "municipality,mun-t,reg-t,Городской округ Город Томск,,,,,,,,,,,,,\n"
    "locality,loc-t,mun-t,г. Томск,,,,,,,,,,,,,\n"
    "organization,org-g1,loc-t,\"МАОУ \"\"Гимназия № 1\"\"\",общеобразовательная,,,,,,,,,,,,\n"
    "organization,org-ds,loc-t,\"МБДОУ \"\"Детский сад № 3\"\"\",дошкольная,,,,,,,,,,,,\n"
    "organization,org-uo,mun-t,Департамент образования г. Томска,управление "
    "образованием,,,,,,,,,,,,\n"
    "class,cls-5a,org-g1,5А,,,,,,,,,,,,,\n"
    "person,p-teacher,,,,Воронцова,Елена,Михайловна,12.04.1980,Ж,112-233-445 "
    "95,v@example.org,,,,,\n"
    "person,p-parent,,,,Лебедева,Анна,Сергеевна,01.02.1985,Ж,,,,,,,\n"
    "person,p-child,,,,Лебедев,Кирилл,Андреевич,15.06.2014,М,,,,,,,\n"
    "person,p-authority,,,,Никитина,Вера,Глебовна,05.05.1975,Ж,,,,,,,\n"
    "account,p-teacher,org-g1,,,,,,,,,,,vorontsova.em,Uchitel-2025,teacher;administrator,cls-5a\n"
    "account,p-parent,org-g1,,,,,,,,,,,lebedeva.as,Roditel-2025,parent,\n"
    "account,p-child,org-g1,,,,,,,,,,,lebedev.ka,Uchenik-2025,student,cls-5a\n"
    "account,p-authority,org-uo,,,,,,,,,,,nikitina.vg,Uprav-2025,authority,\n"
    "relation,p-child,p-parent,,,,,,,,,,,,,,\n";

// 6Б with its class teacher, a student and her mother; a teacher without a class; the
// kindergarten's administrator.
const char* kMoreStaffCsv =
    "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,"
    "phone,login,password,roles,class\n"
    "class,cls-6b,org-g1,6Б,,,,,,,,,,,,,\n"
    "person,p-sokolov,,,,Соколов,Пётр,Ильич,02.02.1979,М,,,,,,,\n"
    "person,p-morozova,,,,Морозова,Ольга,Николаевна,03.03.1990,Ж,,,,,,,\n"
    "person,p-belova,,,,Белова,Ирина,Алексеевна,04.04.1977,Ж,,,,,,,\n"
    "person,p-orlova,,,,Орлова,Дарья,Игоревна,05.05.2013,Ж,,,,,,,\n"
    "person,p-orlova-mother,,,,Орлова,Наталья,Игоревна,02.03.1985,Ж,,orlova@example.org,,,,,\n"
    "account,p-sokolov,org-g1,,,,,,,,,,,sokolov.pi,Uchitel-2025,teacher,cls-6b\n"
    "account,p-morozova,org-g1,,,,,,,,,,,morozova.on,Uchitel-2025,teacher,\n"
    "account,p-belova,org-ds,,,,,,,,,,,belova.ia,Admin-2025,administrator,\n"
    "account,p-orlova,org-g1,,,,,,,,,,,orlova.di,Uchenik-2025,student,cls-6b\n"
    "account,p-orlova-mother,org-g1,,,,,,,,,,,orlova.ni,Roditel-2025,parent,\n"
    "relation,p-orlova,p-orlova-mother,,,,,,,,,,,,,,\n"
    // Morozova teaches, and is also the mother of a 6Б student: two accounts, one person.
    "person,p-morozov,,,,Морозов,Глеб,Олегович,06.06.2013,М,,,,,,,\n"
    "account,p-morozov,org-g1,,,,,,,,,,,morozov.go,Uchenik-2025,student,cls-6b\n"
    "account,p-morozova,org-g1,,,,,,,,,,,morozova.rod,Roditel-2025,parent,\n"
    "relation,p-morozov,p-morozova,,,,,,,,,,,,,,\n";

namespace {

std::string offsetText(const domain::UtcOffset& offset) {
    int m = offset.minutes() < 0 ? -offset.minutes() : offset.minutes();
    char text[16];
    std::snprintf(text, sizeof text, "%c%02d:%02d", offset.minutes() < 0 ? '-' : '+', m / 60,
                  m % 60);
    return text;
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

// What `netcity serve` would be started with for these settings.
app::Config configFor(const TestDatabase& database, const web::PortalSettings& settings,
                      const EsiaOptions& esia, const MailOptions& mail) {
    std::vector<std::string> none;
    auto config = app::Config::load({}, none);
    auto set = [&](const char* name, const std::string& value) { config.set(name, value); };
    set("data-dir", database.dataDir());
    set("port", "0");
    set("access-log", "false");
    set("argon2-memory-kib", "8192");  // fast hashes: the tests hash a lot
    set("argon2-iterations", "1");
    set("password-login", domain::code(settings.passwordPolicy));
    set("secure-cookies", settings.secureCookies ? "true" : "false");
    set("webapi-password-login", settings.webApiPasswordLogin ? "true" : "false");
    set("esia-control-question", settings.requireControlQuestion ? "true" : "false");
    set("trusted-proxy", settings.trustedProxy);
    set("metrics-token", settings.metricsToken);
    set("time-zone", offsetText(settings.timeZone));
    set("mail", "smtp");
    set("smtp-port", std::to_string(mail.smtpPort));
    if (!esia.stand) return config;
    set("esia-url", esia.stand->url());
    set("esia-issuer", esia.stand->url() + "/");
    set("esia-cutoff-date", esia.cutoff ? esia.cutoff->russian() : "");
    std::string signing = database.dataDir() + "/esia-signing.crt";
    writeFile(
        signing,
        esia.trustAnotherEsiaCertificate
            ? crypto::Certificate::selfSigned(crypto::PrivateKey::generateGost(), "not ESIA").pem()
            : esia.stand->signingCertificate().pem());
    set("esia-signing-cert-file", signing);
    return config;
}

}  // namespace

TestPortal::TestPortal(web::PortalSettings settings, EsiaOptions esia, MailOptions mail)
    : config_(configFor(database_, settings, esia, mail)) {
    // The system's key and certificate, as `netcity admin esia-keys` leaves them.
    auto key = crypto::PrivateKey::generateGost();
    auto cert = crypto::Certificate::selfSigned(key, "NETCITY01");
    writeFile(database_.dataDir() + "/portal-esia-client.key", key.pem());
    writeFile(database_.dataDir() + "/portal-esia-client.crt", cert.pem());
    runtime_ = std::make_unique<app::Runtime>(
        config_, app::RuntimeParts{&clock_, &database_.db(), /*startWorkers=*/false});
    import(kSmallRegionCsv);
    port_ = runtime_->startPortal();
    if (esia.stand) {
        esia.stand->registerPortal("http://127.0.0.1:" + std::to_string(port_) + "/", cert);
        esia.stand->setClock([this] { return clock_.unixSeconds(); });
    }
}

TestPortal::~TestPortal() {
    runtime_->stop();
    // Every request took at most one database connection at a time (store::DbSession).
    EXPECT_EQ(database_.db().nestedCheckouts(), 0) << "a flow or page opened a nested session";
}

void TestPortal::import(const char* csv) {
    flows::PeopleImport::Settings settings;
    settings.verifiers = &runtime_->legacyVerifiers();
    flows::PeopleImport import(database_.db(), runtime_->hasher(), runtime_->vault(), clock_,
                               settings);
    auto report = import.run(csv, false);
    if (!report.written)
        throw std::runtime_error("import failed: " + app::describe(report.errors[0].problem));
}

std::int64_t TestPortal::accountId(const std::string& organizationKey, const std::string& login) {
    auto organization = organizationId(organizationKey);
    auto s = db().session();
    return store::AccountRepository(db(), s).byLogin(organization, login)->id;
}

std::int64_t TestPortal::organizationId(const std::string& key) {
    auto s = db().session();
    return store::DirectoryRepository(db(), s).idByKey("organizations", key).value();
}

}  // namespace netcity::testing
