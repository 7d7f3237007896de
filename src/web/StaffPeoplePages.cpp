// School staff and people: the list, the personal card («личная карточка») with its
// relations and Gosuslugi link, temporary passwords on a printable slip, blocking, new
// accounts.
#include "domain/Role.h"
#include "store/DirectoryRepository.h"
#include "web/Portal.h"
#include "web/StaffTexts.h"

namespace netcity::web {
namespace {

std::int64_t formId(HttpExchange& ex, const std::string& name) {
    auto id = http::parsePositiveId(ex.form(name));
    if (!id) throw HttpError{400, "Не указано, к чему относится действие. Вернитесь к списку."};
    return *id;
}

domain::CardInput cardFrom(HttpExchange& ex) {
    return {ex.form("last_name"),  ex.form("first_name"), ex.form("middle_name"),
            ex.form("birth_date"), ex.form("gender"),     ex.form("snils"),
            ex.form("email"),      ex.form("phone")};
}

void setCard(TemplateData& d, const domain::CardInput& c) {
    d.set("lastName", c.lastName);
    d.set("firstName", c.firstName);
    d.set("middleName", c.middleName);
    d.set("birthDate", c.birthDate);
    d.set("male", c.gender == "М");
    d.set("female", c.gender == "Ж");
    d.set("snils", c.snils);
    d.set("email", c.email);
    d.set("phone", c.phone);
}

}  // namespace

void Portal::staffPeople(HttpExchange& ex) {
    auto active = requireSession(ex);
    int page = 0;
    if (auto p = ex.queryId("page")) page = static_cast<int>(std::min<std::int64_t>(*p, 100000));
    std::string q = ex.query("q");
    if (q.size() > 100) q.resize(100);
    auto result = s_.cards.list(active.accountId, q, page, ex.queryId("organization"));
    if (!result.allowed)
        throw HttpError{403, "Список пользователей доступен сотрудникам организации."};
    auto overview = s_.overviews.get(active.accountId);
    TemplateData d;
    d.set("q", q);
    setOrganizationChoice(d, result.organizations, result.organizationId);
    if (overview) {
        d.set("organization", overview->profile.organizationName);
        const auto& roles = overview->profile.roles;
        d.set("canCreate",
              roles.count(domain::Role::Administrator) || roles.count(domain::Role::Teacher));
    }
    kainjow::mustache::list people;
    for (const auto& p : result.people) {
        TemplateData row;
        row.set("id", std::to_string(p.accountId));
        row.set("name", p.name.full());
        row.set("roles", domain::joinLabels(p.roles));
        row.set("className", p.className);
        row.set("login", p.login);
        row.set("linked", p.linkedOid.has_value());
        row.set("blocked", p.blocked);
        people.push_back(row);
    }
    d.set("people", people);
    d.set("total", std::to_string(result.total));
    if (page > 0) d.set("prev", std::to_string(page - 1));
    if ((page + 1) * flows::PersonalCards::kPageSize < result.total)
        d.set("next", std::to_string(page + 1));
    ex.sendHtml(s_.templates.page("staff-people", "Пользователи", d));
}

void Portal::staffCard(HttpExchange& ex) {
    auto active = requireSession(ex);
    auto id = ex.queryId("account");
    if (!id) throw HttpError{404, "Пользователь не найден."};
    std::string flash;
    auto done = ex.query("done");
    if (done == "saved") flash = "Карточка сохранена.";
    if (done == "unlinked") flash = "Связь с учётной записью Госуслуг удалена.";
    if (done == "child") flash = "Сведения о детях обновлены.";
    if (done == "blocked") flash = "Учётная запись заблокирована, её сеансы завершены.";
    if (done == "unblocked") flash = "Учётная запись разблокирована.";
    renderCard(ex, active.accountId, *id, flash, {}, nullptr, 200);
}

void Portal::renderCard(HttpExchange& ex, std::int64_t staffAccountId, std::int64_t accountId,
                        const std::string& flash,
                        const std::map<std::string, std::string>& problems,
                        const domain::CardInput* typed, int status) {
    auto viewed = s_.cards.view(staffAccountId, accountId, ex.clientAddress());
    if (viewed.outcome == flows::PersonalCards::ViewOutcome::AuditUnavailable)
        return renderMessage(ex, 503, "Карточка недоступна",
                             "Карточку сейчас нельзя показать: журнал действий недоступен, а "
                             "личные данные открываются только с записью в журнал. Повторите "
                             "попытку через несколько минут.");
    auto& card = viewed.card;
    if (!card) throw HttpError{404, "Пользователь не найден."};
    bool canChange = domain::canChange(card->access);
    std::string csrf = csrfToken(ex);
    TemplateData d;
    d.set("csrf", csrf);
    d.set("accountId", std::to_string(accountId));
    d.set("parentId", std::to_string(accountId));
    d.set("fullName", card->person.name.full());
    d.set("roles", domain::joinLabels(card->account.roles));
    d.set("login", card->account.login);
    if (!card->account.className.empty()) d.set("className", card->account.className);
    d.set("blocked", card->account.blocked);
    d.set("self", accountId == staffAccountId);
    d.set("linked", card->account.linkedOid.has_value());
    d.set("ready", card->readyForAutoLink);
    d.set("canChange", canChange);
    auto s = s_.db.session();
    if (auto org =
            store::DirectoryRepository(s_.db, s).organization(card->account.place.organizationId)) {
        d.set("organization", org->name);
        d.set("backOrganization", std::to_string(org->id));
    }
    domain::CardInput shown{
        card->person.name.last,   card->person.name.first,
        card->person.name.middle, card->person.birthDate ? card->person.birthDate->russian() : "",
        card->person.gender,      card->person.snils ? card->person.snils->formatted() : "",
        card->person.email,       card->person.phone};
    setCard(d, typed ? *typed : shown);
    setFieldProblems(d, problems, "Проверьте выделенные поля.");
    auto relatives = [](const std::vector<flows::PersonalCards::Relative>& list) {
        kainjow::mustache::list out;
        // Keys of their own, always set: a missing key would be looked up in the card around it
        // (whose accountId is the card's own).
        for (const auto& r : list) {
            TemplateData item;
            item.set("hasRelativeAccount", r.accountId != 0);
            item.set("relativeId", std::to_string(r.accountId));
            item.set("relativeName", r.name);
            item.set("hasRelativeClass", !r.className.empty());
            item.set("relativeClass", r.className);
            out.push_back(item);
        }
        return out;
    };
    d.set("isParent", card->account.roles.count(domain::Role::Parent) > 0);
    d.set("children", relatives(card->children));
    d.set("hasParents", !card->parents.empty());
    d.set("parents", relatives(card->parents));
    d.set("hasCandidates", !card->candidateChildren.empty());
    d.set("candidates", relatives(card->candidateChildren));
    std::string passwordState = "Пароль не выдан: вход только через Госуслуги.";
    if (card->hasPassword) passwordState = "Пароль задан пользователем.";
    if (card->temporaryPasswordExpiresAt) {
        bool expired = *card->temporaryPasswordExpiresAt < s_.clock.unixSeconds();
        passwordState =
            std::string(expired ? "Временный пароль истёк " : "Временный пароль действует до ") +
            settings_.timeZone.format(*card->temporaryPasswordExpiresAt) + ".";
    }
    d.set("passwordState", passwordState);
    if (!flash.empty()) d.set("flash", flash);
    ex.sendHtml(s_.templates.page("staff-card", "Личная карточка", d), status);
}

void Portal::staffCardAction(HttpExchange& ex, const std::string& action) {
    ex.readForm(16 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    std::int64_t account = formId(ex, "account");
    std::string address = ex.clientAddress();
    using Outcome = flows::PersonalCards::Outcome;
    flows::PersonalCards::Result r;
    domain::CardInput typed;
    std::string done = action;
    if (action == "save") {
        typed = cardFrom(ex);
        r = s_.cards.save(active.accountId, account, typed, address);
        done = "saved";
    } else if (action == "unlink") {
        r = s_.cards.unlinkEsia(active.accountId, account, address);
        done = "unlinked";
    } else if (action == "child" || action == "child-remove") {
        std::int64_t child = formId(ex, "child");
        r = action == "child" ? s_.cards.addChild(active.accountId, account, child, address)
                              : s_.cards.removeChild(active.accountId, account, child, address);
        done = "child";
    }
    const domain::CardInput* retyped = action == "save" ? &typed : nullptr;
    switch (r.outcome) {
        case Outcome::Done:
            return ex.redirect("/staff/card?account=" + std::to_string(account) + "&done=" + done);
        case Outcome::Invalid:
            return renderCard(ex, active.accountId, account, "", r.problems, retyped, 400);
        case Outcome::SnilsTaken:
            return renderCard(ex, active.accountId, account, "",
                              {{"snils", refusalOf(r.outcome).text}}, retyped, 400);
        case Outcome::NotFound:
        case Outcome::ReadOnly:
        case Outcome::SharedCard:
        case Outcome::ChildNotOffered:
        case Outcome::NotParentAndChild:
            auto refusal = refusalOf(r.outcome);
            throw HttpError{refusal.status, refusal.text};
    }
}

void Portal::renderSlip(HttpExchange& ex, const flows::AccountAdministration::Result& r) {
    auto s = s_.db.session();
    auto profile = store::AccountRepository(s_.db, s).profile(r.accountId);
    TemplateData d;
    d.set("accountId", std::to_string(r.accountId));
    d.set("login", r.login);
    d.set("password", r.temporaryPassword);
    d.set("expires", settings_.timeZone.format(r.expiresAt));
    d.set("portal", settings_.publicUrl);
    if (profile) {
        d.set("fullName", profile->name.full());
        d.set("organization", profile->organizationName);
    }
    ex.sendHtml(s_.templates.page("staff-slip", "Временный пароль", d));
}

void Portal::staffAccountAction(HttpExchange& ex, const std::string& action) {
    ex.readForm(4 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    std::int64_t account = formId(ex, "account");
    flows::AccountAdministration::Result r;
    if (action == "password")
        r = s_.accounts.issueTemporaryPassword(active.accountId, account, ex.clientAddress());
    else
        r = s_.accounts.setBlocked(active.accountId, account, action == "block",
                                   ex.clientAddress());
    using Outcome = flows::AccountAdministration::Outcome;
    switch (r.outcome) {
        case Outcome::Done:
            if (action == "password") return renderSlip(ex, r);
            return ex.redirect("/staff/card?account=" + std::to_string(account) +
                               (action == "block" ? "&done=blocked" : "&done=unblocked"));
        case Outcome::NotFound:
            throw HttpError{404, "Пользователь не найден."};
        case Outcome::ReadOnly:
            throw HttpError{403,
                            "Выдавать пароли и блокировать может администратор или классный "
                            "руководитель."};
        case Outcome::OwnAccount:
            throw HttpError{400, "Свою учётную запись заблокировать нельзя."};
        case Outcome::Invalid:  // only a new account has fields to check
            throw HttpError{400, "Действие невозможно."};
    }
}

void Portal::renderNewPerson(HttpExchange& ex, std::int64_t staffAccountId,
                             const flows::AccountAdministration::NewAccount& typed,
                             const std::map<std::string, std::string>& problems, int status) {
    auto overview = s_.overviews.get(staffAccountId);
    if (!overview) throw HttpError{404, "Учётная запись не найдена."};
    const auto& profile = overview->profile;
    bool admin = profile.roles.count(domain::Role::Administrator) > 0;
    if (!admin && !profile.roles.count(domain::Role::Teacher))
        throw HttpError{403,
                        "Добавлять пользователей может администратор или классный руководитель."};
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("organization", profile.organizationName);
    kainjow::mustache::list roles;
    std::vector<domain::Role> offered{domain::Role::Student, domain::Role::Parent};
    if (admin) offered.push_back(domain::Role::Teacher);
    for (auto role : offered) {
        TemplateData r;
        r.set("code", domain::code(role));
        r.set("label", domain::label(role));
        r.set("selected", typed.role == domain::code(role));
        roles.push_back(r);
    }
    d.set("roles", roles);
    auto s = s_.db.session();
    d.set("classes",
          optionList(store::DirectoryRepository(s_.db, s).classes(profile.organizationId),
                     typed.classId));
    setCard(d, typed.card);
    d.set("login", typed.login);
    setFieldProblems(d, problems, "Проверьте выделенные поля.");
    ex.sendHtml(s_.templates.page("staff-new-person", "Новый пользователь", d), status);
}

void Portal::staffNewPerson(HttpExchange& ex) {
    auto active = requireSession(ex);
    flows::AccountAdministration::NewAccount empty;
    empty.role = "student";
    renderNewPerson(ex, active.accountId, empty, {}, 200);
}

void Portal::staffNewPersonSubmit(HttpExchange& ex) {
    ex.readForm(16 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    flows::AccountAdministration::NewAccount in;
    in.card = cardFrom(ex);
    in.role = ex.form("role");
    in.classId = http::parsePositiveId(ex.form("class"));
    in.login = ex.form("login");
    auto r = s_.accounts.create(active.accountId, in, ex.clientAddress());
    using Outcome = flows::AccountAdministration::Outcome;
    switch (r.outcome) {
        case Outcome::Done:
            return renderSlip(ex, r);
        case Outcome::NotFound:
            throw HttpError{404, "Учётная запись не найдена."};
        case Outcome::ReadOnly:
            throw HttpError{403,
                            "Этого пользователя вы добавить не можете: обратитесь к "
                            "администратору организации."};
        case Outcome::Invalid:
            return renderNewPerson(ex, active.accountId, in, problemTexts(r), 400);
        case Outcome::OwnAccount:  // blocking only
            throw HttpError{400, "Действие невозможно."};
    }
}

}  // namespace netcity::web
