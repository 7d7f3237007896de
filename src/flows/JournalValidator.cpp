#include <set>

#include "domain/Utf8Text.h"
#include "domain/journal/BellSchedule.h"
#include "flows/JournalRows.h"
#include "flows/JournalValues.h"
#include "store/DirectoryRepository.h"
#include "store/journal/GradebookRepository.h"
#include "store/journal/LessonRepository.h"
#include "store/journal/SchoolYearRepository.h"
#include "store/journal/TeachingRepository.h"

namespace netcity::flows {

using Code = ImportProblem::Code;
using Check = std::optional<ImportProblem>;
using domain::CalendarDate;
using domain::journal::SchoolYear;

const std::map<std::string, KindColumns>& journalKinds() {
    static const std::map<std::string, KindColumns> kKinds{
        {"school_year", {{"year", "type", "start", "end", "terms"}, 5, false}},
        {"bell", {{"number", "start", "end"}, 3, false}},
        {"subject", {{"subject"}, 1, false}},
        {"teaching", {{"login", "subject"}, 2, false}},
        {"timetable", {{"year", "weekday", "number", "subject", "login", "room"}, 5, false}},
        {"assignment", {{"date", "number", "type", "text", "due_date", "weight"}, 4, false}},
        {"mark", {{"login", "date", "number", "type", "mark", "text"}, 5, false}},
        {"absence", {{"login", "date", "number", "mark"}, 4, false}},
    };
    return kKinds;
}

namespace {

ImportProblem problem(Code code, std::string value = {}) {
    ImportProblem p;
    p.code = code;
    p.value = std::move(value);
    return p;
}

ImportProblem columnProblem(Code code, std::string column, std::string value) {
    auto p = problem(code, std::move(value));
    p.column = std::move(column);
    return p;
}

ImportProblem lessonProblem(Code code, const CalendarDate& date, int number,
                            std::string value = {}) {
    auto p = problem(code, std::move(value));
    p.date = date.russian();
    p.number = number;
    return p;
}

std::string joined(std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
}

}  // namespace

struct JournalValidator::State {
    State(store::Database& db, Poco::Data::Session& s, KnownPeople& people,
          const domain::journal::MarkScale& scale)
        : dir(db, s),
          years(db, s),
          teaching(db, s),
          lessons(db, s),
          gradebook(db, s),
          people(people),
          scale(scale) {}

    store::DirectoryRepository dir;
    store::journal::SchoolYearRepository years;
    store::journal::TeachingRepository teaching;
    store::journal::LessonRepository lessons;
    store::journal::GradebookRepository gradebook;
    KnownPeople& people;
    domain::journal::MarkScale scale;

    std::map<std::string, std::vector<SchoolYear>> fileYears;  // organization key → its years
    std::map<std::string, std::vector<SchoolYear>> storedYears;
    std::map<std::string, domain::journal::BellSchedule> fileBells, storedBells;
    std::map<std::string, std::set<int>> bellsGiven;  // every bell number the file gives
    std::set<std::string> subjects, seen, slots, assignments;
    std::set<std::string> types, absenceCodes;
    std::map<std::string, std::optional<std::int64_t>> ids;  // "table/key" → id in the database

    Check check(const std::string& kind, const ImportRow& r) {
        if (kind == "school_year") return checkYear(r);
        if (kind == "bell") return checkBell(r);
        if (kind == "subject") return checkSubject(r);
        if (kind == "teaching") return checkTeaching(r);
        if (kind == "timetable") return checkSlot(r);
        if (kind == "assignment") return checkAssignment(r);
        if (kind == "mark") return checkMark(r);
        return checkAbsence(r);
    }

    // --- references -----------------------------------------------------------------------

    Check reference(const std::string& kind, const std::string& key) {
        if (key.empty()) {
            auto p = problem(Code::NoReference);
            p.kind = kind;
            return p;
        }
        if (people.knows(kind, key)) return {};
        auto p = problem(Code::UnknownReference, key);
        p.kind = kind;
        return p;
    }

    Check schoolOf(const ImportRow& r) {
        if (auto p = reference("organization", r["parent"])) return p;
        if (people.isAuthority(r["parent"])) return problem(Code::AuthorityHasNoJournal);
        return {};
    }

    std::optional<std::int64_t> idOf(const std::string& table, const std::string& key) {
        auto name = table + "/" + key;
        if (auto it = ids.find(name); it != ids.end()) return it->second;
        return ids[name] = dir.idByKey(table, key);
    }

    std::optional<SchoolYear> yearNamed(const std::string& org, const std::string& name) {
        for (const auto& y : fileYears[org])
            if (y.name == name) return y;
        auto id = idOf("organizations", org);
        return id ? years.yearNamed(*id, name) : std::nullopt;
    }

    std::optional<SchoolYear> yearOn(const std::string& org, const CalendarDate& date) {
        for (const auto& y : fileYears[org])
            if (y.contains(date)) return y;
        auto id = idOf("organizations", org);
        return id ? years.yearOn(*id, date) : std::nullopt;
    }

    bool hasSubject(const std::string& org, const std::string& name) {
        if (subjects.count(org + "/" + name)) return true;
        auto id = idOf("organizations", org);
        return id && teaching.findSubject(*id, name);
    }

    const domain::journal::BellSchedule& stored(const std::string& org) {
        if (auto it = storedBells.find(org); it != storedBells.end()) return it->second;
        auto id = idOf("organizations", org);
        return storedBells[org] = id ? years.bells(*id) : domain::journal::BellSchedule{};
    }

    const std::vector<SchoolYear>& yearsStored(const std::string& org) {
        if (auto it = storedYears.find(org); it != storedYears.end()) return it->second;
        auto id = idOf("organizations", org);
        return storedYears[org] = id ? years.yearsOf(*id) : std::vector<SchoolYear>{};
    }

    bool hasBell(const std::string& org, int number) {
        return fileBells[org].of(number) || stored(org).of(number);
    }

    Check teacher(const std::string& org, const std::string& login) {
        auto a = people.account(org, login);
        if (!a || !a->roles.count(domain::Role::Teacher))
            return problem(Code::UnknownTeacher, login);
        return {};
    }

    Check student(const std::string& org, const std::string& classKey, const std::string& login) {
        auto a = people.account(org, login);
        bool inClass = a && (a->classKey == classKey || (a->classKey.empty() && a->classId &&
                                                         a->classId == idOf("classes", classKey)));
        if (!inClass || !a->roles.count(domain::Role::Student))
            return problem(Code::UnknownStudent, login);
        return {};
    }

    bool lessonExists(const std::string& classKey, const SchoolYear& year, const CalendarDate& d,
                      int number) {
        if (domain::journal::lessonDay(year, d) == domain::journal::LessonDay::InTerm &&
            slots.count(
                joined({classKey, year.name, std::to_string(d.weekday()), std::to_string(number)})))
            return true;
        auto id = idOf("classes", classKey);
        return id && lessons.lessonAt(*id, d, number);
    }

    bool assignmentExists(const std::string& classKey, const CalendarDate& d, int number,
                          const std::string& type, const std::string& reference) {
        if (assignments.count(reference)) return true;
        auto id = idOf("classes", classKey);
        if (!id) return false;
        auto lesson = lessons.lessonAt(*id, d, number);
        auto t = gradebook.assignmentType(type);
        if (!lesson || !t) return false;
        for (const auto& a : gradebook.assignmentsOf({lesson->id}))
            if (a.typeId == t->id) return true;
        return false;
    }

    bool knownType(const std::string& name) {
        if (types.empty())
            for (const auto& t : gradebook.assignmentTypes()) types.insert(t.name);
        return types.count(name) > 0;
    }

    bool knownAbsence(const std::string& code) {
        if (absenceCodes.empty())
            for (const auto& k : gradebook.attendanceKinds()) absenceCodes.insert(k.code);
        return absenceCodes.count(code) > 0;
    }

    Check once(const std::string& kind, const std::string& identity) {
        if (seen.insert(kind + ":" + identity).second) return {};
        auto p = problem(Code::DuplicateRow, identity);
        p.kind = kind;
        return p;
    }

    // --- values ---------------------------------------------------------------------------

    Check date(const ImportRow& r, const std::string& column, CalendarDate& out) {
        auto d = CalendarDate::parse(r[column]);
        if (!d) return columnProblem(Code::BadDate, column, r[column]);
        out = *d;
        return {};
    }

    Check number(const ImportRow& r, int& out) {
        auto n = parseNumber(r["number"]);
        if (!n) return columnProblem(Code::BadNumber, "number", r["number"]);
        out = *n;
        return {};
    }

    // --- kinds ----------------------------------------------------------------------------

    Check checkYear(const ImportRow& r) {
        if (auto p = schoolOf(r)) return p;
        if (!domain::journal::parseTermKind(r["type"]))
            return problem(Code::UnknownTermKind, r["type"]);
        CalendarDate starts, ends;
        if (auto p = date(r, "start", starts)) return p;
        if (auto p = date(r, "end", ends)) return p;
        if (!parseTerms(r["terms"])) return problem(Code::BadTerms, r["terms"]);
        SchoolYear y = *yearOfRow(r);
        if (auto c = domain::journal::check(y); c != domain::journal::CalendarProblem::None) {
            auto p = problem(Code::Calendar);
            p.calendar = c;
            p.expected = static_cast<std::size_t>(domain::journal::termCount(y.termKind));
            p.found = y.terms.size();
            return p;
        }
        if (auto p = once("school_year", joined({r["parent"], starts.russian()}))) return p;
        for (const auto& other : fileYears[r["parent"]])
            if (other.name == y.name) return problem(Code::YearNameTaken, y.name);
        if (auto stored = yearNamed(r["parent"], y.name); stored && stored->startsOn != starts)
            return problem(Code::YearNameTaken, y.name);
        if (auto p = overlapping(r["parent"], y)) return p;
        if (auto p = lessonsLeftOut(r["parent"], y)) return p;
        fileYears[r["parent"]].push_back(y);
        return {};
    }

    // The organization's years as the database will hold them when this row is written: the
    // stored ones, each replaced by the file's of the same first day, and the file's so far.
    Check overlapping(const std::string& org, const SchoolYear& y) {
        auto replaced = [&](const SchoolYear& o) {
            if (o.startsOn == y.startsOn) return true;
            for (const auto& f : fileYears[org])
                if (f.startsOn == o.startsOn) return true;
            return false;
        };
        std::vector<SchoolYear> others = fileYears[org];
        for (const auto& o : yearsStored(org))
            if (!replaced(o)) others.push_back(o);
        for (const auto& o : others) {
            if (o.startsOn > y.endsOn || o.endsOn < y.startsOn) continue;
            auto p = problem(Code::YearsOverlap, o.name);
            p.date = o.startsOn.russian() + "–" + o.endsOn.russian();
            return p;
        }
        return {};
    }

    // A stored year given new terms: its lessons inside the old terms must stay inside the new
    // ones, or the journal, which lists a term's lessons, would lose them with their marks.
    Check lessonsLeftOut(const std::string& org, const SchoolYear& y) {
        for (const auto& old : yearsStored(org)) {
            if (old.startsOn != y.startsOn) continue;
            std::vector<CalendarDate> out;
            for (const auto& day : lessons.datesOfYear(old.id))
                if (domain::journal::lessonDay(old, day) == domain::journal::LessonDay::InTerm &&
                    domain::journal::lessonDay(y, day) != domain::journal::LessonDay::InTerm)
                    out.push_back(day);
            if (out.empty()) return {};
            auto p = problem(Code::LessonsOutsideTerms);
            p.date = out.front().russian();
            p.found = out.size();
            return p;
        }
        return {};
    }

    // A stored bell the file does not give again stays: the file's bell must fit it.
    Check fitsStored(const std::string& org, int n, const domain::journal::Bell& bell) {
        for (const auto& [m, b] : stored(org).bells()) {
            if (m == n || bellsGiven[org].count(m)) continue;
            bool apart = m < n ? b.ends <= bell.starts : bell.ends <= b.starts;
            if (apart) continue;
            auto p = problem(Code::BellAgainstStored, b.starts.text() + "–" + b.ends.text());
            p.number = n;
            p.found = static_cast<std::size_t>(m);
            return p;
        }
        return {};
    }

    Check checkBell(const ImportRow& r) {
        if (auto p = schoolOf(r)) return p;
        int n = 0;
        if (auto p = number(r, n)) return p;
        auto starts = domain::journal::LessonTime::parse(r["start"]);
        if (!starts) return columnProblem(Code::BadTime, "start", r["start"]);
        auto ends = domain::journal::LessonTime::parse(r["end"]);
        if (!ends) return columnProblem(Code::BadTime, "end", r["end"]);
        if (auto p = once("bell", joined({r["parent"], r["number"]}))) return p;
        if (auto p = fitsStored(r["parent"], n, {*starts, *ends})) {
            seen.erase("bell:" + joined({r["parent"], r["number"]}));
            return p;
        }
        auto& schedule = fileBells[r["parent"]];
        if (auto b = schedule.add(n, {*starts, *ends}); b != domain::journal::BellProblem::None) {
            seen.erase("bell:" + joined({r["parent"], r["number"]}));
            auto p = problem(Code::Bell);
            p.bell = b;
            p.number = n;
            return p;
        }
        return {};
    }

    Check checkSubject(const ImportRow& r) {
        if (auto p = schoolOf(r)) return p;
        auto name = domain::collapseSpaces(r["subject"]);
        if (auto p = once("subject", joined({r["parent"], name}))) return p;
        subjects.insert(r["parent"] + "/" + name);
        return {};
    }

    Check checkTeaching(const ImportRow& r) {
        if (auto p = reference("class", r["parent"])) return p;
        auto org = people.classOrganization(r["parent"]);
        if (auto p = teacher(org, r["login"])) return p;
        auto subject = domain::collapseSpaces(r["subject"]);
        if (!hasSubject(org, subject)) return problem(Code::UnknownSubject, subject);
        return once("teaching", joined({r["parent"], r["login"], subject}));
    }

    Check checkSlot(const ImportRow& r) {
        if (auto p = reference("class", r["parent"])) return p;
        auto org = people.classOrganization(r["parent"]);
        auto year = yearNamed(org, r["year"]);
        if (!year) return problem(Code::UnknownYear, r["year"]);
        auto weekday = parseWeekday(r["weekday"]);
        if (!weekday) return problem(Code::BadWeekday, r["weekday"]);
        int n = 0;
        if (auto p = number(r, n)) return p;
        if (!hasBell(org, n)) {
            auto p = problem(Code::NoBell);
            p.number = n;
            return p;
        }
        auto subject = domain::collapseSpaces(r["subject"]);
        if (!hasSubject(org, subject)) return problem(Code::UnknownSubject, subject);
        if (auto p = teacher(org, r["login"])) return p;
        auto place = joined({r["parent"], year->name, std::to_string(*weekday), std::to_string(n)});
        if (auto p = once("timetable", place)) return p;
        slots.insert(place);
        return {};
    }

    // The lesson a row's date and number name, in the class's year.
    Check lesson(const ImportRow& r, const std::string& org, CalendarDate& day, int& n) {
        if (auto p = date(r, "date", day)) return p;
        if (auto p = number(r, n)) return p;
        auto year = yearOn(org, day);
        if (!year) {
            auto p = problem(Code::DateOutsideYear);
            p.date = day.russian();
            return p;
        }
        if (!lessonExists(r["parent"], *year, day, n)) return lessonProblem(Code::NoLesson, day, n);
        return {};
    }

    Check checkAssignment(const ImportRow& r) {
        if (auto p = reference("class", r["parent"])) return p;
        auto org = people.classOrganization(r["parent"]);
        CalendarDate day;
        int n = 0;
        if (auto p = lesson(r, org, day, n)) return p;
        if (!knownType(r["type"])) return problem(Code::UnknownAssignmentType, r["type"]);
        CalendarDate due = day;
        if (!r["due_date"].empty())
            if (auto p = date(r, "due_date", due)) return p;
        if (due < day) return problem(Code::DueBeforeLesson);
        if (!parseWeight(r["weight"])) return problem(Code::BadWeight, r["weight"]);
        auto reference = assignmentReference(r);
        if (auto p = once("assignment", reference)) return p;
        assignments.insert(reference);
        return {};
    }

    // A row of one of a class's students: the class known, the login a student of it.
    Check classStudent(const ImportRow& r, std::string& org) {
        if (auto p = reference("class", r["parent"])) return p;
        org = people.classOrganization(r["parent"]);
        return student(org, r["parent"], r["login"]);
    }

    Check checkMark(const ImportRow& r) {
        std::string org;
        if (auto p = classStudent(r, org)) return p;
        CalendarDate day;
        int n = 0;
        if (auto p = date(r, "date", day)) return p;
        if (auto p = number(r, n)) return p;
        if (!knownType(r["type"])) return problem(Code::UnknownAssignmentType, r["type"]);
        auto reference = assignmentReference(r);
        if (!assignmentExists(r["parent"], day, n, r["type"], reference))
            return lessonProblem(Code::NoAssignment, day, n, r["type"]);
        auto parsed = domain::journal::parseMarkEntry(r["mark"], scale);
        if (parsed.problem != domain::journal::MarkProblem::None) {
            auto p = problem(Code::Mark, r["mark"]);
            p.mark = parsed.problem;
            p.scale = scale;
            return p;
        }
        return once("mark", joined({r["login"], reference}));
    }

    Check checkAbsence(const ImportRow& r) {
        std::string org;
        if (auto p = classStudent(r, org)) return p;
        CalendarDate day;
        int n = 0;
        if (auto p = lesson(r, org, day, n)) return p;
        if (!knownAbsence(r["mark"])) return problem(Code::UnknownAbsenceKind, r["mark"]);
        return once("absence", joined({r["login"], r["parent"], day.russian(), r["number"]}));
    }
};

JournalValidator::JournalValidator(store::Database& db, Poco::Data::Session& session,
                                   KnownPeople& people, const domain::journal::MarkScale& scale)
    : s_(std::make_unique<State>(db, session, people, scale)) {}

JournalValidator::~JournalValidator() = default;

void JournalValidator::preview(const ImportRow& row) {
    if (row["record"] != "bell") return;
    if (auto n = parseNumber(row["number"])) s_->bellsGiven[row["parent"]].insert(*n);
}

std::optional<ImportProblem> JournalValidator::check(const ImportRow& row) {
    return s_->check(row["record"], row);
}

}  // namespace netcity::flows
