// JSON endpoints behind the login page's selects: each level filtered by the one before.
#include "domain/OrganizationType.h"
#include "log/JsonEscape.h"
#include "store/DirectoryRepository.h"
#include "web/Portal.h"

namespace netcity::web {
namespace {

std::string toJson(const std::vector<store::DirectoryEntry>& entries) {
    std::string out = "[";
    for (const auto& e : entries) {
        if (out.size() > 1) out += ",";
        out += "{\"id\":" + std::to_string(e.id) + ",\"name\":\"" + jsonEscape(e.name) + "\"}";
    }
    return out + "]";
}

std::int64_t requiredId(HttpExchange& ex, const std::string& name) {
    auto id = ex.queryId(name);
    if (!id) throw HttpError{400, "Параметр " + name + " должен быть положительным целым числом."};
    return *id;
}

}  // namespace

void Portal::apiRegions(HttpExchange& ex) {
    auto s = s_.db.session();
    ex.sendJson(toJson(store::DirectoryRepository(s_.db, s).regions()));
}

void Portal::apiMunicipalities(HttpExchange& ex) {
    auto id = requiredId(ex, "region");
    auto s = s_.db.session();
    ex.sendJson(toJson(store::DirectoryRepository(s_.db, s).municipalities(id)));
}

void Portal::apiLocalities(HttpExchange& ex) {
    auto id = requiredId(ex, "municipality");
    auto s = s_.db.session();
    ex.sendJson(toJson(store::DirectoryRepository(s_.db, s).localities(id)));
}

void Portal::apiTypes(HttpExchange& ex) {
    auto id = requiredId(ex, "locality");
    auto s = s_.db.session();
    std::string out = "[";
    for (auto t : store::DirectoryRepository(s_.db, s).organizationTypes(id)) {
        if (out.size() > 1) out += ",";
        out += std::string("{\"code\":\"") + domain::code(t) + "\",\"name\":\"" + domain::label(t) +
               "\"}";
    }
    ex.sendJson(out + "]");
}

void Portal::apiOrganizations(HttpExchange& ex) {
    auto id = requiredId(ex, "locality");
    auto type = domain::parseOrganizationTypeCode(ex.query("type"));
    if (!type || *type == domain::OrganizationType::Authority)
        throw HttpError{400, "Неизвестный тип организации."};
    auto s = s_.db.session();
    ex.sendJson(toJson(store::DirectoryRepository(s_.db, s).organizations(id, *type)));
}

void Portal::apiAuthorities(HttpExchange& ex) {
    auto id = requiredId(ex, "municipality");
    auto s = s_.db.session();
    ex.sendJson(toJson(store::DirectoryRepository(s_.db, s).authorities(id)));
}

void Portal::apiAppealOrganizations(HttpExchange& ex) {
    auto type = domain::parseOrganizationTypeCode(ex.query("type"));
    if (!type || *type == domain::OrganizationType::Authority)
        throw HttpError{400, "Неизвестный тип организации."};
    auto s = s_.db.session();
    ex.sendJson(toJson(store::DirectoryRepository(s_.db, s).organizationsOfType(*type)));
}

void Portal::apiClasses(HttpExchange& ex) {
    auto id = ex.queryId("organization");
    if (!id) throw HttpError{400, "Параметр organization должен быть положительным целым числом."};
    auto s = s_.db.session();
    ex.sendJson(toJson(store::DirectoryRepository(s_.db, s).classes(*id)));
}

}  // namespace netcity::web
