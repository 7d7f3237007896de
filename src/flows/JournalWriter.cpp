#include <functional>
#include <set>
#include <stdexcept>

#include "domain/Utf8Text.h"
#include "flows/JournalRows.h"
#include "flows/JournalValues.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/LessonRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/TeachingRepository.h"

namespace netcity::flows {

using domain::CalendarDate;

struct JournalWriter::State {
    State(store::Database& db, Poco::Data::Session& s, const domain::journal::MarkScale& scale,
          std::int64_t now)
        : dir(db, s),
          accounts(db, s),
          years(db, s),
          teaching(db, s),
          lessons(db, s),
          gradebook(db, s),
          scale(scale),
          now(now) {}

    store::DirectoryRepository dir;
    store::AccountRepository accounts;
    store::journal::SchoolYearRepository years;
    store::journal::TeachingRepository teaching;
    store::journal::LessonRepository lessons;
    store::journal::GradebookRepository gradebook;
    domain::journal::MarkScale scale;
    std::int64_t now;
    std::map<std::string, std::int64_t> ids;  // "kind/key" → id, for what the rows name
    std::set<std::pair<std::int64_t, std::int64_t>> timetables;  // (year, class) written
    int lessonsAdded = 0;

    // Rows were checked: what they name exists (in the file's earlier rows, written by now).
    std::int64_t must(std::optional<std::int64_t> id, const std::string& what) {
        if (!id) throw std::logic_error("checked import row names a missing " + what);
        return *id;
    }

    std::int64_t cached(const std::string& name, const std::function<std::int64_t()>& find) {
        if (auto it = ids.find(name); it != ids.end()) return it->second;
        return ids[name] = find();
    }

    std::int64_t organization(const std::string& key) {
        return cached("organization/" + key,
                      [&] { return must(dir.idByKey("organizations", key), "organization"); });
    }

    std::int64_t klass(const std::string& key) {
        return cached("class/" + key, [&] { return must(dir.idByKey("classes", key), "class"); });
    }

    std::int64_t organizationOfClass(const std::string& key) {
        return organization(dir.organizationKeyOfClass(key).value_or(std::string("?") + key));
    }

    std::int64_t account(std::int64_t org, const std::string& login) {
        return cached("account/" + std::to_string(org) + "/" + store::loginKey(login), [&] {
            auto a = accounts.byLogin(org, login);
            return must(a ? std::optional(a->id) : std::nullopt, "account");
        });
    }

    std::int64_t year(std::int64_t org, const std::string& name) {
        return cached("year/" + std::to_string(org) + "/" + name, [&] {
            auto y = years.yearNamed(org, name);
            return must(y ? std::optional(y->id) : std::nullopt, "school year");
        });
    }

    std::int64_t subject(std::int64_t org, const std::string& name) {
        return cached("subject/" + std::to_string(org) + "/" + name,
                      [&] { return teaching.subject(org, name); });
    }

    std::int64_t type(const std::string& name) {
        return cached("type/" + name, [&] {
            auto t = gradebook.assignmentType(name);
            return must(t ? std::optional(t->id) : std::nullopt, "assignment type");
        });
    }

    // Lessons are made once the timetable rows before them are written, not slot by slot.
    void makeLessons() {
        for (const auto& [yearId, classId] : timetables)
            lessonsAdded += lessons.makeLessons(*years.year(yearId), classId);
        timetables.clear();
    }

    std::int64_t lessonOf(const ImportRow& r) {
        makeLessons();
        auto day = *CalendarDate::parse(r["date"]);
        auto l = lessons.lessonAt(klass(r["parent"]), day, *parseNumber(r["number"]));
        return must(l ? std::optional(l->id) : std::nullopt, "lesson");
    }

    std::optional<std::int64_t> assignmentOn(std::int64_t lessonId, std::int64_t typeId) {
        for (const auto& a : gradebook.assignmentsOf({lessonId}))
            if (a.typeId == typeId) return a.id;
        return std::nullopt;
    }

    void write(const ImportRow& r) {
        const std::string& kind = r["record"];
        if (kind == "school_year") {
            auto org = organization(r["parent"]);
            ids["year/" + std::to_string(org) + "/" + r["year"]] = years.save(org, *yearOfRow(r));
        } else if (kind == "bell") {
            auto starts = *domain::journal::LessonTime::parse(r["start"]);
            auto ends = *domain::journal::LessonTime::parse(r["end"]);
            years.saveBell(organization(r["parent"]), *parseNumber(r["number"]), {starts, ends});
        } else if (kind == "subject") {
            subject(organization(r["parent"]), domain::collapseSpaces(r["subject"]));
        } else if (kind == "teaching") {
            auto org = organizationOfClass(r["parent"]);
            teaching.assign(account(org, r["login"]), klass(r["parent"]),
                            subject(org, domain::collapseSpaces(r["subject"])));
        } else if (kind == "timetable") {
            writeSlot(r);
        } else if (kind == "assignment") {
            writeAssignment(r);
        } else if (kind == "mark") {
            writeMark(r);
        } else if (kind == "absence") {
            auto org = organizationOfClass(r["parent"]);
            gradebook.putAbsence({account(org, r["login"]), lessonOf(r), r["mark"]}, 0, now);
        }
    }

    void writeSlot(const ImportRow& r) {
        auto org = organizationOfClass(r["parent"]);
        store::journal::TimetableSlot slot;
        slot.classId = klass(r["parent"]);
        slot.weekday = *parseWeekday(r["weekday"]);
        slot.number = *parseNumber(r["number"]);
        slot.subjectId = subject(org, domain::collapseSpaces(r["subject"]));
        slot.teacherId = account(org, r["login"]);
        slot.room = r["room"];
        auto yearId = year(org, r["year"]);
        lessons.saveSlot(yearId, slot);
        timetables.insert({yearId, slot.classId});
    }

    void writeAssignment(const ImportRow& r) {
        store::journal::Assignment a;
        a.lessonId = lessonOf(r);
        a.typeId = type(r["type"]);
        a.text = r["text"];
        a.dueDate = *CalendarDate::parse(r["due_date"].empty() ? r["date"] : r["due_date"]);
        a.weight = *parseWeight(r["weight"]);
        if (auto existing = assignmentOn(a.lessonId, a.typeId)) {
            a.id = *existing;
            gradebook.updateAssignment(a, 0, now);
        } else {
            a.id = gradebook.addAssignment(a, 0, now);
        }
        ids["assignment/" + assignmentReference(r)] = a.id;
    }

    void writeMark(const ImportRow& r) {
        auto reference = assignmentReference(r);
        auto assignmentId = cached("assignment/" + reference, [&] {
            return must(assignmentOn(lessonOf(r), type(r["type"])), "assignment");
        });
        auto org = organizationOfClass(r["parent"]);
        store::journal::StudentMark m;
        m.studentId = account(org, r["login"]);
        m.assignmentId = assignmentId;
        m.entry = domain::journal::parseMarkEntry(r["mark"], scale).entry;
        m.comment = r["text"];
        gradebook.putMark(m, 0, now);
    }
};

JournalWriter::JournalWriter(store::Database& db, Poco::Data::Session& session,
                             const domain::journal::MarkScale& scale, std::int64_t now)
    : s_(std::make_unique<State>(db, session, scale, now)) {}

JournalWriter::~JournalWriter() = default;

void JournalWriter::write(const ImportRow& row) {
    s_->write(row);
}

int JournalWriter::finish() {
    s_->makeLessons();
    return s_->lessonsAdded;
}

}  // namespace netcity::flows
