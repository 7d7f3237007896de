// «Объявления» as the administration posts them: the form (whole school or chosen classes) and
// what the organization has posted.
#include <algorithm>

#include "flows/journal/AnnouncementBoard.h"
#include "web/Portal.h"

namespace netcity::web {
namespace {

using flows::journal::AnnouncementBoard;

const char* problemText(AnnouncementBoard::Outcome outcome) {
    using O = AnnouncementBoard::Outcome;
    switch (outcome) {
        case O::Posted:
            return "";
        case O::NotAllowed:
            return "Объявления публикует администрация образовательной организации.";
        case O::TitleMissing:
            return "Укажите заголовок объявления.";
        case O::TitleTooLong:
            return "Заголовок слишком длинный: не более 200 символов.";
        case O::TitleNotText:
            return "Заголовок должен быть одной строкой обычного текста.";
        case O::TextMissing:
            return "Введите текст объявления.";
        case O::TextTooLong:
            return "Текст объявления слишком длинный: не более 5000 символов.";
        case O::TextNotText:
            return "Текст объявления содержит недопустимые символы.";
        case O::NoClassChosen:
            return "Выберите хотя бы один класс или адресуйте объявление всей организации.";
        case O::UnknownClass:
            return "Среди выбранных классов есть класс другой организации. Обновите страницу и "
                   "выберите классы заново.";
    }
    return "";
}

}  // namespace

void Portal::staffAnnouncements(HttpExchange& ex) {
    auto active = requireSession(ex);
    std::string flash = ex.query("done") == "posted" ? "Объявление опубликовано." : "";
    renderAnnouncementBoard(ex, active.accountId, {}, "", flash, 200);
}

void Portal::renderAnnouncementBoard(HttpExchange& ex, std::int64_t adminId,
                                     const AnnouncementBoard::Draft& typed,
                                     const std::string& error, const std::string& flash,
                                     int status) {
    AnnouncementBoard board(s_.db, s_.clock);
    auto s = s_.db.session();
    auto b = board.board(s, adminId);
    if (!b.allowed) throw HttpError{403, problemText(AnnouncementBoard::Outcome::NotAllowed)};
    TemplateData d;
    d.set("csrf", csrfToken(ex));
    d.set("title", typed.title);
    d.set("body", typed.body);
    d.set("whole", typed.wholeOrganization);
    kainjow::mustache::list classes;
    for (const auto& c : b.classes) {
        TemplateData item;
        item.set("classId", std::to_string(c.id));
        item.set("className", c.name);
        item.set("checked", std::find(typed.classIds.begin(), typed.classIds.end(), c.id) !=
                                typed.classIds.end());
        classes.push_back(item);
    }
    d.set("classes", classes);
    kainjow::mustache::list posted;
    for (const auto& a : b.posted) {
        TemplateData item;
        item.set("announcementId", std::to_string(a.id));
        item.set("postedTitle", a.title);
        item.set("postedBody", a.body);
        item.set("postedAt", settings_.timeZone.format(a.postedAt));
        item.set("author", a.authorName.shortForm());
        std::string audience = "Вся организация";
        if (!a.wholeOrganization) {
            audience = "Классы: ";
            for (std::size_t i = 0; i < a.classNames.size(); ++i)
                audience += (i ? ", " : "") + a.classNames[i];
        }
        item.set("audience", audience);
        posted.push_back(item);
    }
    d.set("hasPosted", !b.posted.empty());
    d.set("posted", posted);
    if (!error.empty()) d.set("error", error);
    if (!flash.empty()) d.set("flash", flash);
    ex.sendHtml(s_.templates.page("staff-announcements", "Объявления", d), status);
}

void Portal::staffAnnouncementSubmit(HttpExchange& ex) {
    ex.readForm(64 * 1024);
    checkCsrf(ex);
    auto active = requireSession(ex);
    AnnouncementBoard::Draft draft;
    draft.title = ex.form("title");
    draft.body = ex.form("body");
    std::string audience = ex.form("audience");
    if (audience != "whole" && audience != "classes")
        throw HttpError{400,
                        "Укажите, кому адресовано объявление: всей организации или "
                        "выбранным классам."};
    draft.wholeOrganization = audience == "whole";
    AnnouncementBoard board(s_.db, s_.clock);
    AnnouncementBoard::Result result;
    {
        auto s = s_.db.session();
        // Checkboxes are named class_<id>: a form's fields are each sent once.
        for (const auto& c : board.board(s, active.accountId).classes)
            if (ex.form("class_" + std::to_string(c.id)) == "1") draft.classIds.push_back(c.id);
        result = board.post(s, active.accountId, draft, ex.clientAddress());
    }
    if (result.outcome == AnnouncementBoard::Outcome::Posted)
        return ex.redirect("/staff/announcements?done=posted");
    if (result.outcome == AnnouncementBoard::Outcome::NotAllowed)
        throw HttpError{403, problemText(result.outcome)};
    renderAnnouncementBoard(ex, active.accountId, draft, problemText(result.outcome), "", 400);
}

}  // namespace netcity::web
