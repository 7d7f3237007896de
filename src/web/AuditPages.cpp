// The school's own audit log for its administrator, filtered by kind of event, outcome and
// dates. Personal data never enters the log: subjects and actors are ids.
#include <Poco/URI.h>

#include "domain/CalendarDate.h"
#include "store/AuditLog.h"
#include "web/Portal.h"

namespace netcity::web {
namespace {

struct ActionFilter {
    const char* code;
    const char* label;
};

const ActionFilter kActions[] = {
    {"", "Все"},
    {"login.", "Вход по паролю"},
    {"esia.", "Госуслуги: вход, привязка"},
    {"password.", "Пароли"},
    {"card.", "Личные карточки"},
    {"account.", "Учётные записи"},
    {"appeal.", "Обращения"},
};

std::string encode(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "&=?#+%", out);
    return out;
}

}  // namespace

void Portal::staffAudit(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto overview = s_.overviews.get(active.accountId);
    if (!overview || !overview->profile.roles.count(domain::Role::Administrator))
        throw HttpError{403, "Журнал событий организации видит её администратор."};
    store::AuditFilter filter;
    filter.organizationId = overview->profile.organizationId;
    std::string action = ex.query("action");
    bool known = false;
    for (const auto& a : kActions) known = known || action == a.code;
    if (!known) action.clear();
    filter.actionPrefix = action;
    filter.outcome = ex.query("outcome").substr(0, 40);
    TemplateData d;
    std::string from = ex.query("from"), to = ex.query("to");
    if (!from.empty()) {
        auto date = domain::CalendarDate::parse(from);
        if (date)
            filter.fromAt = date->unixSeconds();
        else
            d.set("error", "Дата «с» указана неверно: ДД.ММ.ГГГГ.");
    }
    if (!to.empty()) {
        auto date = domain::CalendarDate::parse(to);
        if (date)
            filter.toAt = date->unixSeconds() + 86399;
        else
            d.set("error", "Дата «по» указана неверно: ДД.ММ.ГГГГ.");
    }
    int page = 0;
    if (auto p = ex.queryId("page")) page = static_cast<int>(std::min<std::int64_t>(*p, 10000));
    filter.limit = 101;  // one more than shown: is there a next page?
    filter.offset = page * 100;
    auto s = s_.db.session();
    auto events = store::AuditLog(s_.db, s).search(filter);
    bool more = events.size() > 100;
    if (more) events.pop_back();
    kainjow::mustache::list actions;
    for (const auto& a : kActions) {
        TemplateData item;
        item.set("code", a.code);
        item.set("label", a.label);
        item.set("selected", action == a.code);
        actions.push_back(item);
    }
    d.set("actions", actions);
    d.set("outcome", filter.outcome);
    d.set("from", from);
    d.set("to", to);
    d.set("organization", overview->profile.organizationName);
    kainjow::mustache::list rows;
    for (const auto& e : events) {
        TemplateData row;
        row.set("at", settings_.timeZone.format(e.at));
        row.set("action", e.action);
        row.set("subject", e.subject);
        row.set("actor", e.actorAccountId ? "account:" + std::to_string(*e.actorAccountId) : "—");
        row.set("address", e.clientAddress);
        row.set("outcome", e.outcome);
        rows.push_back(row);
    }
    d.set("events", rows);
    std::string base = "/staff/audit?action=" + encode(action) +
                       "&outcome=" + encode(filter.outcome) + "&from=" + encode(from) +
                       "&to=" + encode(to) + "&page=";
    if (page > 0) d.set("prev", base + std::to_string(page - 1));
    if (more) d.set("next", base + std::to_string(page + 1));
    ex.sendHtml(s_.templates.page("staff-audit", "Журнал событий", d));
}

}  // namespace netcity::web
