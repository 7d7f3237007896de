// The journal at the edges of the school calendar (issue #10): a lesson cannot be moved into the
// holidays or out of the year, where no term's grid would show it while its marks stayed; the
// grid opens on a month with lessons, whatever day today is.
#include <gtest/gtest.h>

#include "support/JournalHttp.h"
#include "support/Text.h"

using namespace netcity;
using namespace netcity::testing;

namespace {

class JournalCalendar : public ClassJournalHttp {
  protected:
    // Moves the portal's today (22.11.2026 at first) to `iso`, at the same time of day.
    void today(const char* iso) {
        auto now = domain::CalendarDate::fromUnixSeconds(portal.clock().unixSeconds());
        portal.clock().advance(std::chrono::seconds(d(iso).unixSeconds() - now.unixSeconds()));
    }
};

}  // namespace

TEST_F(JournalCalendar, ALessonIsNotMovedIntoTheHolidaysOrOutOfTheYear) {
    auto teacher = signedIn("vorontsova.em", "Uchitel-2025");  // teacher; administrator
    const auto& marked = math5a.at(2);
    std::string mark = "m-" + std::to_string(students[0]) + "-n" + std::to_string(marked.id);
    ASSERT_EQ(save(*teacher, f.class5a, f.math, {{mark, "5"}}).status, 303);
    auto week = teacher->get("/journal/timetable?class=" + std::to_string(f.class5a) +
                             "&week=" + marked.date.iso());
    ASSERT_EQ(week.status, 200);
    std::string form = "csrf=" + urlEncode(HttpClient::csrfFrom(week.body)) +
                       "&lesson=" + std::to_string(marked.id) + "&number=1&date=";
    auto before = written();

    for (const char* holiday : {"2026-11-02", "04.01.2027", "2027-06-15"}) {
        auto refused = teacher->post("/journal/lesson/move", form + holiday);
        EXPECT_EQ(refused.status, 422) << holiday;
        EXPECT_TRUE(contains(refused.body,
                             "Эта дата приходится на каникулы: урок можно "
                             "перенести только на день учебного периода"))
            << refused.body;
    }
    auto outside = teacher->post("/journal/lesson/move", form + "2027-09-06");
    EXPECT_EQ(outside.status, 422);
    EXPECT_TRUE(contains(outside.body, "Эта дата вне учебного года")) << outside.body;

    EXPECT_EQ(lesson(marked.id).date, marked.date);
    EXPECT_EQ(lesson(marked.id).number, marked.number);
    EXPECT_EQ(written(), before);
    auto grid = teacher->get(ClassJournalHttp::grid(f.class5a, f.math) +
                             "&term=2&month=" + marked.date.iso().substr(0, 7));
    EXPECT_TRUE(contains(grid.body, "id=\"lesson-" + std::to_string(marked.id) + "\""));
}

TEST_F(JournalCalendar, TheGridOpensOnTheNearestMonthWithLessons) {
    // 5А: Математика on Mondays and Wednesdays, Русский язык on Mondays and Thursdays. The 4th
    // term begins on Tuesday 30.03.2027, so its March is two days.
    struct Case {
        const char* today;
        std::int64_t subject;
        const char* month;
    } cases[] = {
        {"2026-11-02", f.math, "2026-10"},     // a Monday of the autumn holidays: the 1st term
        {"2027-03-29", f.russian, "2027-03"},  // the spring holidays' last Monday: the 3rd term
        {"2027-03-30", f.russian, "2027-04"},  // the 4th term's March holds no Russian lesson
        {"2027-03-31", f.russian, "2027-04"},
        {"2027-03-31", f.math, "2027-03"},     // but a math lesson on Wednesday 31.03
        {"2027-06-14", f.russian, "2027-05"},  // the summer: the 4th term's last month
    };
    for (const auto& c : cases) {
        today(c.today);
        auto teacher = signedIn("vorontsova.em", "Uchitel-2025");
        auto page = teacher->get(grid(f.class5a, c.subject));
        ASSERT_EQ(page.status, 200) << c.today;
        EXPECT_TRUE(contains(
            page.body, std::string("<strong aria-current=\"page\" id=\"month-") + c.month + "\">"))
            << c.today << " " << page.body;
        EXPECT_TRUE(contains(page.body, "<th scope=\"col\" id=\"lesson-")) << c.today;
    }
}
