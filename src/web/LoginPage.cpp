// The login page of seed 003: organization chosen step by step, then login and password.
#include <charconv>

#include "domain/OrganizationType.h"
#include "flows/PasswordSignIn.h"
#include "store/DirectoryRepository.h"
#include "web/Portal.h"

namespace netcity::web {
namespace {

constexpr const char* kLastOrganizationCookie = "nc_last_org";

// Options of one select: the chosen id is kept only if it is among them, and a level with a
// single entry is chosen for the person.
kainjow::mustache::list options(const std::vector<store::DirectoryEntry>& entries,
                                std::optional<std::int64_t>& chosen) {
    bool found = false;
    for (const auto& e : entries) found = found || (chosen && e.id == *chosen);
    if (!found) chosen = entries.size() == 1 ? std::optional(entries[0].id) : std::nullopt;
    return optionList(entries, chosen);
}

}  // namespace

void Portal::home(HttpExchange& ex) {
    ex.redirect(currentSession(ex) ? "/main" : "/login");
}

void Portal::loginPage(HttpExchange& ex) {
    if (currentSession(ex)) return ex.redirect("/main");
    LoginForm form;
    form.tab = ex.query("tab") == "authority" ? "authority" : "school";
    form.region = ex.queryId("region");
    form.municipality = ex.queryId("municipality");
    form.locality = ex.queryId("locality");
    form.type = ex.query("type");
    form.organization = ex.queryId("organization");
    bool nothingChosen = !form.region && ex.query("tab").empty();
    if (nothingChosen) {
        if (auto last = http::parsePositiveId(ex.cookie(kLastOrganizationCookie)))
            fillFromOrganization(form, *last);
    }
    renderLogin(ex, form);
}

// The selects' path down to one organization: for a remembered school, or to show the form
// again after a failed attempt with the school still chosen.
void Portal::fillFromOrganization(LoginForm& form, std::int64_t organizationId) {
    auto s = s_.db.session();
    auto org = store::DirectoryRepository(s_.db, s).organization(organizationId);
    if (!org) return;
    form.tab = org->type == domain::OrganizationType::Authority ? "authority" : "school";
    form.region = org->regionId;
    form.municipality = org->municipalityId;
    form.locality = org->localityId;
    form.type = domain::code(org->type);
    form.organization = org->id;
}

void Portal::renderLogin(HttpExchange& ex, LoginForm f, int status) {
    auto s = s_.db.session();
    store::DirectoryRepository dir(s_.db, s);
    bool authority = f.tab == "authority";
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("tabSchool", !authority);
    d.set("tabAuthority", authority);
    d.set("tab", f.tab);
    d.set("regions", options(dir.regions(), f.region));
    if (f.region) d.set("municipalities", options(dir.municipalities(*f.region), f.municipality));
    std::optional<std::int64_t> organization;
    if (authority) {
        if (f.municipality) {
            organization = f.organization;
            d.set("authorities", options(dir.authorities(*f.municipality), organization));
        }
    } else {
        if (f.municipality)
            d.set("localities", options(dir.localities(*f.municipality), f.locality));
        if (f.locality) {
            auto types = dir.organizationTypes(*f.locality);
            auto chosenType = domain::parseOrganizationTypeCode(f.type);
            if (types.size() == 1) chosenType = types[0];
            bool known = false;
            kainjow::mustache::list typeOptions;
            for (auto t : types) {
                TemplateData o;
                o.set("code", domain::code(t));
                o.set("name", domain::label(t));
                o.set("selected", chosenType == t);
                known = known || chosenType == t;
                typeOptions.push_back(o);
            }
            d.set("types", typeOptions);
            if (known) {
                organization = f.organization;
                d.set("organizations",
                      options(dir.organizations(*f.locality, *chosenType), organization));
            }
        }
    }
    d.set("formAction", f.linkFlow.empty() ? "/login" : "/esia/link");
    if (!f.linkFlow.empty()) d.set("linkFlow", f.linkFlow);
    // Linking asks for the school password even where nobody signs in with it.
    bool passwordAllowed =
        settings_.passwordPolicy != domain::PasswordLoginPolicy::Nobody || !f.linkFlow.empty();
    d.set("passwordAllowed", passwordAllowed);
    d.set("esiaOnlyNotice", domain::kEsiaOnlyNotice);
    d.set("login", f.login);
    if (!f.error.empty()) d.set("error", f.error);
    if (!f.notice.empty()) d.set("notice", f.notice);
    ex.sendHtml(s_.templates.page(
                    "login", f.linkFlow.empty() ? "Вход в систему" : "Привязать учетную запись", d),
                status);
}

void Portal::loginSubmit(HttpExchange& ex) {
    ex.readForm(16 * 1024);
    checkCsrf(ex);
    LoginForm f;
    f.tab = ex.form("tab") == "authority" ? "authority" : "school";
    if (auto organization = http::parsePositiveId(ex.form("organization")))
        fillFromOrganization(f, *organization);
    f.login = ex.form("login");
    std::string password = ex.form("password");
    if (settings_.passwordPolicy == domain::PasswordLoginPolicy::Nobody) {
        f.error = domain::kEsiaOnlyNotice;
        return renderLogin(ex, f, 403);
    }
    if (!f.organization) {
        f.error = "Выберите образовательную организацию.";
        return renderLogin(ex, f, 400);
    }
    if (f.login.empty() || password.empty()) {
        f.error = "Введите имя пользователя и пароль.";
        return renderLogin(ex, f, 400);
    }
    if (f.login.size() > 64 || password.size() > 512) {
        f.error = "Неверное имя пользователя или пароль.";
        return renderLogin(ex, f, 401);
    }

    flows::PasswordSignIn signIn(s_.db, s_.hasher, s_.throttle, s_.clock, settings_.passwordPolicy,
                                 s_.legacyVerifiers);
    auto result = signIn.run({*f.organization, f.login, password, ex.clientAddress()});
    s_.metrics.countSignIn(flows::auditOutcome(result.outcome));
    using Outcome = flows::PasswordSignIn::Outcome;
    switch (result.outcome) {
        case Outcome::SignedIn:
        case Outcome::MustChangePassword: {
            auto id = s_.sessions.start(result.accountId, ex.cookie(sessionCookieName()));
            if (!id) {  // blocked between the password check and now: as any refusal
                f.error = "Неверное имя пользователя или пароль.";
                return renderLogin(ex, f, 401);
            }
            ex.setCookie(sessionCookieName(), *id, -1, settings_.secureCookies);
            ex.setCookie(kLastOrganizationCookie, std::to_string(*f.organization), 365 * 24 * 3600,
                         settings_.secureCookies);
            ex.clearCookie(csrfCookieName(), settings_.secureCookies);  // a fresh one per session
            return ex.redirect(result.outcome == Outcome::SignedIn ? "/main"
                                                                   : "/settings?required=1");
        }
        case Outcome::Rejected:
            f.error = "Неверное имя пользователя или пароль.";
            return renderLogin(ex, f, 401);
        case Outcome::Throttled:
            f.error = "Слишком много неудачных попыток входа. Попробуйте через " +
                      domain::minutesPhrase(result.wait) + ".";
            return renderLogin(ex, f, 429);
        case Outcome::PolicyClosed:
            f.error = domain::kEsiaOnlyNotice;
            return renderLogin(ex, f, 403);
        case Outcome::StaffOnly:
            f.error =
                "Вход по логину и паролю доступен только сотрудникам. Войдите через госуслуги.";
            return renderLogin(ex, f, 403);
        case Outcome::TemporaryExpired:
            f.error =
                "Срок действия временного пароля истёк. Обратитесь в образовательную "
                "организацию за новым паролем.";
            return renderLogin(ex, f, 403);
    }
}

void Portal::logout(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    std::string id = ex.cookie(sessionCookieName());
    if (!id.empty()) s_.sessions.end(id);
    ex.clearCookie(sessionCookieName(), settings_.secureCookies);
    ex.clearCookie("nc_esia_flow", settings_.secureCookies);  // nothing half-done survives sign-out
    ex.redirect(s_.esiaClient ? "/esia/logged-out" : "/login");
}

void Portal::loggedOut(HttpExchange& ex) {
    TemplateData d;
    if (s_.esiaClient) d.set("esiaLogout", s_.esiaClient->logoutUrl(settings_.publicUrl + "login"));
    ex.sendHtml(s_.templates.page("logged-out", "Вы вышли из системы", d));
}

}  // namespace netcity::web
