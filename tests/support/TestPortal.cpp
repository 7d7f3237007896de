#include "support/TestPortal.h"

#include <gtest/gtest.h>

#include <stdexcept>

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

TestPortal::TestPortal(web::PortalSettings settings, EsiaOptions esia, MailOptions mail)
    : hasher_({.memoryKiB = 8 * 1024, .iterations = 1, .maxConcurrent = 2}),
      vault_(crypto::randomBytes(32), crypto::randomBytes(32)),
      sessions_(database_.db(), clock_, flows::Sessions::Settings{}),
      overviews_(database_.db(), vault_, clock_, 2),
      templates_(web::portalFiles()) {
    flows::PeopleImport import(database_.db(), hasher_, vault_, clock_);
    auto report = import.run(kSmallRegionCsv, false);
    if (!report.written)
        throw std::runtime_error("fixture import failed: " + report.errors[0].reason);
    if (settings.csrfKey.empty()) settings.csrfKey = crypto::randomBytes(32);
    settings.accessLog = false;
    auto socket = http::HttpServer::bind({});
    settings.publicUrl = "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/";
    letters_ = std::make_unique<mail::Letters>(settings.publicUrl);
    mail::SmtpSettings smtp;
    smtp.port = mail.smtpPort;
    smtp.timeoutSeconds = 5;
    mailSender_ = std::make_unique<mail::SmtpMailSender>(smtp);
    outbox_ = std::make_unique<flows::OutboxWorker>(database_.db(), *mailSender_, clock_,
                                                    flows::OutboxWorker::Settings{});
    review_ = std::make_unique<flows::AppealReview>(database_.db(), vault_, *letters_, clock_);
    cards_ = std::make_unique<flows::PersonalCards>(database_.db(), vault_, sessions_, clock_);
    accounts_ = std::make_unique<flows::AccountAdministration>(database_.db(), vault_, hasher_,
                                                               sessions_, clock_);
    flows::PasswordRecovery::Settings recovery;
    recovery.resetUrl = settings.publicUrl + "recover/reset?token=";
    recovery_ = std::make_unique<flows::PasswordRecovery>(database_.db(), hasher_, sessions_,
                                                          *letters_, clock_, recovery);
    recoveryWorker_ = std::make_unique<flows::RecoveryWorker>(*recovery_,
                                                              flows::RecoveryWorker::Settings{});
    web::PortalServices services{database_.db(), hasher_,    throttle_,  clock_,     sessions_,
                                 overviews_,     vault_,     metrics_,   templates_, *review_,
                                 *cards_,        *accounts_, *recovery_, nullptr,    nullptr,
                                 nullptr,        {}};
    if (esia.stand) {
        auto key = crypto::PrivateKey::generateGost();
        auto cert = crypto::Certificate::selfSigned(key, "NETCITY01");
        esia.stand->registerPortal(settings.publicUrl, cert);
        esia.stand->setClock([this] { return clock_.unixSeconds(); });
        esia::EsiaClientSettings es;
        es.baseUrl = esia.stand->url();
        es.clientId = "NETCITY01";
        es.expectedIssuer = esia.stand->url() + "/";
        esiaClient_ = std::make_unique<esia::EsiaClient>(
            es, std::move(key), std::move(cert),
            esia.trustAnotherEsiaCertificate
                ? crypto::Certificate::selfSigned(crypto::PrivateKey::generateGost(), "not ESIA")
                : crypto::Certificate::fromPem(esia.stand->signingCertificate().pem()));
        credentials_ =
            std::make_unique<flows::CredentialCheck>(database_.db(), hasher_, throttle_, clock_);
        esiaSignIn_ = std::make_unique<flows::EsiaSignIn>(
            database_.db(), *esiaClient_, vault_, *credentials_,
            domain::SelfLinkingPolicy(esia.cutoff), clock_,
            flows::EsiaSignIn::Settings{settings.publicUrl + "esia/callback",
                                        settings.publicUrl + "esia/link/callback"});
        services.esia = esiaSignIn_.get();
        services.esiaClient = esiaClient_.get();
        appeals_ = std::make_unique<flows::AppealSubmission>(database_.db(), *esiaSignIn_, vault_,
                                                             *letters_, clock_);
        services.appeals = appeals_.get();
    }
    Poco::Net::HTTPRequestHandlerFactory::Ptr portal(new web::Portal(services, settings));
    server_ =
        std::make_unique<http::HttpServer>(portal, std::move(socket), http::HttpServerSettings{});
}

TestPortal::~TestPortal() {
    server_->stop();
    outbox_->stop();
    // Every request took at most one database connection at a time (store::DbSession).
    EXPECT_EQ(database_.db().nestedCheckouts(), 0) << "a flow or page opened a nested session";
}

void TestPortal::import(const char* csv) {
    flows::PeopleImport import(database_.db(), hasher_, vault_, clock_);
    auto report = import.run(csv, false);
    if (!report.written) throw std::runtime_error("import failed: " + report.errors[0].reason);
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
