#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/PortalRole.h"
#include "domain/UtcOffset.h"
#include "esia/EsiaIdentity.h"
#include "flows/Clock.h"
#include "flows/EsiaSignIn.h"
#include "mail/Letters.h"
#include "store/AppealRepository.h"
#include "store/Database.h"
#include "store/SnilsVault.h"

namespace netcity::flows {

// «Обратиться в организацию» (seed 004): a person whom Gosuslugi sign-in did not find asks a
// school for access. Starts from the «Запись не найдена» flow, whose sealed Gosuslugi profile
// fills the form (ФИО, дата рождения, e-mail, роль, the children); the person chooses the
// organization, class and child and may add a comment. The appeal, its letter and the audit
// event are written in one transaction; one open appeal per person, organization, role and
// child, so a double click or a second tab gets the same number back.
class AppealSubmission {
  public:
    struct Draft {
        esia::EsiaIdentity identity;
        domain::PortalRole role = domain::PortalRole::Parent;
        bool hasEmail = false;
        // Where this Gosuslugi account already has a school account (to go back and choose).
        std::vector<std::string> knownOrganizations;
        std::vector<store::StoredAppeal> previous;  // this person's appeals, newest first
    };

    struct Form {
        std::string organizationType;  // code: general, preschool, …
        std::optional<std::int64_t> organizationId, classId;
        std::optional<std::size_t> child;  // index into the Gosuslugi children
        std::string comment;
    };

    enum class Outcome { Created, AlreadyOpen, Invalid, NoEmail, Expired };
    // What is wrong with a field of the form (Invalid); the page words it.
    enum class Problem {
        TypeNotChosen,           // "type": none, or not a school's type
        OrganizationNotOffered,  // "organization": none, unknown, or of another type
        ClassNotOffered,         // "class": not a class of the organization
        ChildNotChosen,          // "child": not one of the Gosuslugi children
        CommentTooLong,          // "comment": over domain::kAppealCommentMaxChars
        CommentNotText,          // "comment": control characters
    };
    using Problems = std::map<std::string, Problem>;  // form field → problem
    struct Result {
        Outcome outcome = Outcome::Invalid;
        std::string number, email;
        Problems problems;
    };

    AppealSubmission(store::Database& db, EsiaSignIn& esia, const store::SnilsVault& vault,
                     const mail::Letters& letters, const Clock& clock,
                     std::function<void()> mailQueued, domain::UtcOffset timeZone)
        : db_(db),
          esia_(esia),
          vault_(vault),
          letters_(letters),
          clock_(clock),
          mailQueued_(std::move(mailQueued)),
          timeZone_(timeZone) {}

    std::optional<Draft> prepare(const std::string& flowId, const std::string& browserBinding);
    Result submit(const std::string& flowId, const std::string& browserBinding, const Form& form,
                  const std::string& clientAddress);

  private:
    Problems check(const Draft& draft, const Form& form);
    Result create(const Draft& draft, const Form& form, const std::string& clientAddress);

    store::Database& db_;
    EsiaSignIn& esia_;
    const store::SnilsVault& vault_;
    const mail::Letters& letters_;
    const Clock& clock_;
    std::function<void()> mailQueued_;
    domain::UtcOffset timeZone_;  // the region's: an appeal's number carries its month there
};

}  // namespace netcity::flows
