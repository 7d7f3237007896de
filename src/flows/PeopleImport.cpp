#include "flows/PeopleImport.h"

#include <algorithm>
#include <optional>

#include "domain/Utf8Text.h"
#include "flows/AnnouncementRows.h"
#include "flows/CsvReader.h"
#include "flows/ImportRow.h"
#include "flows/JournalRows.h"
#include "flows/PeopleRows.h"
#include "store/AuditLog.h"

namespace netcity::flows {
namespace {

constexpr std::size_t kMaxFieldLength = 200;

using Code = ImportProblem::Code;
using Check = std::optional<ImportProblem>;  // nullopt: the row is good
using Row = ImportRow;

const KindColumns* columnsOf(const std::string& kind) {
    for (const auto* kinds : {&peopleKinds(), &journalKinds(), &announcementKinds()})
        if (auto it = kinds->find(kind); it != kinds->end()) return &it->second;
    return nullptr;
}

std::string trimSpaces(const std::string& v) {
    auto begin = v.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    return v.substr(begin, v.find_last_not_of(" \t") - begin + 1);
}

ImportProblem columnProblem(Code code, std::string column, std::string kind = {}) {
    auto p = importProblem(code);
    p.column = std::move(column);
    p.kind = std::move(kind);
    return p;
}

// What holds for every row whatever its kind: text in each column, a known kind, its columns
// filled as the kind wants them.
Check checkColumns(const Row& r) {
    const auto& columns = importColumns();
    const std::string& kind = r["record"];
    const KindColumns* kindColumns = columnsOf(kind);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string &col = columns[i], &value = r.values[i];
        if (!domain::isValidUtf8(value)) return columnProblem(Code::InvalidUtf8, col);
        if (kindColumns && col == kindColumns->prose) continue;  // the kind's own rule
        if (domain::hasControlCharacters(value)) return columnProblem(Code::ControlCharacters, col);
        if (domain::codePointCount(value) > kMaxFieldLength)
            return columnProblem(Code::TooLong, col);
    }
    if (!kindColumns) return importProblem(Code::UnknownKind, kind);
    const auto& used = kindColumns->used;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string& col = columns[i];
        bool allowed = col == "record" || (col == "key" && kindColumns->keyed) ||
                       (col == "parent" && kind != "region" && kind != "person") ||
                       std::find(used.begin(), used.end(), col) != used.end();
        if (!allowed && !r.values[i].empty())
            return columnProblem(Code::UnusedColumnFilled, col, kind);
    }
    for (std::size_t i = 0; i < kindColumns->required; ++i)
        if (r[used[i]].empty()) return columnProblem(Code::RequiredColumnEmpty, used[i], kind);
    return {};
}

// Each row to the checks of its kind: the people's (which know the file's keys and accounts),
// the journal's and the announcements' (which ask the people's).
class Validator {
  public:
    Validator(store::Database& db, Poco::Data::Session& s, const Clock& clock,
              const PeopleImport::Settings& settings)
        : people_(db, s, clock),
          journal_(db, s, people_, settings.scale),
          announcements_(people_, clock, settings.timeZone) {}

    void preview(const Row& r) { journal_.preview(r); }

    Check check(const Row& r) {
        if (auto p = checkColumns(r)) return p;
        const std::string& kind = r["record"];
        if (peopleKinds().count(kind)) return people_.check(r);
        if (announcementKinds().count(kind)) return announcements_.check(r);
        return journal_.check(r);
    }

  private:
    PeopleValidator people_;
    JournalValidator journal_;
    AnnouncementValidator announcements_;
};

class Writer {
  public:
    Writer(store::Database& db, Poco::Data::Session& s, const store::SnilsVault& vault,
           const PeopleImport::Settings& settings, std::int64_t now)
        : people_(db, s, vault, now, settings.verifiers),
          journal_(db, s, settings.scale, now),
          announcements_(db, s, settings.timeZone) {}

    void write(const Row& r) {
        const std::string& kind = r["record"];
        if (peopleKinds().count(kind)) return people_.write(r);
        if (announcementKinds().count(kind)) return announcements_.write(r);
        journal_.write(r);
    }
    // Makes the lessons of the timetables written; returns how many were added.
    int finish() { return journal_.finish(); }

  private:
    PeopleWriter people_;
    JournalWriter journal_;
    AnnouncementWriter announcements_;
};

}  // namespace

namespace {

// Column → its place in the file's header; nullopt when the header is not usable: every
// people column once, journal columns at most once, nothing else.
std::optional<std::vector<std::optional<std::size_t>>> headerPositions(
    const std::vector<std::string>& header) {
    const auto& columns = importColumns();
    std::vector<std::optional<std::size_t>> position(columns.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto it = std::find(columns.begin(), columns.end(), header[i]);
        if (it == columns.end()) return std::nullopt;
        auto& at = position[static_cast<std::size_t>(it - columns.begin())];
        if (at) return std::nullopt;
        at = i;
    }
    for (std::size_t c = 0; c < peopleColumnCount(); ++c)
        if (!position[c]) return std::nullopt;
    return position;
}

Row rowOf(CsvRow& csvRow, const std::vector<std::optional<std::size_t>>& position) {
    const auto& columns = importColumns();
    Row row;
    row.line = csvRow.line;
    row.values.resize(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (!position[c]) continue;
        std::string& value = csvRow.fields[*position[c]];
        // Spaces around a value are never meant, except in a password.
        row.values[c] = columns[c] == "password" ? std::move(value) : trimSpaces(value);
    }
    csvRow.fields = {};
    return row;
}

}  // namespace

PeopleImport::Report PeopleImport::run(std::string_view csvText, bool skipBad,
                                       const Progress& progress) {
    Report report;
    auto parsed = parseCsv(csvText);
    if (parsed.problem != CsvProblem::None) {
        auto p = importProblem(Code::Csv);
        p.csv = parsed.problem;
        report.errors.push_back({parsed.problemLine, p});
        return report;
    }
    auto position = parsed.rows.empty() ? std::nullopt : headerPositions(parsed.rows[0].fields);
    if (!position) {
        std::string expected;
        for (std::size_t c = 0; c < peopleColumnCount(); ++c)
            expected += (expected.empty() ? "" : ",") + importColumns()[c];
        report.errors.push_back({1, importProblem(Code::BadHeader, expected)});
        return report;
    }
    std::size_t width = parsed.rows[0].fields.size();

    std::vector<Row> rows;
    for (std::size_t i = 1; i < parsed.rows.size(); ++i) {
        auto& csvRow = parsed.rows[i];
        if (csvRow.fields.size() == width) {
            rows.push_back(rowOf(csvRow, *position));
            continue;
        }
        auto p = importProblem(Code::WrongFieldCount);
        p.expected = width;
        p.found = csvRow.fields.size();
        report.errors.push_back({csvRow.line, p});
    }
    parsed.rows = {};

    auto session = db_.session();
    Validator validator(db_, session, clock_, settings_);
    for (const auto& row : rows) validator.preview(row);
    std::vector<Row> good;
    for (auto& row : rows) {
        if (auto p = validator.check(row)) {
            report.errors.push_back({row.line, *p});
            continue;
        }
        good.push_back(std::move(row));
    }
    rows = {};
    std::stable_sort(report.errors.begin(), report.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.line < b.line; });
    if (!report.errors.empty() && !skipBad) return report;

    // Hashing is the slow part (tens of ms a password): done before the transaction so the
    // database is not locked meanwhile.
    std::size_t total = good.size(), done = 0;
    for (auto& row : good) {
        const std::string& password = row["password"];
        if (row["record"] == "account" && !password.empty())
            row.passwordHash =
                password.rfind("$argon2", 0) == 0 ? password : hasher_.hash(password);
        if (progress) progress(++done, 2 * total);
    }

    store::Transaction tx(db_, session);
    Writer writer(db_, session, vault_, settings_, clock_.unixSeconds());
    for (const auto& row : good) {
        writer.write(row);
        ++report.imported[row["record"]];
        if (progress) progress(++done, 2 * total);
    }
    if (int lessons = writer.finish()) report.imported["lesson"] = lessons;
    store::AuditLog(db_, session)
        .record({clock_.unixSeconds(), std::nullopt, "import",
                 "rows:" + std::to_string(good.size()), "",
                 report.errors.empty() ? "ok" : "ok_skipped_bad"});
    tx.commit();
    report.written = true;
    return report;
}

}  // namespace netcity::flows
