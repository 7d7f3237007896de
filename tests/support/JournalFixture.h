#pragma once

#include <cstdint>

#include "store/Database.h"

namespace netcity::testing {

// The gymnasium's year 2026/2027 for the journal tests, over kSmallRegionCsv + kMoreStaffCsv
// (import both first), written through the shipped store classes:
//   quarters 01.09–25.10, 05.11–28.12, 09.01–21.03, 30.03–26.05; bells 1–6 from 08:30;
//   5А: Математика and Русский язык by vorontsova.em (also the class teacher),
//       Литература by sokolov.pi;
//   6Б: Математика by sokolov.pi (the class teacher), Русский язык by morozova.on;
//   timetable 5А Mon 1 Математика, Mon 2 Русский язык, Tue 1 Литература, Wed 1 Математика,
//   Thu 2 Русский язык (room 201); 6Б Mon 1 Русский язык, Mon 2 Математика (room 305);
//   the lessons of every school day made from it. No assignments or marks.
struct JournalFixture {
    std::int64_t organizationId = 0, yearId = 0;
    std::int64_t class5a = 0, class6b = 0;
    std::int64_t math = 0, russian = 0, literature = 0;
    std::int64_t vorontsova = 0, sokolov = 0, morozova = 0;  // teachers
    std::int64_t lebedev = 0, orlova = 0, morozov = 0;       // students (5А; 6Б; 6Б)

    static JournalFixture build(store::Database& db);
};

}  // namespace netcity::testing
