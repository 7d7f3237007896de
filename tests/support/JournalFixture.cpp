#include "support/JournalFixture.h"

#include <stdexcept>

#include "domain/journal/SchoolCalendar.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"
#include "store/journal/LessonRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/TeachingRepository.h"

namespace netcity::testing {
namespace {

domain::CalendarDate d(const char* iso) {
    return *domain::CalendarDate::parse(iso);
}

domain::journal::LessonTime t(const char* hhmm) {
    return *domain::journal::LessonTime::parse(hhmm);
}

}  // namespace

JournalFixture JournalFixture::build(store::Database& db) {
    using namespace store::journal;
    JournalFixture f;
    auto s = db.session();
    store::Transaction tx(db, s);
    store::DirectoryRepository directory(db, s);
    store::AccountRepository accounts(db, s);
    f.organizationId = directory.idByKey("organizations", "org-g1").value();
    f.class5a = directory.idByKey("classes", "cls-5a").value();
    f.class6b = directory.idByKey("classes", "cls-6b").value();
    auto account = [&](const char* login) {
        auto a = accounts.byLogin(f.organizationId, login);
        if (!a) throw std::runtime_error(std::string("no account ") + login);
        return a->id;
    };
    f.vorontsova = account("vorontsova.em");
    f.sokolov = account("sokolov.pi");
    f.morozova = account("morozova.on");
    f.lebedev = account("lebedev.ka");
    f.orlova = account("orlova.di");
    f.morozov = account("morozov.go");

    domain::journal::SchoolYear year{0, "2026/2027", d("2026-09-01"), d("2027-08-31"),
                                     domain::journal::TermKind::Quarter, {}};
    year.terms = {{0, 1, d("2026-09-01"), d("2026-10-25")},
                  {0, 2, d("2026-11-05"), d("2026-12-28")},
                  {0, 3, d("2027-01-09"), d("2027-03-21")},
                  {0, 4, d("2027-03-30"), d("2027-05-26")}};
    SchoolYearRepository years(db, s);
    f.yearId = years.save(f.organizationId, year);
    const char* bells[][2] = {{"08:30", "09:15"}, {"09:25", "10:10"}, {"10:25", "11:10"},
                              {"11:25", "12:10"}, {"12:20", "13:05"}, {"13:15", "14:00"}};
    for (int n = 1; n <= 6; ++n) years.saveBell(f.organizationId, n, {t(bells[n - 1][0]), t(bells[n - 1][1])});

    TeachingRepository teaching(db, s);
    f.math = teaching.subject(f.organizationId, "Математика");
    f.russian = teaching.subject(f.organizationId, "Русский язык");
    f.literature = teaching.subject(f.organizationId, "Литература");
    teaching.assign(f.vorontsova, f.class5a, f.math);
    teaching.assign(f.vorontsova, f.class5a, f.russian);
    teaching.assign(f.sokolov, f.class5a, f.literature);
    teaching.assign(f.sokolov, f.class6b, f.math);
    teaching.assign(f.morozova, f.class6b, f.russian);

    LessonRepository lessons(db, s);
    lessons.saveSlot(f.yearId, {f.class5a, 1, 1, f.math, f.vorontsova, "201"});
    lessons.saveSlot(f.yearId, {f.class5a, 1, 2, f.russian, f.vorontsova, "201"});
    lessons.saveSlot(f.yearId, {f.class5a, 2, 1, f.literature, f.sokolov, "201"});
    lessons.saveSlot(f.yearId, {f.class5a, 3, 1, f.math, f.vorontsova, "201"});
    lessons.saveSlot(f.yearId, {f.class5a, 4, 2, f.russian, f.vorontsova, "201"});
    lessons.saveSlot(f.yearId, {f.class6b, 1, 1, f.russian, f.morozova, "305"});
    lessons.saveSlot(f.yearId, {f.class6b, 1, 2, f.math, f.sokolov, "305"});
    auto saved = years.year(f.yearId).value();
    lessons.makeLessons(saved, f.class5a);
    lessons.makeLessons(saved, f.class6b);
    tx.commit();
    return f;
}

}  // namespace netcity::testing
