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
    auto id = s_.sessions.start(accountId, ex.cookie(sessionCookieName()));
    if (!id) return renderEsiaResult(ex, {flows::EsiaSignIn::Outcome::Blocked});
    ex.setCookie(sessionCookieName(), *id, -1, settings_.secureCookies);
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

// Seed 001's words for «after the cut-off», with the deployment's date.
std::string Portal::selfLinkClosedText() {
    TemplateData closed;
    if (auto cutoff = esia().linkingPolicy().cutoff()) closed.set("date", cutoff->russian());
    return s_.templates.render("self-link-closed", closed);
}

flows::EsiaSignIn::Callback Portal::callbackOf(HttpExchange& ex) {
    return {ex.query("state"), ex.query("code"), ex.query("error"), ex.query("error_description"),
            ex.query("iss")};
}

void Portal::esiaCallback(HttpExchange& ex) {
    auto r = esia().callback(callbackOf(ex), esiaBinding(ex, false), "", ex.clientAddress());
    s_.metrics.countEsiaSignIn(flows::outcomeCode(r.outcome));
    renderEsiaResult(ex, r);
}

namespace {

// The refusals a person may meet on the way in through Gosuslugi, as they read them.
struct EsiaRefusal {
    int status;
    const char* title;
    const char* text;
};

std::optional<EsiaRefusal> refusalOf(flows::EsiaSignIn::Outcome outcome) {
    using Outcome = flows::EsiaSignIn::Outcome;
    switch (outcome) {
        case Outcome::Refused:
            return EsiaRefusal{403, "Вход через госуслуги отменён",
                               "Вы отказались предоставить данные на портале Госуслуг, поэтому "
                               "войти через госуслуги не получилось. Попробуйте снова или "
                               "войдите по логину и паролю."};
        case Outcome::Unconfirmed:
            return EsiaRefusal{403, "Нужна подтверждённая учётная запись",
                               "Для входа необходима подтвержденная учетная запись Госуслуг. "
                               "Ее можно оформить в ближайшем центре обслуживания "
                               "пользователей."};
        case Outcome::Expired:
            return EsiaRefusal{400, "Сеанс входа устарел",
                               "Сеанс входа через госуслуги устарел или уже был использован. "
                               "Начните вход заново."};
        case Outcome::EsiaUnavailable:
            return EsiaRefusal{503, "Портал Госуслуг недоступен",
                               "Портал Госуслуг сейчас недоступен. Попробуйте позже или "
                               "войдите по логину и паролю."};
        case Outcome::EsiaError:
        case Outcome::EsiaRejected:
            return EsiaRefusal{400, "Не удалось войти через госуслуги",
                               "Портал Госуслуг не подтвердил вход. Начните вход заново."};
        case Outcome::NotOffered:
            return EsiaRefusal{400, "Выберите пользователя", "Выберите пользователя из списка."};
        case Outcome::Blocked:
            return EsiaRefusal{403, "Учётная запись заблокирована",
                               "Эта учётная запись заблокирована. Обратитесь в образовательную "
                               "организацию."};
        case Outcome::LinkedToAnother:
            return EsiaRefusal{409, "Привязка невозможна",
                               "Эта учётная запись уже связана с другой учётной записью портала "
                               "Госуслуг."};
        case Outcome::OrganizationRoleTaken:
            return EsiaRefusal{409, "Привязка невозможна",
                               "С этой учётной записью Госуслуг уже связан другой пользователь "
                               "этой организации с той же ролью."};
        case Outcome::WrongRole:  // the page names the role (wrongRoleText)
            return EsiaRefusal{409, "Привязка невозможна", ""};
        case Outcome::TemporaryExpired:
            return EsiaRefusal{403, "Срок действия пароля истёк",
                               "Срок действия временного пароля истёк. Обратитесь в "
                               "образовательную организацию за новым паролем."};
        default:
            return std::nullopt;
    }
}

}  // namespace

void Portal::renderEsiaResult(HttpExchange& ex, const flows::EsiaSignIn::Result& r) {
    using Outcome = flows::EsiaSignIn::Outcome;
    switch (r.outcome) {
        case Outcome::SignedIn:
            return signInAs(ex, r.accountId, r.justLinked ? "linked" : "");
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
        case Outcome::Linked:
            return ex.redirect("/settings?esia=linked");
        case Outcome::CutOff: {
            TemplateData d;
            d.set("closed", selfLinkClosedText());
            if (!r.flowId.empty()) d.set("flow", r.flowId);
            return ex.sendHtml(s_.templates.page("esia-link-closed", "Привязка недоступна", d),
                               403);
        }
        default:
            break;
    }
    auto refusal = refusalOf(r.outcome);
    if (!refusal)
        return renderMessage(ex, 400, "Ошибка", "Не удалось выполнить вход через госуслуги.");
    renderMessage(ex, refusal->status, refusal->title, refusal->text);
}

void Portal::esiaChoose(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    auto account = http::parsePositiveId(ex.form("account"));
    if (!account) throw HttpError{400, "Выберите пользователя из списка."};
    auto r = esia().choose(ex.form("flow"), *account, esiaBinding(ex, false), ex.clientAddress());
    s_.metrics.countEsiaSignIn(flows::outcomeCode(r.outcome));
    renderEsiaResult(ex, r);
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
    s_.metrics.countEsiaSignIn(flows::outcomeCode(r.outcome));
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
    // The refusals the person can mend on this form stay on it; the flow is still theirs.
    if (r.outcome == Outcome::LinkedToAnother || r.outcome == Outcome::OrganizationRoleTaken ||
        r.outcome == Outcome::WrongRole || r.outcome == Outcome::TemporaryExpired) {
        auto refusal = refusalOf(r.outcome);
        form.error = r.outcome == Outcome::WrongRole
                         ? std::string("Логин и пароль нужно ввести от роли «") +
                               domain::label(r.role) + "», выбранной при входе."
                         : refusal->text;
        return renderLogin(ex, form, refusal->status);
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
    auto r =
        esia().callback(callbackOf(ex), esiaBinding(ex, false), active.idHash, ex.clientAddress());
    s_.metrics.countEsiaSignIn(flows::outcomeCode(r.outcome));
    renderEsiaResult(ex, r);
}

void Portal::settingsEsiaLinkNotice(HttpExchange& ex) {
    auto active = requireSession(ex);
    esia();
    // After the cut-off a parent or student is not sent to Gosuslugi for a refusal.
    if (auto overview = s_.overviews.get(active.accountId);
        overview && !esia().selfLinkAllowed(overview->profile.roles)) {
        TemplateData d;
        d.set("closed", selfLinkClosedText());
        return ex.sendHtml(s_.templates.page("esia-link-closed", "Привязка недоступна", d), 403);
    }
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
