#include <gtest/gtest.h>

#include "crypto/Random.h"
#include "flows/PeopleImport.h"
#include "store/PersonRepository.h"
#include "support/TestDatabase.h"
#include "support/TestPortal.h"

using namespace netcity;
using namespace netcity::testing;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Code = flows::ImportProblem::Code;

namespace {

const std::string kHeader =
    "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,"
    "phone,login,password,roles,class\n";

class Import : public ::testing::Test {
  protected:
    TestDatabase database;
    crypto::PasswordHasher hasher{{.memoryKiB = 8 * 1024, .iterations = 1, .maxConcurrent = 2}};
    store::SnilsVault vault{crypto::randomBytes(32), crypto::randomBytes(32)};
    ManualClock clock;
    flows::PeopleImport import{database.db(), hasher, vault, clock};
};

}  // namespace

TEST_F(Import, ImportsEverythingAndIsIdempotent) {
    auto first = import.run(kSmallRegionCsv, false);
    ASSERT_TRUE(first.written) << static_cast<int>(first.errors.at(0).problem.code);
    EXPECT_EQ(first.imported["person"], 4);
    EXPECT_EQ(first.imported["account"], 4);
    auto second = import.run(kSmallRegionCsv, false);
    ASSERT_TRUE(second.written);
    EXPECT_EQ(database.count("persons"), 4);
    EXPECT_EQ(database.count("users"), 4);
    EXPECT_EQ(database.count("person_relations"), 1);
    EXPECT_EQ(database.count("organizations"), 3);
    EXPECT_EQ(database.count("classes WHERE teacher_user_id IS NOT NULL"), 1);
}

TEST_F(Import, SnilsIsSealedAtRestAndIndexedBlindly) {
    ASSERT_TRUE(import.run(kSmallRegionCsv, false).written);
    auto s = database.db().session();
    std::vector<Poco::Data::BLOB> sealed;
    std::vector<std::string> index;
    s << "SELECT snils_sealed, snils_index FROM persons WHERE snils_index IS NOT NULL",
        into(sealed), into(index), now;
    ASSERT_EQ(sealed.size(), 1u);
    std::string raw(reinterpret_cast<const char*>(sealed[0].rawContent()), sealed[0].size());
    EXPECT_EQ(raw.find("11223344595"), std::string::npos);
    EXPECT_EQ(index[0], vault.blindIndex(*domain::SnilsNumber::parse("11223344595")));
    store::PersonRepository people(database.db(), s, vault);
    std::int64_t id = 0;
    s << "SELECT id FROM persons WHERE key = 'p-teacher'", into(id), now;
    EXPECT_EQ(people.byId(id)->snils->formatted(), "112-233-445 95");
}

TEST_F(Import, BadRowsAreNamedByLineAndNothingIsWritten) {
    std::string csv = kHeader +
                      "region,reg-a,,Томская область,,,,,,,,,,,,,\n"
                      "municipality,mun-a,reg-missing,Город,,,,,,,,,,,,,\n"
                      "organization,org-a,reg-a,Школа,школа,,,,,,,,,,,,\n"
                      "person,p-1,,,,Иванов,Иван,,31.02.2010,М,,,,,,,\n"
                      "person,p-2,,,,Петров,Пётр,,01.01.2010,М,112-233-445 96,,,,,,\n"
                      "person,p-3,,,,Сидоров,Сидор,,01.01.2999,М,,,,,,,\n"
                      "person,p-4,,,,Сидоров,Сидор,,01.01.2000,X,,,,,,,\n"
                      "region,reg-a,,Дубль,,,,,,,,,,,,,\n"
                      "account,p-1,org-a,,,,,,,,,,,ivanov,pw,janitor,\n"
                      "region,reg-b,,\"Томская \x01 область\",,,,,,,,,,,,,\n"
                      "region,reg-c,,short row\n";
    auto report = import.run(csv, false);
    EXPECT_FALSE(report.written);
    std::map<int, flows::ImportProblem> byLine;
    for (const auto& e : report.errors) byLine[e.line] = e.problem;
    EXPECT_EQ(byLine.size(), 10u);
    EXPECT_EQ(byLine.count(2), 0u);  // the good row
    EXPECT_EQ(byLine[3].code, Code::UnknownReference);
    EXPECT_EQ(byLine[3].kind, "region");
    EXPECT_EQ(byLine[3].value, "reg-missing");
    EXPECT_EQ(byLine[4].code, Code::UnknownOrganizationType);
    EXPECT_EQ(byLine[4].value, "школа");
    EXPECT_EQ(byLine[5].code, Code::BadBirthDate);
    EXPECT_EQ(byLine[5].value, "31.02.2010");
    EXPECT_EQ(byLine[6].code, Code::BadSnils);
    EXPECT_EQ(byLine[6].snils, domain::SnilsNumber::ParseError::BadChecksum);
    EXPECT_EQ(byLine[7].code, Code::BirthDateInFuture);
    EXPECT_EQ(byLine[8].code, Code::BadGender);
    EXPECT_EQ(byLine[9].code, Code::DuplicateKey);
    EXPECT_EQ(byLine[9].value, "reg-a");
    EXPECT_EQ(byLine[10].code, Code::UnknownReference);  // its person's row is bad
    EXPECT_EQ(byLine[10].kind, "person");
    EXPECT_EQ(byLine[11].code, Code::ControlCharacters);
    EXPECT_EQ(byLine[11].column, "name");
    EXPECT_EQ(byLine[12].code, Code::WrongFieldCount);
    EXPECT_EQ(byLine[12].expected, 17u);
    EXPECT_EQ(byLine[12].found, 4u);
    EXPECT_EQ(database.count("regions"), 0);
    EXPECT_EQ(database.count("persons"), 0);
}

TEST_F(Import, SkipBadImportsTheRestButNotWhatDependsOnABadRow) {
    std::string csv = kHeader +
                      "region,reg-a,,Томская область,,,,,,,,,,,,,\n"
                      "municipality,mun-bad,reg-a,,,,,,,,,,,,,,\n"
                      "locality,loc-a,mun-bad,Томск,,,,,,,,,,,,,\n"
                      "person,p-1,,,,Иванов,Иван,,01.01.2010,М,,,,,,,\n";
    auto report = import.run(csv, true);
    EXPECT_TRUE(report.written);
    EXPECT_EQ(report.errors.size(), 2u);
    EXPECT_EQ(database.count("regions"), 1);
    EXPECT_EQ(database.count("localities"), 0);
    EXPECT_EQ(database.count("persons"), 1);
}

TEST_F(Import, RejectsWrongHeaderBrokenQuotesAndInvalidUtf8) {
    EXPECT_FALSE(import.run("a,b,c\n1,2,3\n", false).written);
    auto quotes = import.run(kHeader + "region,\"reg-a,,x\n", false);
    EXPECT_FALSE(quotes.written);
    EXPECT_EQ(quotes.errors[0].problem.code, Code::Csv);
    EXPECT_EQ(quotes.errors[0].problem.csv, flows::CsvProblem::UnclosedQuote);
    EXPECT_EQ(quotes.errors[0].line, 2);
    EXPECT_FALSE(import.run(kHeader + "region,reg-a,,\xC3\x28,,,,,,,,,,,,,\n", false).written);
    EXPECT_EQ(database.count("regions"), 0);
}

TEST_F(Import, LaterFileMayReferToKeysAlreadyInTheDatabase) {
    ASSERT_TRUE(import.run(kSmallRegionCsv, false).written);
    std::string more = kHeader + "class,cls-9b,org-g1,9Б,,,,,,,,,,,,,\n";
    EXPECT_TRUE(import.run(more, false).written);
    EXPECT_EQ(database.count("classes"), 2);
}

TEST_F(Import, HeaderColumnsMayComeInAnyOrderAndSpacesAreTrimmed) {
    std::string csv =
        "key,record,name,parent,type,last_name,first_name,middle_name,birth_date,gender,snils,"
        "email,phone,login,password,roles,class\n"
        "reg-a,region,  Томская область ,,,,,,,,,,,,,,\n";
    auto report = import.run(csv, false);
    ASSERT_TRUE(report.written) << static_cast<int>(report.errors.at(0).problem.code);
    auto s = database.db().session();
    std::string name;
    s << "SELECT name FROM regions", into(name), now;
    EXPECT_EQ(name, "Томская область");
    EXPECT_FALSE(import.run("record,key,key\n", false).written);
}

TEST_F(Import, KindRulesForColumnsRolesClassesLoginsAndRelations) {
    ASSERT_TRUE(import.run(kSmallRegionCsv, false).written);
    std::string csv =
        kHeader +
        "region,reg-x,,Область,общеобразовательная,,,,,,,,,,,,\n"    // 2 shifted
        "person,p-x,,,,Иванов,Иван,,,М,,,,,,,\n"                     // 3 no date
        "account,p-parent,org-uo,,,,,,,,,,,x1,pw,parent,\n"          // 4 parent in authority
        "account,p-parent,org-g1,,,,,,,,,,,x2,pw,authority,\n"       // 5 authority in school
        "account,p-parent,org-g1,,,,,,,,,,,x3,pw,parent,cls-5a\n"    // 6 class for parent
        "account,p-parent,org-g1,,,,,,,,,,,lebedev.ka,pw,parent,\n"  // 7 login taken
        "relation,p-child,p-parent,,,,,,,,,,,,,,\n"                  // 8 fine (exists: no-op)
        "relation,p-child,p-parent,,,,,,,,,,,,,,\n"                  // 9 duplicate in file
        "class,cls-x,org-uo,1А,,,,,,,,,,,,,\n";                      // 10 class in authority
    auto report = import.run(csv, false);
    EXPECT_FALSE(report.written);
    std::map<int, flows::ImportProblem> byLine;
    for (const auto& e : report.errors) byLine[e.line] = e.problem;
    EXPECT_EQ(byLine[2].code, Code::UnusedColumnFilled);
    EXPECT_EQ(byLine[2].column, "type");
    EXPECT_EQ(byLine[2].kind, "region");
    EXPECT_EQ(byLine[3].code, Code::RequiredColumnEmpty);
    EXPECT_EQ(byLine[3].column, "birth_date");
    EXPECT_EQ(byLine[4].code, Code::AuthorityNeedsAuthorityRole);
    EXPECT_EQ(byLine[5].code, Code::AuthorityRoleOutsideAuthority);
    EXPECT_EQ(byLine[6].code, Code::ClassForOtherRoles);
    EXPECT_EQ(byLine[7].code, Code::LoginOfOtherPerson);
    EXPECT_EQ(byLine[7].value, "lebedev.ka");
    EXPECT_EQ(byLine.count(8), 0u);
    EXPECT_EQ(byLine[9].code, Code::DuplicateRelation);
    EXPECT_EQ(byLine[10].code, Code::AuthorityHasNoClasses);
}

namespace {

// Sokolov teaches at the gymnasium; his school account is linked to a Gosuslugi account.
class ImportOfLinkedAccounts : public Import {
  protected:
    static constexpr std::int64_t kOid = 4242;

    void SetUp() override {
        ASSERT_TRUE(import.run(kSmallRegionCsv, false).written);
        ASSERT_TRUE(import.run(kMoreStaffCsv, false).written);
        ASSERT_EQ(linkDirectly(database.db(), kOid, id("sokolov.pi")),
                  domain::LinkVerdict::Allowed);
    }

    std::int64_t id(const std::string& login) {
        auto s = database.db().session();
        std::int64_t out = 0;
        std::string l = login;
        s << database.db().sql("SELECT id FROM users WHERE login = ?"), into(out),
            Poco::Data::Keywords::use(l), now;
        return out;
    }

    std::int64_t slots(const std::string& login, const std::string& role) {
        return database.count("esia_link_slots WHERE user_id = " + std::to_string(id(login)) +
                              " AND portal_role = '" + role + "'");
    }

    static std::string sokolovAs(const std::string& roles) {
        return kHeader + "account,p-sokolov,org-g1,,,,,,,,,,,sokolov.pi,," + roles + ",cls-6b\n";
    }
};

}  // namespace

TEST_F(ImportOfLinkedAccounts, NewRolesMayNotTakeTheSlotOfAnotherLinkedAccount) {
    // The same Gosuslugi account has the school's parent account already.
    ASSERT_EQ(linkDirectly(database.db(), kOid, id("lebedeva.as")), domain::LinkVerdict::Allowed);
    auto report = import.run(sokolovAs("teacher;parent"), false);
    EXPECT_FALSE(report.written);
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.errors[0].line, 2);
    EXPECT_EQ(report.errors[0].problem.code, Code::LinkSlotTaken);
    EXPECT_EQ(report.errors[0].problem.value, "sokolov.pi");
    EXPECT_EQ(database.count("users WHERE login = 'sokolov.pi' AND roles = 'teacher'"), 1);
    EXPECT_EQ(slots("sokolov.pi", "parent"), 0);
}

TEST_F(ImportOfLinkedAccounts, NewRolesMoveTheAccountsSlots) {
    // Sokolov's son enters the school: his teacher account is the parent's too.
    ASSERT_TRUE(import.run(sokolovAs("teacher;parent"), false).written);
    EXPECT_EQ(slots("sokolov.pi", "staff"), 1);
    EXPECT_EQ(slots("sokolov.pi", "parent"), 1);
    EXPECT_EQ(linkDirectly(database.db(), kOid, id("lebedeva.as")),
              domain::LinkVerdict::OrganizationRoleTaken);
    // The son leaves: the parent's slot is free again.
    ASSERT_TRUE(import.run(sokolovAs("teacher"), false).written);
    EXPECT_EQ(slots("sokolov.pi", "parent"), 0);
    EXPECT_EQ(slots("sokolov.pi", "staff"), 1);
    EXPECT_EQ(linkDirectly(database.db(), kOid, id("lebedeva.as")), domain::LinkVerdict::Allowed);
}

// The personal card's rules (domain/PersonFields): what the card refuses, the import refuses.
TEST_F(Import, PersonFieldsFollowThePersonalCardsRules) {
    std::string csv = kHeader +
                      "person,p-1,,,,Иванов2,Иван,,01.01.2010,М,,,,,,,\n"
                      "person,p-2,,,,Петров,<b>Пётр</b>,,01.01.2010,М,,,,,,,\n"
                      "person,p-3,,,,Сидоров,Сидор,Ильич1,01.01.2010,М,,,,,,,\n"
                      "person,p-4,,,,Кузнецов,Кузьма,,01.01.1850,М,,,,,,,\n"
                      "person,p-5,,,,Орлов,Олег,,01.01.2010,М,,a@b@c.ru,,,,,\n"
                      "person,p-6,,,,Зайцев,Захар,,01.01.2010,М,,<z@mail.ru>,,,,,\n"
                      "person,p-7,,,,Мельникова-Орлова,Д'Арья,,01.01.2010,Ж,,,8 (913) 123-45-67,"
                      ",,,\n";
    auto report = import.run(csv, false);
    EXPECT_FALSE(report.written);
    std::map<int, flows::ImportProblem> byLine;
    for (const auto& e : report.errors) byLine[e.line] = e.problem;
    ASSERT_EQ(byLine.size(), 6u);
    EXPECT_EQ(byLine[2].code, Code::BadPersonName);
    EXPECT_EQ(byLine[2].column, "last_name");
    EXPECT_EQ(byLine[3].code, Code::BadPersonName);
    EXPECT_EQ(byLine[3].column, "first_name");
    EXPECT_EQ(byLine[4].column, "middle_name");
    EXPECT_EQ(byLine[5].code, Code::BadBirthDate);
    EXPECT_EQ(byLine[6].code, Code::BadEmail);
    EXPECT_EQ(byLine[7].code, Code::BadEmail);
    EXPECT_EQ(byLine.count(8), 0u);  // the card takes this phone and these names too
    EXPECT_EQ(database.count("persons"), 0);
}
