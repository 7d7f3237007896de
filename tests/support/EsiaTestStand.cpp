#include "support/EsiaTestStand.h"

#include <chrono>

#include "sim/Scopes.h"

namespace netcity::testing {
namespace {

const char* kPersons = R"JSON({"persons": [
  {"oid": 2000000001, "password": "Gosuslugi-1", "lastName": "ВОРОНЦОВА", "firstName": "Елена",
   "middleName": "Михайловна", "birthDate": "12.04.1980", "gender": "F", "snils": "11223344595",
   "email": "vorontsova@example.org", "level": "confirmed"},
  {"oid": 2000000002, "password": "Gosuslugi-1", "lastName": "Лебедева", "firstName": "Анна",
   "middleName": "Сергеевна", "birthDate": "01.02.1985", "gender": "F", "snils": "126-853-671 84",
   "email": "lebedeva@example.org", "level": "confirmed", "kids": [2000000005]},
  {"oid": 2000000003, "password": "Gosuslugi-1", "lastName": "Воронцова", "firstName": "Елена",
   "middleName": "Михайловна", "birthDate": "12.04.1980", "gender": "F", "snils": "112-233-445 95",
   "email": "unconfirmed@example.org", "level": "standard"},
  {"oid": 2000000004, "password": "Gosuslugi-1", "lastName": "Воронцава", "firstName": "Елена",
   "middleName": "Михайловна", "birthDate": "12.04.1980", "gender": "F", "snils": "112-233-445 95",
   "email": "typo@example.org", "level": "confirmed"},
  {"oid": 2000000005, "password": "Gosuslugi-1", "lastName": "Лебедев", "firstName": "Кирилл",
   "middleName": "Андреевич", "birthDate": "15.06.2014", "gender": "M", "level": "child"},
  {"oid": 2000000006, "password": "Gosuslugi-1", "lastName": "Смирнов", "firstName": "Олег",
   "middleName": "Петрович", "birthDate": "03.03.1983", "gender": "M", "mobile": "+79000000006",
   "level": "confirmed"}
], "clients": []})JSON";

}  // namespace

EsiaTestStand::EsiaTestStand()
    : now_([] {
          return std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
              .count();
      }) {
    data_.load(kPersons, ".");
    auto key = crypto::PrivateKey::generateGost();
    signingCertificate_ = std::make_unique<crypto::Certificate>(
        crypto::Certificate::selfSigned(key, "ESIA test stand"));
    auto socket = http::HttpServer::bind({});
    std::string url = "http://127.0.0.1:" + std::to_string(socket.address().port());
    minter_ = std::make_unique<sim::TokenMinter>(std::move(key), url + "/");
    sim::SimSettings settings;
    settings.adminApi = true;
    simulator_ = new sim::EsiaSimulator(data_, *minter_,
                                        crypto::Certificate::fromPem(signingCertificate_->pem()),
                                        settings, [this] { return now_(); });
    server_ =
        std::make_unique<http::HttpServer>(Poco::Net::HTTPRequestHandlerFactory::Ptr(simulator_),
                                           std::move(socket), http::HttpServerSettings{});
}

EsiaTestStand::~EsiaTestStand() {
    server_->stop();
}

void EsiaTestStand::registerPortal(const std::string& portalUrl,
                                   const crypto::Certificate& certificate) {
    sim::SimClient client;
    client.mnemonic = "NETCITY01";
    client.name = "Сетевой Город. Образование";
    client.redirectUris = {portalUrl + "esia/callback", portalUrl + "esia/link/callback"};
    for (const auto& s : sim::knownScopes()) client.scopes.insert(s.name);
    client.certificatePem = certificate.pem();
    data_.upsertClient(client);
}

}  // namespace netcity::testing
