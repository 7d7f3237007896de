// «Восстановить пароль»: the e-mail form, and the page the letter's link opens.
#include "web/Portal.h"

namespace netcity::web {

void Portal::recoverPage(HttpExchange& ex) {
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    ex.sendHtml(s_.templates.page("recover", "Восстановление пароля", d));
}

void Portal::recoverSubmit(HttpExchange& ex) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    std::string email = ex.form("email");
    using Request = flows::PasswordRecovery::Request;
    s_.recovery.request(email, ex.clientAddress(), [&](const Request& r) {
        using Outcome = flows::PasswordRecovery::Outcome;
        TemplateData d;
        d.set("csrf", csrfToken(ex));
        d.set("email", email.substr(0, 254));
        int status = 200;
        if (r.outcome == Outcome::Sent) d.set("sent", true);
        if (r.outcome == Outcome::BadEmail) {
            d.set("error", "Укажите адрес электронной почты, например ivanova@example.ru.");
            status = 400;
        }
        if (r.outcome == Outcome::Throttled) {
            d.set("error", "Слишком много запросов. Попробуйте через " +
                               domain::minutesPhrase(r.wait) + ".");
            status = 429;
        }
        ex.sendHtml(s_.templates.page("recover", "Восстановление пароля", d), status);
    });
}

void Portal::renderReset(HttpExchange& ex, const std::string& token, const std::string& error,
                         int status) {
    auto opened = s_.recovery.open(token);
    if (!opened)
        return renderMessage(ex, 410, "Ссылка недействительна",
                             "Ссылка для восстановления пароля устарела или уже использована. "
                             "Запросите новую на странице «Восстановить пароль».");
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("token", token);
    d.set("login", opened->login);
    d.set("organization", opened->organization);
    if (!opened->question.empty()) d.set("question", opened->question);
    if (!error.empty()) d.set("error", error);
    ex.sendHtml(s_.templates.page("recover-reset", "Новый пароль", d), status);
}

void Portal::recoverResetPage(HttpExchange& ex) {
    renderReset(ex, ex.query("token"), "", 200);
}

void Portal::recoverResetSubmit(HttpExchange& ex) {
    ex.readForm(8 * 1024);
    checkCsrf(ex);
    std::string token = ex.form("token");
    auto r = s_.recovery.reset(token, ex.form("answer"), ex.form("new_password"),
                               ex.form("repeat_password"), ex.clientAddress());
    using Outcome = flows::PasswordRecovery::ResetOutcome;
    switch (r.outcome) {
        case Outcome::Done:
            return renderMessage(ex, 200, "Пароль изменён",
                                 "Новый пароль сохранён, все сеансы этой учётной записи "
                                 "завершены. Войдите с новым паролем на странице входа.");
        case Outcome::Expired:
            return renderReset(ex, "", "", 410);
        case Outcome::WrongAnswer:
            return renderReset(ex, token,
                               "Ответ на контрольный вопрос неверен. Осталось попыток: " +
                                   std::to_string(r.attemptsLeft) + ".",
                               400);
        case Outcome::BadPassword:
            return renderReset(ex, token, r.message, 400);
    }
}

}  // namespace netcity::web
