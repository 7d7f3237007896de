// Sign-in through Gosuslugi and linking (seeds 000–004): the role choice, the callback and
// what it leads to («Выберите пользователя», «Запись не найдена», «Привязать учетную запись»),
// and linking / unlinking from «Персональные настройки».
#include <Poco/URI.h>

#include <charconv>

#include "crypto/Random.h"
#include "domain/ControlQuestion.h"
#include "domain/PortalRole.h"
#include "flows/ControlQuestionSetup.h"
#include "store/AccountRepository.h"
#include "store/EsiaLinkRepository.h"
#include "web/Portal.h"

namespace netcity::web {
namespace {

constexpr const char* kEsiaBindingCookie = "nc_esia_flow";

}  // namespace

flows::EsiaSignIn& Portal::esia() {
    if (!s_.esia)
        throw HttpError{503,
                        "Вход через госуслуги в этой системе пока не настроен. Войдите по логину и "
                        "паролю, полученным в образовательной организации."};
    return *s_.esia;
}

std::string Portal::esiaBinding(HttpExchange& ex, bool create) {
    std::string binding = ex.cookie(kEsiaBindingCookie);
    if (binding.size() != 43 && create) {
        binding = crypto::randomToken(32);
        ex.setCookie(kEsiaBindingCookie, binding, -1, settings_.secureCookies);
    }
    return binding;
}

void Portal::signInAs(HttpExchange& ex, std::int64_t accountId, const std::string& notice) {
    std::string id = s_.sessions.start(accountId, ex.cookie(sessionCookieName()));
    ex.setCookie(sessionCookieName(), id, -1, settings_.secureCookies);
    ex.clearCookie(csrfCookieName(), settings_.secureCookies);
    std::string next = notice.empty() ? "/main" : "/main?notice=" + notice;
    if (settings_.requireControlQuestion) {
        auto s = s_.db.session();
        auto account = store::AccountRepository(s_.db, s).byId(accountId);
        if (account && !account->hasControlQuestion)
            return ex.redirect("/settings/control-question");
    }
    ex.redirect(next);
}

void Portal::controlQuestionPage(HttpExchange& ex) {
    requireSession(ex);
    renderControlQuestion(ex, domain::ControlQuestionProblem::None);
}

void Portal::renderControlQuestion(HttpExchange& ex, domain::ControlQuestionProblem problem) {
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    if (problem != domain::ControlQuestionProblem::None) d.set("error", domain::describe(problem));
    kainjow::mustache::list questions;
    for (const auto& q : domain::standardControlQuestions()) {
        TemplateData item;
        item.set("text", q);
        questions.push_back(item);
    }
    d.set("questions", questions);
    ex.sendHtml(s_.templates.page("control-question", "Контрольный вопрос", d),
                problem == domain::ControlQuestionProblem::None ? 200 : 400);
}

void Portal::controlQuestionSubmit(HttpExchange& ex) {
    ex.readForm(8 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    std::string question = ex.form("question");
    if (question == domain::kOwnQuestion) question = ex.form("own_question");
    auto problem = flows::ControlQuestionSetup(s_.db, s_.hasher, s_.clock)
                       .run(active.accountId, question, ex.form("answer"), ex.clientAddress());
    if (problem != domain::ControlQuestionProblem::None) return renderControlQuestion(ex, problem);
    ex.redirect("/main");
}

void Portal::esiaStart(HttpExchange& ex) {
    esia();
    // The role buttons post here and the answer redirects to ESIA: the page must allow it.
    ex.allowFormTarget(s_.esiaClient->origin());
    renderForm(ex, "esia-role", "Вход через госуслуги");
}

void Portal::esiaStartSubmit(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    auto role = domain::parsePortalRole(ex.form("role"));
    if (!role) throw HttpError{400, "Выберите роль для входа."};
    ex.redirect(esia().start(*role, esiaBinding(ex, true)));
}

void Portal::esiaCallback(HttpExchange& ex) {
    auto r = esia().callback(ex.query("state"), ex.query("code"), ex.query("error"),
                             ex.query("error_description"), ex.query("iss"), esiaBinding(ex, false),
                             "", ex.clientAddress());
    renderEsiaResult(ex, r);
}

void Portal::renderEsiaResult(HttpExchange& ex, const flows::EsiaSignIn::Result& r) {
    using Outcome = flows::EsiaSignIn::Outcome;
    switch (r.outcome) {
        case Outcome::SignedIn:
            return signInAs(ex, r.accountId, r.message.empty() ? "" : "linked");
        case Outcome::AutoLinked:
            return signInAs(ex, r.accountId, "linked");
        case Outcome::ChooseUser: {
            TemplateData d;
            d.set("csrf", csrfToken(ex));
            d.set("flow", r.flowId);
            kainjow::mustache::list choices;
            bool first = true;
            for (const auto& c : r.choices) {
                TemplateData item;
                item.set("id", std::to_string(c.accountId));
                item.set("organization", c.organization);
                item.set("role", c.role);
                item.set("name", c.name);
                item.set("first", first);
                first = false;
                choices.push_back(item);
            }
            d.set("choices", choices);
            return ex.sendHtml(s_.templates.page("esia-choose", "Выберите пользователя", d));
        }
        case Outcome::NotFound: {
            TemplateData d;
            d.set("flow", r.flowId);
            d.set("history", appealHistory(r.identity.oid));
            return ex.sendHtml(s_.templates.page("esia-not-found", "Запись не найдена", d), 404);
        }
        case Outcome::Refused:
            return renderMessage(ex, 403, "Вход через госуслуги отменён",
                                 "Вы отказались предоставить данные на портале Госуслуг, поэтому "
                                 "войти через госуслуги не получилось. Попробуйте снова или "
                                 "войдите по логину и паролю.");
        case Outcome::Unconfirmed:
            return renderMessage(ex, 403, "Нужна подтверждённая учётная запись",
                                 "Для входа необходима подтвержденная учетная запись Госуслуг. "
                                 "Ее можно оформить в ближайшем центре обслуживания "
                                 "пользователей.");
        case Outcome::Expired:
            return renderMessage(ex, 400, "Сеанс входа устарел",
                                 "Сеанс входа через госуслуги устарел или уже был использован. "
                                 "Начните вход заново.");
        case Outcome::Failed:
            return renderMessage(ex, 502, "Не удалось войти через госуслуги",
                                 r.message == "unavailable"
                                     ? "Портал Госуслуг сейчас недоступен. Попробуйте позже или "
                                       "войдите по логину и паролю."
                                     : "Портал Госуслуг не подтвердил вход. Попробуйте ещё раз.");
        case Outcome::Linked:
            return ex.redirect("/settings?esia=linked");
        case Outcome::CutOff: {
            TemplateData closed;
            if (settings_.selfLinkCutoff) closed.set("date", settings_.selfLinkCutoff->russian());
            TemplateData d;
            d.set("closed", s_.templates.render("self-link-closed", closed));
            if (!r.flowId.empty()) d.set("flow", r.flowId);
            return ex.sendHtml(s_.templates.page("esia-link-closed", "Привязка недоступна", d),
                               403);
        }
        case Outcome::Conflict:
            return renderMessage(ex, 409, "Привязка невозможна", r.message);
        case Outcome::WrongPassword:
        case Outcome::Throttled:
            break;  // handled on the link form
    }
    renderMessage(ex, 400, "Ошибка", "Не удалось выполнить вход через госуслуги.");
}

void Portal::esiaChoose(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    auto account = http::parsePositiveId(ex.form("account"));
    if (!account) throw HttpError{400, "Выберите пользователя из списка."};
    renderEsiaResult(
        ex, esia().choose(ex.form("flow"), *account, esiaBinding(ex, false), ex.clientAddress()));
}

void Portal::esiaLinkPage(HttpExchange& ex) {
    std::string flow = ex.query("flow");
    if (!esia().peek(flow, esiaBinding(ex, false)))
        return renderEsiaResult(ex, {flows::EsiaSignIn::Outcome::Expired});
    LoginForm form;
    form.linkFlow = flow;
    form.tab = ex.query("tab") == "authority" ? "authority" : "school";
    form.region = ex.queryId("region");
    form.municipality = ex.queryId("municipality");
    form.locality = ex.queryId("locality");
    form.type = ex.query("type");
    form.organization = ex.queryId("organization");
    renderLogin(ex, form);
}

void Portal::esiaLinkSubmit(HttpExchange& ex) {
    ex.readForm(16 * 1024);
    checkCsrf(ex);
    LoginForm form;
    form.linkFlow = ex.form("flow");
    if (auto organization = http::parsePositiveId(ex.form("organization")))
        fillFromOrganization(form, *organization);
    form.login = ex.form("login");
    std::string password = ex.form("password");
    if (!form.organization) {
        form.error = "Выберите образовательную организацию.";
        return renderLogin(ex, form, 400);
    }
    if (form.login.empty() || password.empty() || form.login.size() > 64 || password.size() > 512) {
        form.error = "Введите имя пользователя и пароль.";
        return renderLogin(ex, form, 400);
    }
    auto r = esia().linkWithPassword(form.linkFlow, *form.organization, form.login, password,
                                     esiaBinding(ex, false), ex.clientAddress());
    using Outcome = flows::EsiaSignIn::Outcome;
    if (r.outcome == Outcome::WrongPassword) {
        form.error = "Неверное имя пользователя или пароль.";
        return renderLogin(ex, form, 401);
    }
    if (r.outcome == Outcome::Throttled) {
        form.error = "Слишком много неудачных попыток входа. Попробуйте через " +
                     domain::minutesPhrase(r.wait) + ".";
        return renderLogin(ex, form, 429);
    }
    if (r.outcome == Outcome::Conflict) {
        form.error = r.message;
        return renderLogin(ex, form, 409);
    }
    renderEsiaResult(ex, r);
}

void Portal::esiaExit(HttpExchange& ex) {
    ex.clearCookie(kEsiaBindingCookie, settings_.secureCookies);
    if (s_.esiaClient) return ex.redirect(s_.esiaClient->logoutUrl(settings_.publicUrl + "login"));
    ex.redirect("/login");
}

void Portal::esiaLinkCallback(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto r = esia().callback(ex.query("state"), ex.query("code"), ex.query("error"),
                             ex.query("error_description"), ex.query("iss"), esiaBinding(ex, false),
                             active.idHash, ex.clientAddress());
    renderEsiaResult(ex, r);
}

void Portal::settingsEsiaLinkNotice(HttpExchange& ex) {
    requireSession(ex);
    esia();
    ex.allowFormTarget(s_.esiaClient->origin());
    renderForm(ex, "esia-redirect-notice", "Привязка учётной записи");
}

void Portal::settingsEsiaLinkSubmit(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    ex.redirect(esia().startLink(active.accountId, active.idHash, esiaBinding(ex, true)));
}

void Portal::settingsEsiaUnlinkPage(HttpExchange& ex) {
    requireSession(ex);
    renderForm(ex, "esia-unlink", "Удалить связь");
}

void Portal::settingsEsiaUnlinkSubmit(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    auto overview = s_.overviews.get(active.accountId);
    if (!overview) throw HttpError{404, "Учётная запись не найдена."};
    // Where Gosuslugi is the only way in for this person, removing the link would lock them out.
    if (!domain::allowsPasswordLogin(settings_.passwordPolicy, overview->profile.roles))
        return renderMessage(ex, 409, "Связь нельзя удалить",
                             "В этой системе вход возможен только через Госуслуги: без связи с "
                             "учётной записью портала Госуслуг вы не сможете войти.");
    esia().unlink(active.accountId, ex.clientAddress());
    ex.redirect("/settings?esia=unlinked");
}

}  // namespace netcity::web
