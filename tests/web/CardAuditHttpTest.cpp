// A card view is allowed only on the record (issue #17): when the audit row of the view cannot
// be written, the staff member gets a clear 503 page and none of the person's data.
#include <gtest/gtest.h>

#include "support/StaffPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class CardAuditTest : public StaffPortalTest {
  protected:
    // From now on the database refuses the audit rows of `action`, as a full disk or a broken
    // log table would.
    void refuseAudits(const std::string& action = "card.view") {
        auto s = portal->db().session();
        if (portal->database().postgres()) {
            s << "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN"
                 " RAISE EXCEPTION 'audit log refused'; END $$ LANGUAGE plpgsql",
                Poco::Data::Keywords::now;
            s << "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW"
                 " WHEN (NEW.action = '" +
                     action + "') EXECUTE FUNCTION refuse_audit()",
                Poco::Data::Keywords::now;
        } else {
            s << "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events"
                 " WHEN NEW.action = '" +
                     action +
                     "' BEGIN SELECT RAISE(ABORT, 'audit log "
                     "refused'); END",
                Poco::Data::Keywords::now;
        }
    }
};

}  // namespace

TEST_F(CardAuditTest, ACardViewThatCannotBeAuditedShowsNoPersonalData) {
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    std::string card =
        "/staff/card?account=" + std::to_string(portal->accountId("org-g1", "orlova.ni"));
    auto shown = admin->get(card);
    ASSERT_EQ(shown.status, 200);
    ASSERT_TRUE(contains(shown.body, "orlova@example.org"));

    refuseAudits();
    auto refused = admin->get(card);
    EXPECT_EQ(refused.status, 503);
    EXPECT_TRUE(contains(refused.body,
                         "Карточку сейчас нельзя показать: журнал действий "
                         "недоступен"))
        << refused.body;
    EXPECT_FALSE(contains(refused.body, "orlova@example.org"));
    EXPECT_FALSE(contains(refused.body, "Орлова Наталья"));
    EXPECT_FALSE(contains(refused.body, "orlova.ni"));
    EXPECT_EQ(portal->database().count("audit_events WHERE action = 'card.view'"), 1);
    // Everything else still works: the people list is not personal data of one person.
    EXPECT_EQ(admin->get("/staff/people").status, 200);
}

TEST_F(CardAuditTest, AProbeThatCannotBeAuditedIsRefusedWithA503) {
    // A school of another municipality: out of the gymnasium administrator's reach.
    portal->import(
        "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,"
        "email,phone,login,password,roles,class\n"
        "municipality,mun-s,reg-t,ЗАТО Северск,,,,,,,,,,,,,\n"
        "locality,loc-s,mun-s,г. Северск,,,,,,,,,,,,,\n"
        "organization,org-s1,loc-s,\"МБОУ \"\"Школа № 5\"\"\",общеобразовательная,,,,,,,,,,,,\n"
        "person,p-far,,,,Дальняя,Зоя,Петровна,07.07.1988,Ж,,far@example.org,,,,,\n"
        "account,p-far,org-s1,,,,,,,,,,,dalnyaya.zp,Roditel-2025,parent,\n");
    auto admin = signedIn("vorontsova.em", "Uchitel-2025");
    std::string card =
        "/staff/card?account=" + std::to_string(portal->accountId("org-s1", "dalnyaya.zp"));
    ASSERT_EQ(admin->get(card).status, 404);
    ASSERT_EQ(portal->database().count("audit_events WHERE outcome = 'denied'"), 1);

    refuseAudits();
    auto refused = admin->get(card);
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_TRUE(contains(refused.body,
                         "Карточку сейчас нельзя показать: журнал действий "
                         "недоступен"))
        << refused.body;
    EXPECT_FALSE(contains(refused.body, "far@example.org"));
    EXPECT_FALSE(contains(refused.body, "Дальняя"));
    EXPECT_FALSE(contains(refused.body, "dalnyaya.zp"));
    EXPECT_EQ(portal->database().count("audit_events WHERE action = 'card.view'"), 1);
}

TEST_F(CardAuditTest, AReadOnlyChangeThatCannotBeAuditedIsA503AndChangesNothing) {
    // The education authority reads the gymnasium's cards and changes none of them.
    auto authority = signedIn("nikitina.vg", "Uprav-2025", "org-uo");
    std::string account = std::to_string(portal->accountId("org-g1", "orlova.ni"));
    auto change = [&] {
        std::string csrf = HttpClient::csrfFrom(authority->get("/settings").body);
        return authority->post("/staff/card", "csrf=" + csrf + "&account=" + account +
                                                  "&last_name=Орлова&first_name=Наталья"
                                                  "&middle_name=Игоревна&birth_date=02.03.1985"
                                                  "&gender=Ж&email=changed@example.org");
    };
    ASSERT_EQ(change().status, 403);

    refuseAudits("card.change");
    auto refused = change();
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_TRUE(contains(refused.body, "Повторите попытку через несколько минут")) << refused.body;
    EXPECT_EQ(portal->database().count("persons WHERE email = 'changed@example.org'"), 0);
    EXPECT_EQ(portal->database().count("audit_events WHERE action = 'card.change'"), 1);
}
