// School staff: the appeals to their organization, one appeal beside the people it may be
// about, the decisions, and the letters the mail server would not take.
#include "domain/CalendarDate.h"
#include "domain/PortalRole.h"
#include "store/AccountRepository.h"
#include "store/MailOutbox.h"
#include "store/StaffRepository.h"
#include "web/Portal.h"
#include "web/StaffTexts.h"

namespace netcity::web {
namespace {

std::string dateOf(std::int64_t unixSeconds) {
    return domain::CalendarDate::fromUnixSeconds(unixSeconds).russian();
}

const char* agreement(bool agrees) {
    return agrees ? "agree" : "differ";
}

std::string roleLabel(const std::string& code) {
    auto role = domain::parsePortalRole(code);
    return role ? domain::label(*role) : code;
}

std::int64_t requiredFormId(HttpExchange& ex, const std::string& name) {
    auto id = http::parsePositiveId(ex.form(name));
    if (!id) throw HttpError{400, "Не указано, к чему относится действие. Вернитесь к списку."};
    return *id;
}

}  // namespace

kainjow::mustache::list optionList(const std::vector<store::DirectoryEntry>& entries,
                                   std::optional<std::int64_t> selected) {
    kainjow::mustache::list out;
    for (const auto& e : entries) {
        TemplateData o;
        o.set("id", std::to_string(e.id));
        o.set("name", e.name);
        o.set("selected", selected && *selected == e.id);
        out.push_back(o);
    }
    return out;
}

void Portal::setOrganizationChoice(TemplateData& d,
                                   const std::vector<store::DirectoryEntry>& organizations,
                                   std::int64_t chosen) {
    d.set("hasOrganizations", !organizations.empty());
    d.set("organizations", optionList(organizations, chosen));
    d.set("organizationId", std::to_string(chosen));
}

void Portal::staffAppeals(HttpExchange& ex) {
    auto active = requireSession(ex);
    std::string statusCode = ex.query("status");
    if (statusCode.empty()) statusCode = "new";
    auto status = domain::parseAppealStatus(statusCode);
    if (!status) statusCode = "all";
    int page = 0;
    if (auto p = ex.queryId("page")) page = static_cast<int>(std::min<std::int64_t>(*p, 100000));
    auto result = s_.review.list(active.accountId, status, page, ex.queryId("organization"));
    if (!result.allowed)
        throw HttpError{403, "Обращения рассматривают администраторы и классные руководители."};
    TemplateData d;
    kainjow::mustache::list filters;
    for (auto [code, label] : {std::pair{"new", "Новые"}, std::pair{"resolved", "Решённые"},
                               std::pair{"rejected", "Отклонённые"}, std::pair{"all", "Все"}}) {
        TemplateData f;
        f.set("code", code);
        f.set("label", label);
        f.set("active", statusCode == code);
        filters.push_back(f);
    }
    d.set("filters", filters);
    setOrganizationChoice(d, result.organizations, result.organizationId);
    kainjow::mustache::list rows;
    for (const auto& a : result.appeals) {
        TemplateData row;
        row.set("id", std::to_string(a.id));
        row.set("number", a.number);
        row.set("created", dateOf(a.createdAt));
        row.set("name", a.applicantName);
        row.set("role", roleLabel(a.role));
        if (!a.className.empty()) row.set("className", a.className);
        row.set("status", domain::label(a.status));
        row.set("statusCode", domain::code(a.status));
        rows.push_back(row);
    }
    d.set("appeals", rows);
    d.set("total", std::to_string(result.total));
    d.set("status", statusCode);
    if (page > 0) d.set("prev", std::to_string(page - 1));
    if ((page + 1) * flows::AppealReview::kPageSize < result.total)
        d.set("next", std::to_string(page + 1));
    auto overview = s_.overviews.get(active.accountId);
    if (overview) d.set("organization", overview->profile.organizationName);
    if (overview && overview->profile.roles.count(domain::Role::Administrator)) {
        auto s = s_.db.session();
        auto failed = store::MailOutbox(s_.db, s).failed(overview->profile.organizationId, 100);
        if (!failed.empty()) d.set("failedMail", std::to_string(failed.size()));
    }
    ex.sendHtml(s_.templates.page("staff-appeals", "Обращения", d));
}

void Portal::staffAppeal(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto id = ex.queryId("id");
    if (!id) throw HttpError{404, "Обращение не найдено."};
    std::string flash;
    if (ex.query("done") == "resolved") flash = "Обращение решено: заявителю отправлено письмо.";
    if (ex.query("done") == "rejected")
        flash = "Обращение отклонено: заявителю отправлено письмо с причиной.";
    renderStaffAppeal(ex, active.accountId, *id, flash, "", 200);
}

void Portal::renderStaffAppeal(HttpExchange& ex, std::int64_t staffAccountId, std::int64_t appealId,
                               const std::string& flash, const std::string& error, int status) {
    auto detail = s_.review.detail(staffAccountId, appealId, ex.clientAddress());
    if (!detail) throw HttpError{404, "Обращение не найдено."};
    const auto& a = detail->appeal;
    bool open = a.status == domain::AppealStatus::New;
    bool canChange = open && domain::canChange(detail->access);
    std::string csrf = csrfToken(ex);
    TemplateData d;
    d.set("csrf", csrf);
    d.set("appealId", std::to_string(a.id));
    d.set("number", a.number);
    d.set("organization", a.organizationName);
    d.set("status", domain::label(a.status));
    d.set("statusCode", domain::code(a.status));
    if (!a.reason.empty()) d.set("reason", a.reason);
    d.set("created", dateOf(a.createdAt));
    d.set("role", roleLabel(a.role));
    if (!a.className.empty()) d.set("className", a.className);
    const auto& who = detail->applicant;
    d.set("applicantName", who.lastName + " " + who.firstName +
                               (who.middleName.empty() ? "" : " " + who.middleName));
    d.set("applicantBirth", who.birthDate);
    if (!who.snils.empty()) d.set("applicantSnils", who.snils);
    d.set("email", a.email);
    if (detail->child) {
        TemplateData child;
        const auto& c = *detail->child;
        child.set("name", c.lastName + " " + c.firstName +
                              (c.middleName.empty() ? "" : " " + c.middleName));
        child.set("birthDate", c.birthDate);
        d.set("child", child);
    }
    if (!a.comment.empty()) d.set("comment", a.comment);
    kainjow::mustache::list candidates;
    for (const auto& c : detail->candidates) {
        TemplateData row;
        row.set("accountId", std::to_string(c.person.accountId));
        row.set("last", c.person.name.last);
        row.set("first", c.person.name.first);
        row.set("middle", c.person.name.middle);
        row.set("lastClass", agreement(c.comparison.lastName));
        row.set("firstClass", agreement(c.comparison.firstName));
        row.set("middleClass", agreement(c.comparison.middleName));
        row.set("birthDate", c.person.birthDate ? c.person.birthDate->russian() : "—");
        row.set("birthClass", agreement(c.comparison.birthDate));
        row.set("snilsText", c.comparison.snils ? "совпадает" : "не совпадает");
        row.set("snilsClass", agreement(c.comparison.snils));
        row.set("login", c.person.login);
        if (!c.person.className.empty()) row.set("className", c.person.className);
        row.set("linked", c.person.linkedOid.has_value());
        row.set("changeable", c.canChange);
        candidates.push_back(row);
    }
    d.set("candidates", candidates);
    d.set("canChange", canChange);
    d.set("canCreate", canChange && a.role != "staff");
    if (!flash.empty()) d.set("flash", flash);
    if (!error.empty()) d.set("error", error);
    ex.sendHtml(s_.templates.page("staff-appeal", "Обращение №" + a.number, d), status);
}

void Portal::staffDecision(HttpExchange& ex, const std::string& action) {
    ex.readForm(16 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    std::int64_t id = requiredFormId(ex, "id");
    using Outcome = flows::AppealReview::Outcome;
    Outcome r;
    if (action == "link")
        r = s_.review.resolveByLink(active.accountId, id, requiredFormId(ex, "account"),
                                    ex.clientAddress());
    else if (action == "card")
        r = s_.review.resolveByCard(active.accountId, id, requiredFormId(ex, "account"),
                                    ex.clientAddress());
    else if (action == "create")
        r = s_.review.resolveByNewAccount(active.accountId, id, ex.clientAddress());
    else
        r = s_.review.reject(active.accountId, id, ex.form("reason"), ex.clientAddress());
    if (r == Outcome::Done)
        return ex.redirect("/staff/appeal?id=" + std::to_string(id) +
                           (action == "reject" ? "&done=rejected" : "&done=resolved"));
    auto refusal = refusalOf(r);
    // Beyond reach or read-only: no appeal page to show the refusal on.
    if (r == Outcome::NotFound || r == Outcome::ReadOnly)
        throw HttpError{refusal.status, refusal.text};
    renderStaffAppeal(ex, active.accountId, id, "", refusal.text, refusal.status);
}

void Portal::staffMail(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto overview = s_.overviews.get(active.accountId);
    if (!overview || !overview->profile.roles.count(domain::Role::Administrator))
        throw HttpError{403, "Письма организации видит её администратор."};
    auto s = s_.db.session();
    store::MailOutbox outbox(s_.db, s);
    std::int64_t org = overview->profile.organizationId;
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("organization", overview->profile.organizationName);
    d.set("pending", std::to_string(outbox.pendingCount(org)));
    kainjow::mustache::list letters;
    for (const auto& m : outbox.failed(org, 100)) {
        TemplateData row;
        row.set("id", std::to_string(m.id));
        row.set("recipient", m.letter.recipient);
        row.set("subject", m.letter.subject);
        row.set("attempts", std::to_string(m.attempts));
        row.set("error", m.lastError);
        letters.push_back(row);
    }
    d.set("letters", letters);
    if (ex.query("done") == "retry") d.set("flash", "Письмо снова поставлено в очередь.");
    ex.sendHtml(s_.templates.page("staff-mail", "Недоставленные письма", d));
}

void Portal::staffMailRetry(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    auto overview = s_.overviews.get(active.accountId);
    if (!overview || !overview->profile.roles.count(domain::Role::Administrator))
        throw HttpError{403, "Письма организации видит её администратор."};
    auto s = s_.db.session();
    if (!store::MailOutbox(s_.db, s).requeue(
            requiredFormId(ex, "id"), overview->profile.organizationId, s_.clock.unixSeconds()))
        throw HttpError{404, "Письмо не найдено."};
    if (s_.mailQueued) s_.mailQueued();
    ex.redirect("/staff/mail?done=retry");
}

}  // namespace netcity::web
