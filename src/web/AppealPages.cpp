// «Обратиться в организацию» (seed 004): from «Запись не найдена» to «Успешно создано
// обращение №…». The form's select lists come from DirectoryApi.
#include "domain/AppealStatus.h"
#include "domain/OrganizationType.h"
#include "store/AppealRepository.h"
#include "store/DirectoryRepository.h"
#include "web/AppealTexts.h"
#include "web/Portal.h"

namespace netcity::web {
namespace {

std::optional<std::size_t> parseIndex(const std::string& text) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    std::size_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::size_t>(c - '0');
    }
    return v;
}

}  // namespace

std::string Portal::appealHistory(std::int64_t oid) {
    auto s = s_.db.session();
    auto appeals = store::AppealRepository(s_.db, s).ofEsiaAccount(oid);
    TemplateData d;
    kainjow::mustache::list rows;
    for (const auto& a : appeals) {
        TemplateData row;
        row.set("number", a.number);
        row.set("organization", a.organizationName);
        row.set("status", domain::label(a.status));
        row.set("statusCode", domain::code(a.status));
        if (!a.reason.empty()) row.set("reason", a.reason);
        rows.push_back(row);
    }
    d.set("hasPrevious", !appeals.empty());
    d.set("previous", rows);
    return s_.templates.render("appeal-history", d);
}

flows::AppealSubmission& Portal::appeals() {
    esia();
    if (!s_.appeals) throw HttpError{503, "Подача обращений в этой системе не настроена."};
    return *s_.appeals;
}

void Portal::esiaResult(HttpExchange& ex) {
    auto r = esia().peek(ex.query("flow"), esiaBinding(ex, false));
    if (!r) return renderEsiaResult(ex, {flows::EsiaSignIn::Outcome::Expired});
    renderEsiaResult(ex, *r);
}

void Portal::appealIntro(HttpExchange& ex) {
    std::string flow = ex.query("flow");
    auto draft = appeals().prepare(flow, esiaBinding(ex, false));
    if (!draft) return renderEsiaResult(ex, {flows::EsiaSignIn::Outcome::Expired});
    TemplateData d;
    d.set("flow", flow);
    kainjow::mustache::list known;
    for (const auto& k : draft->knownOrganizations) known.push_back(TemplateData(k));
    d.set("hasKnown", !draft->knownOrganizations.empty());
    d.set("known", known);
    d.set("history", appealHistory(draft->identity.oid));
    ex.sendHtml(s_.templates.page("appeal-intro", "Обратиться в организацию", d));
}

void Portal::appealForm(HttpExchange& ex) {
    AppealFormState state;
    state.flow = ex.query("flow");
    renderAppealForm(ex, state, 200);
}

void Portal::renderAppealForm(HttpExchange& ex, const AppealFormState& state, int status) {
    auto draft = appeals().prepare(state.flow, esiaBinding(ex, false));
    if (!draft) return renderEsiaResult(ex, {flows::EsiaSignIn::Outcome::Expired});
    const auto& who = draft->identity;
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("flow", state.flow);
    d.set("name", who.lastName + " " + who.firstName +
                      (who.middleName.empty() ? "" : " " + who.middleName));
    d.set("birthDate", who.birthDate);
    d.set("email", who.email);
    d.set("role", domain::label(draft->role));
    d.set("hasEmail", draft->hasEmail);
    d.set("isParent", draft->role == domain::PortalRole::Parent);
    d.set("isStaff", draft->role == domain::PortalRole::Staff);
    kainjow::mustache::list children;
    for (std::size_t i = 0; i < who.children.size(); ++i) {
        const auto& c = who.children[i];
        TemplateData child;
        child.set("index", std::to_string(i));
        child.set("name", c.lastName + " " + c.firstName +
                              (c.middleName.empty() ? "" : " " + c.middleName));
        child.set("birthDate", c.birthDate);
        child.set("selected", state.form.child && *state.form.child == i);
        children.push_back(child);
    }
    d.set("hasChildren", !who.children.empty());
    d.set("children", children);
    auto type = domain::parseOrganizationTypeCode(state.form.organizationType);
    kainjow::mustache::list types;
    for (auto t : domain::schoolOrganizationTypes()) {
        TemplateData o;
        o.set("code", domain::code(t));
        o.set("name", domain::label(t));
        o.set("selected", type && *type == t);
        types.push_back(o);
    }
    d.set("types", types);
    auto s = s_.db.session();
    store::DirectoryRepository directory(s_.db, s);
    bool schoolType = type && *type != domain::OrganizationType::Authority;
    d.set("organizationPlaceholder", schoolType ? "Выберите" : "Сначала выберите тип организации");
    if (schoolType)
        d.set("organizations",
              optionList(directory.organizationsOfType(*type), state.form.organizationId));
    auto org = state.form.organizationId ? directory.organization(*state.form.organizationId)
                                         : std::nullopt;
    bool orgChosen = org && schoolType && org->type == *type;
    d.set("classPlaceholder", orgChosen ? "Выберите" : "Сначала выберите организацию");
    if (orgChosen) d.set("classes", optionList(directory.classes(org->id), state.form.classId));
    d.set("comment", state.form.comment);
    setFieldProblems(d, state.problems, "Проверьте поля формы.");
    ex.sendHtml(s_.templates.page("appeal-form", "Форма подачи обращения", d), status);
}

void Portal::appealSubmit(HttpExchange& ex) {
    ex.readForm(16 * 1024);
    checkCsrf(ex);
    AppealFormState state;
    state.flow = ex.form("flow");
    state.form.organizationType = ex.form("type");
    state.form.organizationId = http::parsePositiveId(ex.form("organization"));
    state.form.classId = http::parsePositiveId(ex.form("class"));
    state.form.child = parseIndex(ex.form("child"));
    state.form.comment = ex.form("comment");
    if (!ex.form("refresh").empty()) return renderAppealForm(ex, state, 200);
    auto r = appeals().submit(state.flow, esiaBinding(ex, false), state.form, ex.clientAddress());
    using Outcome = flows::AppealSubmission::Outcome;
    switch (r.outcome) {
        case Outcome::Expired:
            return renderEsiaResult(ex, {flows::EsiaSignIn::Outcome::Expired});
        case Outcome::NoEmail:
            return renderAppealForm(ex, state, 409);
        case Outcome::Invalid:
            state.problems = problemTexts(r.problems);
            if (state.problems.count("comment")) state.form.comment.clear();
            return renderAppealForm(ex, state, 400);
        case Outcome::Created:
        case Outcome::AlreadyOpen: {
            TemplateData d;
            d.set("number", r.number);
            d.set("email", r.email);
            d.set("again", r.outcome == Outcome::AlreadyOpen);
            return ex.sendHtml(s_.templates.page("appeal-created", "Обращение создано", d),
                               r.outcome == Outcome::Created ? 201 : 200);
        }
    }
}

}  // namespace netcity::web
