#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/journal/JournalAccess.h"
#include "store/Database.h"

namespace netcity::store::journal {

struct Subject {
    std::int64_t id = 0;
    std::string name;
};

// One class's subject with the teacher who keeps its journal.
struct Teaching {
    std::int64_t classId = 0;
    std::string className;
    std::int64_t subjectId = 0;
    std::string subjectName;
    std::int64_t teacherId = 0;
};

// A class's journal of a subject: the names, and the organization the subject belongs to (what
// the access rule checks).
struct JournalPlace {
    std::string className, subjectName;
    std::int64_t subjectOrganizationId = 0;
    bool keeperGivesLessons = false;  // of it, not cancelled (a substitution, among others)
};

// A student of a class, as the journal lists them.
struct ClassStudent {
    std::int64_t accountId = 0;
    std::string lastName, firstName, middleName;
};

// Subjects of an organization and who teaches what to whom.
class TeachingRepository {
  public:
    TeachingRepository(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // Finds the organization's subject by name, or creates it; returns its id.
    std::int64_t subject(std::int64_t organizationId, const std::string& name);
    std::optional<Subject> findSubject(std::int64_t organizationId, const std::string& name);
    std::optional<std::int64_t> organizationOfSubject(std::int64_t subjectId);
    std::vector<Subject> subjects(std::int64_t organizationId);
    // Idempotent.
    void assign(std::int64_t teacherId, std::int64_t classId, std::int64_t subjectId);

    // The journal rights' facts about an account: organization, roles, teaching assignments,
    // classes it is the class teacher of; nullopt for an unknown or blocked account.
    std::optional<domain::journal::JournalKeeper> keeper(std::int64_t accountId);
    // What a teacher teaches, by class then subject.
    std::vector<Teaching> teachingOf(std::int64_t teacherId);
    // Every subject taught in a class (a class teacher's and an administrator's view).
    std::vector<Teaching> teachingOfClass(std::int64_t classId);
    // The class's journal of the subject, when the subject is taught in the class or the keeper
    // gives lessons of it; in one query.
    std::optional<JournalPlace> journalPlace(std::int64_t classId, std::int64_t subjectId,
                                             std::int64_t keeperId);
    // Every subject taught in the organization's classes.
    std::vector<Teaching> teachingOfOrganization(std::int64_t organizationId);
    // The classes and subjects whose lessons the teacher gives from `from` on, cancelled ones
    // left out: a substitute's journals, whether or not they are assigned to teach them.
    std::vector<Teaching> lessonsGivenBy(std::int64_t teacherId, const domain::CalendarDate& from);

    // The class's active students, by name.
    std::vector<ClassStudent> studentsOf(std::int64_t classId);

  private:
    std::vector<Teaching> select(const std::string& where, std::int64_t value);
    std::vector<Teaching> teachingRows(Poco::Data::Statement& st);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store::journal
