#include "support/JournalHttp.h"

#include <map>
#include <regex>

#include "store/journal/TeachingRepository.h"
#include "support/Text.h"

namespace netcity::testing {
namespace {

// 29 more students of 5А, so that with Лебедев Кирилл the class has 30.
std::string moreStudentsCsv() {
    std::string csv =
        "record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,"
        "email,phone,login,password,roles,class\n";
    // Names have letters only (the personal card's rule): Ученик + a letter, in order.
    const char* letters[] = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "Й",
                             "К", "Л", "М", "Н", "О", "П", "Р", "С", "Т", "У",
                             "Ф", "Х", "Ц", "Ч", "Ш", "Щ", "Э", "Ю", "Я"};
    for (int i = 1; i <= 29; ++i) {
        std::string n = std::to_string(i);
        csv += "person,p-s" + n + ",,,,Ученик" + letters[i - 1] + ",Иван,,01.01.2014,М,,,,,,,\n";
        csv += "account,p-s" + n + ",org-g1,,,,,,,,,,,s" + n + ".5a,Uchenik-2025,student,cls-5a\n";
    }
    return csv;
}

std::string htmlUnescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
            s.replace(at, std::string(from).size(), to);
    return s;
}

std::string attribute(const std::string& tag, const std::string& name) {
    std::smatch m;
    std::regex pattern(" " + name + "=\"([^\"]*)\"");
    return std::regex_search(tag, m, pattern) ? htmlUnescape(m[1].str()) : "";
}

// What a browser sends of the page's form: every input's value and each select's chosen option.
std::map<std::string, std::string> formFields(const std::string& page) {
    std::map<std::string, std::string> fields;
    static const std::regex input("<input [^>]*>"),
        select("<select name=\"([^\"]+)\">(.*?)</select>"),
        option("<option value=\"([^\"]*)\"( selected)?");
    for (std::sregex_iterator it(page.begin(), page.end(), input), end; it != end; ++it) {
        std::string tag = it->str(), name = attribute(tag, "name");
        if (!name.empty()) fields[name] = attribute(tag, "value");
    }
    for (std::sregex_iterator it(page.begin(), page.end(), select), end; it != end; ++it) {
        std::string options = (*it)[2].str(), chosen;
        for (std::sregex_iterator o(options.begin(), options.end(), option); o != end; ++o)
            if (chosen.empty() || (*o)[2].matched) chosen = (*o)[1].str();
        fields[(*it)[1].str()] = chosen;
    }
    return fields;
}

}  // namespace

domain::CalendarDate d(const char* iso) {
    return *domain::CalendarDate::parse(iso);
}

void ClassJournalHttp::SetUp() {
    portal.import(kMoreStaffCsv);
    portal.import(moreStudentsCsv().c_str());
    f = JournalFixture::build(portal.db());
    auto s = portal.db().session();
    for (auto& st : store::journal::TeachingRepository(portal.db(), s).studentsOf(f.class5a))
        students.push_back(st.accountId);
    math5a = store::journal::LessonRepository(portal.db(), s)
                 .ofSubject(f.class5a, f.math, d("2026-11-05"), d("2026-12-28"));
}

std::unique_ptr<HttpClient> ClassJournalHttp::signedIn(const std::string& login,
                                                       const std::string& password) {
    auto c = std::make_unique<HttpClient>(portal.port());
    EXPECT_EQ(c->signIn(portal.organizationId("org-g1"), login, password).status, 303);
    return c;
}

std::string ClassJournalHttp::grid(std::int64_t classId, std::int64_t subjectId) {
    return "/journal/grid?class=" + std::to_string(classId) +
           "&subject=" + std::to_string(subjectId);
}

std::string ClassJournalHttp::link(std::int64_t classId, std::int64_t subjectId) {
    return "/journal/grid?class=" + std::to_string(classId) +
           "&amp;subject=" + std::to_string(subjectId);
}

HttpClient::Response ClassJournalHttp::saveFrom(HttpClient& c, const std::string& page,
                                                std::int64_t classId, std::int64_t subjectId,
                                                const Cells& cells) {
    std::map<std::string, std::string> fields = formFields(page);
    fields["class"] = std::to_string(classId);
    fields["subject"] = std::to_string(subjectId);
    fields["term"] = "2";
    for (auto& [name, value] : cells) fields[name] = value;
    std::string body;
    for (auto& [name, value] : fields)
        body += (body.empty() ? "" : "&") + name + "=" + urlEncode(value);
    return c.post("/journal/grid", body);
}

HttpClient::Response ClassJournalHttp::save(HttpClient& c, std::int64_t classId,
                                            std::int64_t subjectId, const Cells& cells) {
    return saveFrom(c, c.get(grid(classId, subjectId)).body, classId, subjectId, cells);
}

std::int64_t ClassJournalHttp::typeId(const std::string& name) {
    auto s = portal.db().session();
    return store::journal::GradebookRepository(portal.db(), s).assignmentType(name)->id;
}

std::vector<store::journal::Assignment> ClassJournalHttp::assignmentsOn(std::int64_t lessonId) {
    auto s = portal.db().session();
    return store::journal::GradebookRepository(portal.db(), s).assignmentsOf({lessonId});
}

store::journal::Lesson ClassJournalHttp::lesson(std::int64_t id) {
    auto s = portal.db().session();
    return *store::journal::LessonRepository(portal.db(), s).lesson(id);
}

store::journal::Lesson ClassJournalHttp::lessonAt(std::int64_t classId, const char* date,
                                                  int number) {
    auto s = portal.db().session();
    return *store::journal::LessonRepository(portal.db(), s).lessonAt(classId, d(date), number);
}

store::AuditEvent ClassJournalHttp::lastAudit(const std::string& prefix) {
    auto s = portal.db().session();
    store::AuditFilter filter;
    filter.actionPrefix = prefix;
    filter.limit = 1;
    return store::AuditLog(portal.db(), s).search(filter).at(0);
}

std::vector<std::int64_t> ClassJournalHttp::written() {
    return {count("marks"), count("absences"), count("assignments"),
            count("audit_events WHERE action LIKE 'journal.%'")};
}

Cells ClassJournalHttp::thirtyMarks() {
    std::string lesson = std::to_string(math5a.at(0).id);
    Cells cells{{"y-n" + lesson, std::to_string(typeId("Контрольная работа"))},
                {"t-n" + lesson, "Контрольная работа № 2: дроби"},
                {"w-n" + lesson, "2"},
                {"d-n" + lesson, "2026-11-23"}};
    const char* marks[] = {"5", "4", "3", "2", "д"};
    for (std::size_t i = 0; i < students.size(); ++i)
        cells.push_back({"m-" + std::to_string(students[i]) + "-n" + lesson, marks[i % 5]});
    return cells;
}

std::string ClassJournalHttp::markField(std::int64_t student, std::int64_t assignment) {
    return "m-" + std::to_string(student) + "-" + std::to_string(assignment);
}

}  // namespace netcity::testing
