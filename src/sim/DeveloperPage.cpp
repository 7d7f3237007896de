// GET /sim/dev: what a developer needs to sign in — the last SMS codes and the accounts.
#include "sim/EsiaSimulator.h"

namespace netcity::sim {

void EsiaSimulator::developerPage(Ex& ex) {
    http::TemplateData d;
    kainjow::mustache::list sms;
    for (const auto& m : state_.recentSms()) {
        http::TemplateData item;
        item.set("oid", std::to_string(m.oid));
        item.set("phone", m.phone);
        item.set("code", m.code);
        sms.push_back(item);
    }
    d.set("sms", sms);
    kainjow::mustache::list persons;
    for (const auto& p : data_.persons()) {
        http::TemplateData item;
        item.set("oid", std::to_string(p.oid));
        item.set("name", p.lastName + " " + p.firstName + " " + p.middleName);
        item.set("login", !p.mobile.empty() ? p.mobile : p.email);
        item.set("level", p.levelClaim());
        item.set("twoFactor", p.twoFactor);
        persons.push_back(item);
    }
    d.set("persons", persons);
    renderPage(ex, "dev", "Эмулятор ЕСИА: для разработчиков", d);
}

}  // namespace netcity::sim
