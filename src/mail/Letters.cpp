#include "mail/Letters.h"

#include <kainjow/mustache.hpp>

namespace netcity::embedded {
const std::map<std::string, std::string>& mailFiles();
}

namespace netcity::mail {

Letters::Letters(std::string portalUrl) : portalUrl_(std::move(portalUrl)) {}

store::Letter Letters::render(const std::string& name, const std::string& to,
                              const std::string& subject, const AppealLetter& a) const {
    kainjow::mustache::data d;
    d.set("number", a.number);
    d.set("name", a.applicantName);
    d.set("organization", a.organization);
    d.set("reason", a.reason);
    d.set("portal", portalUrl_);
    auto body = [&](const std::string& file) {
        kainjow::mustache::mustache tmpl(embedded::mailFiles().at(file));
        return tmpl.render(d);
    };
    return {to, subject, body(name + ".txt.mustache"), body(name + ".html.mustache")};
}

store::Letter Letters::appealCreated(const std::string& to, const AppealLetter& a) const {
    return render("appeal-created", to, "Успешно создан запрос получения доступа в систему", a);
}

store::Letter Letters::appealResolved(const std::string& to, const AppealLetter& a) const {
    return render("appeal-resolved", to, "Обращение №" + a.number + ": проблема решена", a);
}

store::Letter Letters::appealRejected(const std::string& to, const AppealLetter& a) const {
    return render("appeal-rejected", to, "Обращение №" + a.number + " отклонено", a);
}

}  // namespace netcity::mail
