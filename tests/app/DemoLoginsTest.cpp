// The demo banner's logins say where each school is: two regions have a «Школа № 5».
#include <gtest/gtest.h>

#include "app/DemoLogins.h"
#include "support/Text.h"

using netcity::app::demoLogins;
using netcity::testing::contains;

namespace {

const char* kCsv =
    "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,"
    "phone,login,password,roles,class\n"
    "region,reg-a,,Ямало-Ненецкий автономный округ,,,,,,,,,,,,,\n"
    "municipality,mun-a,reg-a,Городской округ город Салехард,,,,,,,,,,,,,\n"
    "locality,loc-a,mun-a,г. Салехард,,,,,,,,,,,,,\n"
    "organization,org-a,loc-a,\"МБОУ \"\"Школа № 5\"\"\",общеобразовательная,,,,,,,,,,,,\n"
    "region,reg-b,,Омская область,,,,,,,,,,,,,\n"
    "municipality,mun-b,reg-b,Муромцевский муниципальный район,,,,,,,,,,,,,\n"
    "locality,loc-b,mun-b,р.п. Муромцево,,,,,,,,,,,,,\n"
    "organization,org-b,loc-b,\"МБОУ \"\"Школа № 5\"\"\",общеобразовательная,,,,,,,,,,,,\n"
    "organization,upr-b,mun-b,Комитет по образованию,управление образованием,,,,,,,,,,,,\n"
    "person,p1,,,,Захарова,Ирина,Николаевна,14.02.1976,Ж,176-466-564 14,,,,,,\n"
    "person,p2,,,,Ткаченко,Андрей,Сергеевич,03.09.1984,М,131-937-913 68,,,,,,\n"
    "person,p3,,,,Никитина,Вера,Григорьевна,01.01.1970,Ж,,,,,,,\n"
    "account,p1,org-a,,,,,,,,,,,zakharova.in,Admin-2025,administrator,\n"
    "account,p2,org-b,,,,,,,,,,,tkachenko.as,Uchitel-2025,teacher,\n"
    "account,p2,org-a,,,,,,,,,,,second.teacher,Uchitel-2025,teacher,\n"
    "account,p3,upr-b,,,,,,,,,,,nikitina.vg,Uprav-2025,authority,\n";

}  // namespace

TEST(DemoLogins, NameRegionTownAndSchoolOfEachLogin) {
    std::string out = demoLogins(kCsv);
    EXPECT_TRUE(contains(out,
                         "administrator: Ямало-Ненецкий автономный округ → г. Салехард → "
                         "МБОУ \"Школа № 5\"\n      zakharova.in / Admin-2025\n"))
        << out;
    EXPECT_TRUE(contains(out,
                         "teacher: Омская область → р.п. Муромцево → МБОУ \"Школа № 5\"\n"
                         "      tkachenko.as / Uchitel-2025\n"))
        << out;
    EXPECT_FALSE(contains(out, "second.teacher"));  // one login per role
    // An education authority sits in a municipality, not a town.
    EXPECT_TRUE(contains(out,
                         "authority: Омская область → Муромцевский муниципальный район → "
                         "Комитет по образованию\n"))
        << out;
}
