// A card view is allowed only on the record (issue #17): when the audit row of the view cannot
// be written, the staff member gets a clear 503 page and none of the person's data.
#include <gtest/gtest.h>

#include "support/StaffPortal.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class CardAuditTest : public StaffPortalTest {
  protected:
    // From now on the database refuses the audit row of a card view, as a full disk or a
    // broken log table would.
    void refuseCardViewAudits() {
        auto s = portal->db().session();
        if (portal->database().postgres()) {
            s << "CREATE FUNCTION refuse_card_view() RETURNS trigger AS $$ BEGIN"
                 " RAISE EXCEPTION 'audit log refused'; END $$ LANGUAGE plpgsql",
                Poco::Data::Keywords::now;
            s << "CREATE TRIGGER refuse_card_view BEFORE INSERT ON audit_events FOR EACH ROW"
                 " WHEN (NEW.action = 'card.view') EXECUTE FUNCTION refuse_card_view()",
                Poco::Data::Keywords::now;
        } else {
            s << "CREATE TRIGGER refuse_card_view BEFORE INSERT ON audit_events"
                 " WHEN NEW.action = 'card.view' BEGIN SELECT RAISE(ABORT, 'audit log refused');"
                 " END",
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

    refuseCardViewAudits();
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
