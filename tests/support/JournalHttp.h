#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/AuditLog.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/LessonRepository.h"
#include "support/JournalFixture.h"
#include "support/TestPortal.h"

namespace netcity::testing {

using Cells = std::vector<std::pair<std::string, std::string>>;

// «Классный журнал» over HTTP: the portal with the journal fixture and 30 students in 5А, and
// the grid's form as a browser sends it.
class ClassJournalHttp : public ::testing::Test {
  protected:
    TestPortal portal;
    JournalFixture f;
    std::vector<std::int64_t> students;          // 5А's
    std::vector<store::journal::Lesson> math5a;  // 5А Математика, 2 четверть

    void SetUp() override;

    std::unique_ptr<HttpClient> signedIn(const std::string& login, const std::string& password);
    static std::string grid(std::int64_t classId, std::int64_t subjectId);
    // The same address as a page's link writes it.
    static std::string link(std::int64_t classId, std::int64_t subjectId);
    // Posts the grid's form as the page showed it (its CSRF token, place and what each field
    // showed), with the cells given typed in.
    static HttpClient::Response saveFrom(HttpClient& c, const std::string& page,
                                         std::int64_t classId, std::int64_t subjectId,
                                         const Cells& cells);
    // The same from the grid as it is now.
    HttpClient::Response save(HttpClient& c, std::int64_t classId, std::int64_t subjectId,
                              const Cells& cells);

    std::int64_t typeId(const std::string& name);
    std::int64_t count(const std::string& what) { return portal.database().count(what); }
    // Each read in a session of its own: the test holds none while the portal works.
    std::vector<store::journal::Assignment> assignmentsOn(std::int64_t lessonId);
    store::journal::Lesson lesson(std::int64_t id);
    store::journal::Lesson lessonAt(std::int64_t classId, const char* date, int number);
    store::AuditEvent lastAudit(const std::string& prefix);
    // Everything a save could write.
    std::vector<std::int64_t> written();
    // A Контрольная работа on the first lesson of the term, a mark for each of the 30.
    Cells thirtyMarks();
    // The name of a mark's field: m-<student>-<assignment>.
    static std::string markField(std::int64_t student, std::int64_t assignment);
};

domain::CalendarDate d(const char* iso);

}  // namespace netcity::testing
