#include "sim/Scopes.h"

#include <sstream>

namespace netcity::sim {

const std::vector<ScopeInfo>& knownScopes() {
    static const std::vector<ScopeInfo> kScopes{
        {"openid", "Проведение входа в систему"},
        {"fullname", "Просмотр вашей фамилии, имени и отчества"},
        {"birthdate", "Просмотр даты вашего рождения"},
        {"gender", "Просмотр вашего пола"},
        {"snils", "Просмотр вашего СНИЛС"},
        {"inn", "Просмотр вашего ИНН"},
        {"id_doc", "Просмотр данных о вашем документе, удостоверяющем личность"},
        {"birthplace", "Просмотр места вашего рождения"},
        {"email", "Просмотр вашего адреса электронной почты"},
        {"mobile", "Просмотр номера вашего мобильного телефона"},
        {"contacts", "Просмотр ваших контактных данных"},
        {"addresses", "Просмотр ваших адресов"},
        {"usr_trm", "Просмотр статуса подтверждения учетной записи"},
        {"kid_fullname", "Просмотр фамилии, имени, отчества (при наличии) ребёнка"},
        {"kid_birthdate", "Просмотр даты рождения ребёнка"},
        {"kid_gender", "Просмотр пола ребёнка"},
        {"kid_snils", "Просмотр СНИЛС ребёнка"},
        {"kid_inn", "Просмотр ИНН ребёнка"},
        {"kid_birth_cert_doc", "Просмотр данных свидетельства о рождении ребёнка"},
    };
    return kScopes;
}

std::optional<ScopeInfo> scopeInfo(const std::string& name) {
    for (const auto& s : knownScopes())
        if (name == s.name) return s;
    return std::nullopt;
}

std::vector<std::string> splitScopes(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string s; in >> s;) out.push_back(s);
    return out;
}

bool hasAny(const std::set<std::string>& granted, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (granted.count(n)) return true;
    return false;
}

}  // namespace netcity::sim
