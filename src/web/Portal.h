#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "crypto/PasswordHasher.h"
#include "domain/ControlQuestion.h"
#include "domain/PasswordLoginPolicy.h"
#include "domain/SignInThrottle.h"
#include "domain/UtcOffset.h"
#include "domain/journal/MarkScale.h"
#include "flows/AccountAdministration.h"
#include "flows/AccountOverviews.h"
#include "flows/AppealReview.h"
#include "flows/AppealSubmission.h"
#include "flows/Clock.h"
#include "flows/EsiaSignIn.h"
#include "flows/PasswordRecovery.h"
#include "flows/PersonalCards.h"
#include "flows/Sessions.h"
#include "flows/journal/AnnouncementBoard.h"
#include "flows/journal/ClassJournal.h"
#include "flows/journal/ClassJournalTimetable.h"
#include "flows/journal/Glances.h"
#include "http/HttpExchange.h"
#include "http/Templates.h"
#include "log/JsonEscape.h"
#include "log/JsonLog.h"
#include "store/Database.h"
#include "store/DirectoryRepository.h"
#include "store/SnilsVault.h"
#include "web/Metrics.h"
#include "web/webapi/WebApi.h"

namespace netcity::web {

using http::HttpError;
using http::HttpExchange;
using http::optionalText;
using http::TemplateData;
using http::Templates;
using log::jsonEscape;
using log::logJson;

// The options of a select ({{id}}, {{name}}, {{selected}}), `selected` marked.
kainjow::mustache::list optionList(const std::vector<store::DirectoryEntry>& entries,
                                   std::optional<std::int64_t> selected);

// The portal's templates and static files, embedded at build time.
const std::map<std::string, std::string>& portalFiles();

struct PortalSettings {
    domain::PasswordLoginPolicy passwordPolicy = domain::PasswordLoginPolicy::Everyone;
    bool secureCookies = false;  // served over TLS: Secure + __Host- cookies
    bool accessLog = true;
    std::string csrfKey;                  // from the key ring
    std::string publicUrl;                // "http://host:port/" as browsers reach the portal
    bool requireControlQuestion = false;  // asked at the first Gosuslugi sign-in (seed 002)
    std::string trustedProxy;  // the reverse proxy whose X-Forwarded-For names the client
    domain::UtcOffset timeZone = *domain::UtcOffset::parse("UTC");  // times on staff pages
    domain::journal::MarkScale markScale;  // the class journal's marks (--mark-scale)
    std::int64_t cacheSeconds = 2;         // what a node keeps of the main page (--cache-seconds)
    std::string metricsToken;              // GET /metrics's bearer token; empty: not served
    std::int64_t sessionIdleSeconds = 30 * 60;  // the `timeOut` the web API announces
    bool webApiPasswordLogin = false;  // --webapi-password-login (for the tests' configuration)
};

struct PortalServices {
    store::Database& db;
    crypto::PasswordHasher& hasher;
    domain::SignInThrottle& throttle;
    const flows::Clock& clock;
    flows::Sessions& sessions;
    flows::AccountOverviews& overviews;
    const store::SnilsVault& vault;
    Metrics& metrics;
    const Templates& templates;
    flows::AppealReview& review;
    flows::PersonalCards& cards;
    flows::AccountAdministration& accounts;
    flows::PasswordRecovery& recovery;
    flows::EsiaSignIn* esia = nullptr;  // null: Gosuslugi sign-in not configured
    const esia::IdentityProvider* esiaClient = nullptr;
    flows::AppealSubmission* appeals = nullptr;  // with Gosuslugi sign-in only
    std::function<void()> mailQueued;            // wakes the outbox worker
    // The SGO web API's sign-in; its legacy verifiers (null: none kept, the option is off).
    flows::webapi::WebApiSignIn* webApiSignIn = nullptr;
    flows::webapi::LegacyVerifiers* legacyVerifiers = nullptr;
};

// The portal's HTTP surface: routes requests to the page and API handlers.
class Portal : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    Portal(PortalServices services, PortalSettings settings);

    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

  private:
    using Handler = void (Portal::*)(HttpExchange&);
    // Several forms of one page post to one handler that takes the action's name.
    using ActionHandler = void (Portal::*)(HttpExchange&, const std::string&);
    struct Route {
        std::string name;
        std::function<void(HttpExchange&)> handler;
    };
    const Route* find(const std::string& method, const std::string& path) const;
    void fail(HttpExchange& ex, const HttpError& error);

    // Pages
    void home(HttpExchange& ex);
    void loginPage(HttpExchange& ex);
    void loginSubmit(HttpExchange& ex);
    void logout(HttpExchange& ex);
    void mainPage(HttpExchange& ex);
    void settingsPage(HttpExchange& ex);
    void passwordSubmit(HttpExchange& ex);
    void recoverPage(HttpExchange& ex);
    void esiaStart(HttpExchange& ex);
    void esiaStartSubmit(HttpExchange& ex);
    void esiaCallback(HttpExchange& ex);
    void esiaChoose(HttpExchange& ex);
    void esiaLinkPage(HttpExchange& ex);
    void esiaLinkSubmit(HttpExchange& ex);
    void esiaExit(HttpExchange& ex);
    void esiaLinkCallback(HttpExchange& ex);
    void esiaResult(HttpExchange& ex);
    void appealIntro(HttpExchange& ex);
    void appealForm(HttpExchange& ex);
    void appealSubmit(HttpExchange& ex);
    void staffAppeals(HttpExchange& ex);
    void staffAppeal(HttpExchange& ex);
    void staffMail(HttpExchange& ex);
    void staffMailRetry(HttpExchange& ex);
    void staffPeople(HttpExchange& ex);
    void staffCard(HttpExchange& ex);
    void staffNewPerson(HttpExchange& ex);
    void staffNewPersonSubmit(HttpExchange& ex);
    void staffAudit(HttpExchange& ex);
    void recoverSubmit(HttpExchange& ex);
    void recoverResetPage(HttpExchange& ex);
    void recoverResetSubmit(HttpExchange& ex);
    void settingsEsiaLinkNotice(HttpExchange& ex);
    void settingsEsiaLinkSubmit(HttpExchange& ex);
    void settingsEsiaUnlinkPage(HttpExchange& ex);
    void settingsEsiaUnlinkSubmit(HttpExchange& ex);
    void loggedOut(HttpExchange& ex);
    void controlQuestionPage(HttpExchange& ex);
    void controlQuestionSubmit(HttpExchange& ex);
    // «Дневник» of students and parents, «Объявления» (web/journal/DiaryPages.cpp,
    // web/journal/AnnouncementPages.cpp)
    void diaryPage(HttpExchange& ex);
    void diaryOverdue(HttpExchange& ex);
    void diaryAnnouncements(HttpExchange& ex);
    void staffAnnouncements(HttpExchange& ex);
    void staffAnnouncementSubmit(HttpExchange& ex);
    void renderAnnouncementBoard(HttpExchange& ex, std::int64_t adminId,
                                 const flows::journal::AnnouncementBoard::Draft& typed,
                                 const std::string& error, const std::string& flash, int status);
    void setDiaryGlance(TemplateData& d, std::int64_t accountId);
    // «Классный журнал» (web/journal/Journal*.cpp)
    void journalChoose(HttpExchange& ex);
    void journalGrid(HttpExchange& ex);
    void journalSave(HttpExchange& ex);
    void journalTimetablePage(HttpExchange& ex);
    void journalLessonAction(HttpExchange& ex, const std::string& action);
    // A mark, homework or lesson changed on this node: what the node keeps of the journal for
    // the main page and the diary goes, so that they show the change at once.
    void journalChanged();
    flows::journal::ClassJournal classJournal();
    flows::journal::ClassJournalTimetable journalTimetable();
    // The «Классный журнал» link of the main page (domain hasJournal).
    bool showsJournal(std::int64_t accountId, const domain::RoleSet& roles);
    void renderJournalGrid(HttpExchange& ex, const flows::journal::ClassJournal::Opened& opened,
                           const std::map<std::string, std::string>& typed,
                           const std::vector<flows::journal::ClassJournal::Problem>& problems,
                           const std::string& flash, int status);
    void renderTimetable(HttpExchange& ex, std::int64_t accountId, std::int64_t classId,
                         std::optional<domain::CalendarDate> week, const std::string& flash,
                         const std::string& error, int status);
    // JSON
    void apiRegions(HttpExchange& ex);
    void apiMunicipalities(HttpExchange& ex);
    void apiLocalities(HttpExchange& ex);
    void apiTypes(HttpExchange& ex);
    void apiOrganizations(HttpExchange& ex);
    void apiAuthorities(HttpExchange& ex);
    void apiAppealOrganizations(HttpExchange& ex);
    void apiClasses(HttpExchange& ex);
    void apiMe(HttpExchange& ex);
    // Operations
    void healthz(HttpExchange& ex);
    void metrics(HttpExchange& ex);
    void staticAsset(HttpExchange& ex);

    // Helpers shared by the handlers
    struct LoginForm {
        std::string tab = "school", error, notice, login;
        std::optional<std::int64_t> region, municipality, locality, organization;
        std::string type;
        std::string
            linkFlow;  // set: the form links a Gosuslugi account («Привязать учетную запись»)
    };
    struct AppealFormState {
        std::string flow;
        flows::AppealSubmission::Form form;
        std::map<std::string, std::string> problems;
    };
    void renderLogin(HttpExchange& ex, LoginForm form, int status = 200);
    flows::AppealSubmission& appeals();
    std::string appealHistory(std::int64_t oid);
    void renderAppealForm(HttpExchange& ex, const AppealFormState& state, int status);
    void renderStaffAppeal(HttpExchange& ex, std::int64_t staffAccountId, std::int64_t appealId,
                           const std::string& flash, const std::string& error, int status);
    void staffDecision(HttpExchange& ex, const std::string& action);
    static void setFieldProblems(TemplateData& d,
                                 const std::map<std::string, std::string>& problems,
                                 const std::string& summary);
    // The «Организация» select of education-authority staff (people, appeals).
    static void setOrganizationChoice(TemplateData& d,
                                      const std::vector<store::DirectoryEntry>& organizations,
                                      std::int64_t chosen);
    void renderSettings(HttpExchange& ex, std::int64_t accountId, const std::string& success,
                        const std::string& error, int status);
    void renderCard(HttpExchange& ex, std::int64_t staffAccountId, std::int64_t accountId,
                    const std::string& flash, const std::map<std::string, std::string>& problems,
                    const domain::CardInput* typed, int status);
    void staffCardAction(HttpExchange& ex, const std::string& action);
    void staffAccountAction(HttpExchange& ex, const std::string& action);
    void renderSlip(HttpExchange& ex, const flows::AccountAdministration::Result& result);
    void renderNewPerson(HttpExchange& ex, std::int64_t staffAccountId,
                         const flows::AccountAdministration::NewAccount& typed,
                         const std::map<std::string, std::string>& problems, int status);
    void renderReset(HttpExchange& ex, const std::string& token, const std::string& error,
                     int status);
    void fillFromOrganization(LoginForm& form, std::int64_t organizationId);
    flows::EsiaSignIn& esia();
    std::string esiaBinding(HttpExchange& ex, bool create);
    void signInAs(HttpExchange& ex, std::int64_t accountId, const std::string& notice);
    void renderEsiaResult(HttpExchange& ex, const flows::EsiaSignIn::Result& result);
    static flows::EsiaSignIn::Callback callbackOf(HttpExchange& ex);
    std::string selfLinkClosedText();
    std::optional<flows::Sessions::Active> currentSession(HttpExchange& ex);
    flows::Sessions::Active requireSession(HttpExchange& ex);
    std::string csrfToken(HttpExchange& ex);
    void checkCsrf(HttpExchange& ex);
    std::string sessionCookieName() const;
    std::string csrfCookieName() const;
    // A page whose only data is the CSRF token of its form.
    void renderForm(HttpExchange& ex, const std::string& name, const std::string& title);
    void renderControlQuestion(HttpExchange& ex, domain::ControlQuestionProblem problem);
    void renderMessage(HttpExchange& ex, int status, const std::string& title,
                       const std::string& message);

    PortalServices s_;
    PortalSettings settings_;
    flows::journal::Glances glances_;            // the main page's glance, by viewer
    flows::journal::ClassDiaries classDiaries_;  // the diary's week of a class
    std::map<std::pair<std::string, std::string>, Route> routes_;
    Route staticRoute_;
    std::unique_ptr<webapi::WebApi> webApi_;  // /webapi/ (web/webapi/)
};

}  // namespace netcity::web
