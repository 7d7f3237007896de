#include "mail/Letters.h"

namespace netcity::embedded {
const std::map<std::string, std::string>& mailFiles();
}

namespace netcity::mail {

Letters::Letters(std::string portalUrl) : portalUrl_(std::move(portalUrl)) {}

store::Letter Letters::appeal(const std::string& name, const std::string& to,
                              const std::string& subject, const AppealLetter& a) const {
    kainjow::mustache::data d;
    d.set("number", a.number);
    d.set("name", a.applicantName);
    d.set("organization", a.organization);
    d.set("reason", a.reason);
    return render(name, to, subject, d);
}

store::Letter Letters::passwordRecovery(const std::string& to, const RecoveryLetter& r) const {
    kainjow::mustache::data d;
    d.set("name", r.name);
    d.set("login", r.login);
    d.set("organization", r.organization);
    d.set("link", r.link);
    d.set("minutes", std::to_string(r.minutes));
    return render("password-recovery", to, "Восстановление пароля", d);
}

store::Letter Letters::render(const std::string& name, const std::string& to,
                              const std::string& subject, kainjow::mustache::data d) const {
    d.set("portal", portalUrl_);
    auto body = [&](const std::string& file) {
        kainjow::mustache::mustache tmpl(embedded::mailFiles().at(file));
        return tmpl.render(d);
    };
    return {to, subject, body(name + ".txt.mustache"), body(name + ".html.mustache")};
}

store::Letter Letters::appealCreated(const std::string& to, const AppealLetter& a) const {
    return appeal("appeal-created", to, "Успешно создан запрос получения доступа в систему", a);
}

store::Letter Letters::appealResolved(const std::string& to, const AppealLetter& a) const {
    return appeal("appeal-resolved", to, "Обращение №" + a.number + ": проблема решена", a);
}

store::Letter Letters::appealRejected(const std::string& to, const AppealLetter& a) const {
    return appeal("appeal-rejected", to, "Обращение №" + a.number + " отклонено", a);
}

}  // namespace netcity::mail
