#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <string>

#include "store/MailOutbox.h"

namespace netcity::mail {

// What a letter about an appeal says.
struct AppealLetter {
    std::string number;  // А-107119599-94-07
    std::string applicantName;
    std::string organization;  // where the appeal went
    std::string reason;        // rejections only
};

// A password recovery link for one account.
struct RecoveryLetter {
    std::string name, login, organization;
    std::string link;
    int minutes = 30;  // how long the link works
};

// The Russian letters netcity sends, each as plain text and HTML, rendered from templates
// embedded in the binary (src/mail/templates). Rendered when the event happens and stored in
// the outbox as is, so a later template change never alters a letter already promised.
class Letters {
  public:
    explicit Letters(std::string portalUrl);

    store::Letter appealCreated(const std::string& to, const AppealLetter& a) const;
    store::Letter appealResolved(const std::string& to, const AppealLetter& a) const;
    store::Letter appealRejected(const std::string& to, const AppealLetter& a) const;
    store::Letter passwordRecovery(const std::string& to, const RecoveryLetter& r) const;

  private:
    store::Letter render(const std::string& name, const std::string& to, const std::string& subject,
                         kainjow::mustache::data d) const;
    store::Letter appeal(const std::string& name, const std::string& to, const std::string& subject,
                         const AppealLetter& a) const;
    std::string portalUrl_;
};

}  // namespace netcity::mail
