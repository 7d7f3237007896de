// Writes the directory's and people's checked rows inside the import's transaction.
#include <stdexcept>

#include "domain/CalendarDate.h"
#include "domain/OrganizationType.h"
#include "domain/Role.h"
#include "domain/SnilsNumber.h"
#include "domain/Utf8Text.h"
#include "flows/PeopleRows.h"
#include "flows/webapi/LegacyVerifiers.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"
#include "store/EsiaLinkRepository.h"
#include "store/PersonRepository.h"

namespace netcity::flows {

using Row = ImportRow;

struct PeopleWriter::State {
    State(store::Database& db, Poco::Data::Session& s, const store::SnilsVault& vault,
          std::int64_t now, webapi::LegacyVerifiers* verifiers)
        : s_(s),
          dir_(db, s),
          people_(db, s, vault),
          accounts_(db, s),
          links_(db, s),
          now_(now),
          verifiers_(verifiers) {}

    void write(const Row& r) {
        const std::string& kind = r["record"];
        std::string name = domain::collapseSpaces(r["name"]);
        if (kind == "region") {
            ids_["region"][r["key"]] = dir_.upsertRegion(r["key"], name);
        } else if (kind == "municipality") {
            ids_[kind][r["key"]] =
                dir_.upsertMunicipality(r["key"], id("region", r["parent"]), name);
        } else if (kind == "locality") {
            ids_[kind][r["key"]] =
                dir_.upsertLocality(r["key"], id("municipality", r["parent"]), name);
        } else if (kind == "organization") {
            writeOrganization(r, name);
        } else if (kind == "class") {
            ids_[kind][r["key"]] =
                dir_.upsertClass(r["key"], id("organization", r["parent"]), name);
        } else if (kind == "person") {
            writePerson(r);
        } else if (kind == "account") {
            writeAccount(r);
        } else if (kind == "relation") {
            people_.addRelation(id("person", r["parent"]), id("person", r["key"]));
        }
    }

    std::int64_t id(const std::string& kind, const std::string& key) {
        auto& known = ids_[kind];
        if (auto it = known.find(key); it != known.end()) return it->second;
        auto found = dir_.idByKey(tableOf(kind), key);
        if (!found) throw std::logic_error("validated key vanished: " + key);
        return known[key] = *found;
    }

    void writeOrganization(const Row& r, const std::string& name) {
        auto type = *domain::parseOrganizationType(r["type"]);
        std::int64_t municipality;
        std::optional<std::int64_t> locality;
        if (type == domain::OrganizationType::Authority) {
            municipality = id("municipality", r["parent"]);
        } else {
            locality = id("locality", r["parent"]);
            municipality = localityMunicipality(*locality);
        }
        ids_["organization"][r["key"]] =
            dir_.upsertOrganization(r["key"], municipality, locality, type, name);
    }

    std::int64_t localityMunicipality(std::int64_t localityId) {
        auto m = dir_.municipalityOfLocality(localityId);
        if (!m) throw std::logic_error("locality without municipality");
        return *m;
    }

    void writePerson(const Row& r) {
        store::Person p;
        p.key = r["key"];
        p.name = {domain::collapseSpaces(r["last_name"]), domain::collapseSpaces(r["first_name"]),
                  domain::collapseSpaces(r["middle_name"])};
        p.birthDate = domain::CalendarDate::parse(r["birth_date"]);
        p.gender = r["gender"];
        if (!r["snils"].empty()) p.snils = domain::SnilsNumber::parse(r["snils"]);
        p.email = r["email"];
        p.phone = r["phone"];
        ids_["person"][r["key"]] = people_.upsertByKey(p, now_);
    }

    void writeAccount(const Row& r) {
        store::Account a;
        a.organizationId = id("organization", r["parent"]);
        a.personId = id("person", r["key"]);
        a.login = r["login"];
        a.passwordHash = r.passwordHash;
        a.roles = *domain::parseRoleList(r["roles"]);
        std::optional<std::int64_t> classId;
        if (!r["class"].empty()) classId = id("class", r["class"]);
        if (a.roles.count(domain::Role::Student)) a.classId = classId;
        std::int64_t accountId = accounts_.upsert(a, now_);
        const std::string& password = r["password"];
        if (verifiers_ && !password.empty() && password.rfind("$argon2", 0) != 0)
            verifiers_->remember(s_, accountId, password);
        if (classId && a.roles.count(domain::Role::Teacher))
            dir_.setClassTeacher(*classId, accountId);
        reclaimLinkSlots(a, accountId);
    }

    // New roles of a linked account move its slots (PeopleValidator checked they are free).
    void reclaimLinkSlots(const store::Account& a, std::int64_t accountId) {
        auto [cached, fresh] = linkedLogins_.try_emplace(a.organizationId);
        if (fresh) cached->second = links_.linkedLogins(a.organizationId);
        auto linked = cached->second.find(store::loginKey(a.login));
        if (linked == cached->second.end()) return;
        if (!links_.reclaimSlots(linked->second.oid, {accountId, a.organizationId, a.roles}))
            throw std::logic_error("a checked link slot was taken meanwhile");
    }

    Poco::Data::Session& s_;
    store::DirectoryRepository dir_;
    store::PersonRepository people_;
    store::AccountRepository accounts_;
    store::EsiaLinkRepository links_;
    std::int64_t now_;
    std::map<std::int64_t, std::map<std::string, store::EsiaLinkRepository::LinkedLogin>>
        linkedLogins_;  // by organization
    std::map<std::string, std::map<std::string, std::int64_t>> ids_;
    webapi::LegacyVerifiers* verifiers_;
};

PeopleWriter::PeopleWriter(store::Database& db, Poco::Data::Session& session,
                           const store::SnilsVault& vault, std::int64_t now,
                           webapi::LegacyVerifiers* verifiers)
    : s_(std::make_unique<State>(db, session, vault, now, verifiers)) {}

PeopleWriter::~PeopleWriter() = default;

void PeopleWriter::write(const ImportRow& row) {
    s_->write(row);
}

}  // namespace netcity::flows
