// The signed-in pages: the main page, «Персональные настройки», and /api/me.
#include "domain/NewPassword.h"
#include "flows/PasswordChange.h"
#include "log/JsonEscape.h"
#include "store/AccountRepository.h"
#include "store/EsiaLinkRepository.h"
#include "web/Portal.h"

namespace netcity::web {
namespace {

// What «Сменить пароль» answers, as the person reads it.
const char* passwordChangeText(flows::PasswordChange::Outcome outcome) {
    switch (outcome) {
        case flows::PasswordChange::Outcome::Changed:
            return "Пароль изменён. Другие сеансы завершены.";
        case flows::PasswordChange::Outcome::WrongOldPassword:
            return "Текущий пароль указан неверно.";
        case flows::PasswordChange::Outcome::Mismatch:
            return domain::describe(domain::NewPasswordProblem::Mismatch);
        case flows::PasswordChange::Outcome::TooShort:
            return domain::describe(domain::NewPasswordProblem::TooShort);
        case flows::PasswordChange::Outcome::TooLong:
            return domain::describe(domain::NewPasswordProblem::TooLong);
        case flows::PasswordChange::Outcome::SameAsOld:
            return "Новый пароль должен отличаться от текущего.";
        case flows::PasswordChange::Outcome::Throttled:
            return "Слишком много неверных попыток ввести текущий пароль. Попробуйте позже.";
    }
    return "";
}

}  // namespace
namespace {

TemplateData profileData(const store::AccountProfile& p) {
    TemplateData d;
    d.set("fullName", p.name.full());
    d.set("shortName", p.name.shortForm());
    d.set("roles", domain::joinLabels(p.roles));
    d.set("organization", p.organizationName);
    d.set("login", p.login);
    if (!p.className.empty()) d.set("className", p.className);
    return d;
}

}  // namespace

void Portal::mainPage(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto overview = s_.overviews.get(active.accountId);
    if (!overview) throw HttpError{404, "Учётная запись не найдена."};
    const auto& profile = overview->profile;
    if (profile.mustChangePassword) return ex.redirect("/settings?required=1");
    TemplateData d = profileData(profile);
    d.set("csrf", csrfToken(ex));
    if (ex.query("notice") == "linked")
        d.set("flash", "Пользователь успешно привязан к учетной записи портала Госуслуг");
    d.set("isStudent", profile.roles.count(domain::Role::Student) > 0);
    d.set("staffTools", profile.roles.count(domain::Role::Administrator) ||
                            profile.roles.count(domain::Role::Teacher) ||
                            profile.roles.count(domain::Role::Authority));
    d.set("isAdministrator", profile.roles.count(domain::Role::Administrator) > 0);
    d.set("hasJournal", showsJournal(active.accountId, profile.roles));
    if (profile.roles.count(domain::Role::Parent)) {
        kainjow::mustache::list children;
        for (const auto& c : overview->children) {
            TemplateData child;
            child.set("name", c.name.full());
            child.set("organization", c.organizationName);
            child.set("className", c.className);
            children.push_back(child);
        }
        d.set("isParent", true);
        d.set("children", children);
    }
    if (profile.roles.count(domain::Role::Student) || profile.roles.count(domain::Role::Parent))
        setDiaryGlance(d, active.accountId);
    ex.sendHtml(s_.templates.page("main", "Главная", d));
}

void Portal::settingsPage(HttpExchange& ex) {
    auto active = requireSession(ex);
    std::string success;
    if (ex.query("esia") == "linked")
        success = "Пользователь успешно привязан к учетной записи портала Госуслуг";
    if (ex.query("esia") == "unlinked")
        success = "Связь с учетной записью портала гос.услуг удалена";
    if (ex.query("changed") == "1")
        success = passwordChangeText(flows::PasswordChange::Outcome::Changed);
    renderSettings(ex, active.accountId, success, "", 200);
}

// The settings page whatever brought the person here: the same sections after a failed
// password change as on a plain visit.
void Portal::renderSettings(HttpExchange& ex, std::int64_t accountId, const std::string& success,
                            const std::string& error, int status) {
    auto s = s_.db.session();
    store::AccountRepository accounts(s_.db, s);
    auto profile = accounts.profile(accountId);
    if (!profile) throw HttpError{404, "Учётная запись не найдена."};
    TemplateData d = profileData(*profile);
    d.set("csrf", csrfToken(ex));
    if (auto account = accounts.byId(accountId))
        d.set("controlQuestionSet", account->hasControlQuestion);
    // Until an issued password is changed nothing else opens: no links that lead back here.
    d.set("mustChange", profile->mustChangePassword);
    if (profile->mustChangePassword)
        d.set("notice",
              "Перед началом работы смените пароль, выданный в образовательной организации.");
    if (s_.esia) {
        d.set("esiaEnabled", true);
        d.set("esiaLinked", store::EsiaLinkRepository(s_.db, s).linkedOid(accountId).has_value());
        // After the cut-off a parent or student is linked by the school: no button that the
        // flow would refuse, but who does it instead.
        if (!s_.esia->selfLinkAllowed(profile->roles))
            d.set("selfLinkClosed", selfLinkClosedText());
    }
    if (!success.empty()) d.set("success", success);
    if (!error.empty()) d.set("error", error);
    ex.sendHtml(s_.templates.page("settings", "Персональные настройки", d), status);
}

void Portal::passwordSubmit(HttpExchange& ex) {
    ex.readForm(16 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    flows::PasswordChange change(s_.db, s_.hasher, s_.sessions, s_.throttle, s_.clock,
                                 s_.legacyVerifiers);
    auto outcome =
        change.run({active.accountId, ex.cookie(sessionCookieName()), ex.form("old_password"),
                    ex.form("new_password"), ex.form("repeat_password"), ex.clientAddress()});
    if (outcome == flows::PasswordChange::Outcome::Changed) {
        s_.overviews.forget(active.accountId);  // the must-change flag is gone
        return ex.redirect("/settings?changed=1");
    }
    renderSettings(ex, active.accountId, "", passwordChangeText(outcome), 400);
}

void Portal::apiMe(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto s = s_.db.session();
    auto p = store::AccountRepository(s_.db, s).profile(active.accountId);
    if (!p) throw HttpError{404, "Учётная запись не найдена."};
    ex.sendJson("{\"account\":" + std::to_string(p->accountId) + ",\"login\":\"" +
                jsonEscape(p->login) + "\",\"name\":\"" + jsonEscape(p->name.full()) +
                "\",\"roles\":\"" + jsonEscape(domain::joinCodes(p->roles)) +
                "\",\"organization\":\"" + jsonEscape(p->organizationName) + "\"}");
}

}  // namespace netcity::web
