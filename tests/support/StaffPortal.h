#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/EsiaBrowser.h"
#include "support/EsiaTestStand.h"
#include "support/SmtpSink.h"
#include "support/TestPortal.h"
#include "support/Text.h"

namespace netcity::testing {

// The portal with Gosuslugi (the emulator), a real SMTP server for its letters, and the
// gymnasium's staff of kMoreStaffCsv: what the appeal and staff-tool tests start from.
class StaffPortalTest : public ::testing::Test {
  protected:
    EsiaTestStand stand;
    SmtpSink sink;
    std::unique_ptr<TestPortal> portal;

    void SetUp() override {
        EsiaOptions options;
        options.stand = &stand;
        portal =
            std::make_unique<TestPortal>(web::PortalSettings{}, options, MailOptions{sink.port()});
        portal->import(kMoreStaffCsv);
    }
    std::unique_ptr<EsiaBrowser> browser() {
        return std::make_unique<EsiaBrowser>(portal->port(), stand.port());
    }
    // A staff member (or anyone) signed in with their school password.
    std::unique_ptr<HttpClient> signedIn(const std::string& login, const std::string& password,
                                         const std::string& org = "org-g1") {
        auto c = std::make_unique<HttpClient>(portal->port());
        EXPECT_EQ(c->signIn(portal->organizationId(org), login, password).status, 303) << login;
        return c;
    }
};

}  // namespace netcity::testing
