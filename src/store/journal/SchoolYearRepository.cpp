#include "store/journal/SchoolYearRepository.h"

#include <vector>

using namespace Poco::Data::Keywords;
using netcity::domain::CalendarDate;
using netcity::domain::journal::SchoolYear;

namespace netcity::store::journal {
namespace {

CalendarDate date(const std::string& iso) {
    return CalendarDate::parse(iso).value_or(CalendarDate{});
}

}  // namespace

std::optional<SchoolYear> SchoolYearRepository::yearOn(std::int64_t organizationId,
                                                       const CalendarDate& on) {
    std::string day = on.iso();
    return withTerms(
        "SELECT id FROM school_years WHERE organization_id = ? AND starts_on <= ?"
        " AND ends_on >= ? ORDER BY starts_on DESC LIMIT 1",
        organizationId, {day, day});
}

std::optional<SchoolYear> SchoolYearRepository::currentYear(std::int64_t organizationId,
                                                            const CalendarDate& on) {
    return withTerms(
        "SELECT id FROM school_years WHERE organization_id = ? AND starts_on <= ?"
        " ORDER BY starts_on DESC LIMIT 1",
        organizationId, {on.iso()});
}

std::optional<SchoolYear> SchoolYearRepository::year(std::int64_t yearId) {
    return withTerms("SELECT id FROM school_years WHERE id = ?", yearId, {});
}

std::optional<SchoolYear> SchoolYearRepository::yearNamed(std::int64_t organizationId,
                                                          const std::string& name) {
    return withTerms(
        "SELECT id FROM school_years WHERE organization_id = ? AND name = ?"
        " ORDER BY starts_on DESC LIMIT 1",
        organizationId, {name});
}

std::optional<std::int64_t> SchoolYearRepository::organizationOfYear(std::int64_t yearId) {
    std::vector<std::int64_t> org;
    s_ << db_.sql("SELECT organization_id FROM school_years WHERE id = ?"), bind(yearId), into(org),
        now;
    if (org.empty()) return std::nullopt;
    return org[0];
}

std::vector<SchoolYear> SchoolYearRepository::yearsOf(std::int64_t organizationId) {
    std::vector<std::int64_t> ids;
    s_ << db_.sql("SELECT id FROM school_years WHERE organization_id = ? ORDER BY starts_on"),
        bind(organizationId), into(ids), now;
    std::vector<SchoolYear> out;
    for (auto id : ids)
        if (auto y = year(id)) out.push_back(std::move(*y));
    return out;
}

// The year `idQuery` finds (bound to `first`, then `rest`) with its terms, in one query.
std::optional<SchoolYear> SchoolYearRepository::withTerms(const std::string& idQuery,
                                                          std::int64_t first,
                                                          const std::vector<std::string>& rest) {
    std::vector<std::int64_t> ids, termIds;
    std::vector<std::string> name, starts, ends, kind, termStarts, termEnds;
    std::vector<int> numbers;
    Poco::Data::Statement st(s_);
    st << db_.sql(
        "SELECT y.id, y.name, y.starts_on, y.ends_on, y.term_kind, COALESCE(t.id, 0),"
        " COALESCE(t.number, 0), COALESCE(t.starts_on, ''), COALESCE(t.ends_on, '')"
        " FROM school_years y LEFT JOIN terms t ON t.school_year_id = y.id"
        " WHERE y.id = (" +
        idQuery + ") ORDER BY t.number"),
        into(ids), into(name), into(starts), into(ends), into(kind), into(termIds), into(numbers),
        into(termStarts), into(termEnds), bind(first);
    for (const auto& value : rest) st, bind(value);
    st.execute();
    if (ids.empty()) return std::nullopt;
    SchoolYear y;
    y.id = ids[0];
    y.name = name[0];
    y.startsOn = date(starts[0]);
    y.endsOn = date(ends[0]);
    y.termKind =
        domain::journal::parseTermKind(kind[0]).value_or(domain::journal::TermKind::Quarter);
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (termIds[i])
            y.terms.push_back({termIds[i], numbers[i], date(termStarts[i]), date(termEnds[i])});
    return y;
}

std::int64_t SchoolYearRepository::save(std::int64_t organizationId, const SchoolYear& y) {
    std::int64_t id = 0;
    std::string starts = y.startsOn.iso(), ends = y.endsOn.iso(),
                kind = domain::journal::code(y.termKind);
    std::string name = y.name;
    s_ << db_.sql(
        "INSERT INTO school_years (organization_id, name, starts_on, ends_on, term_kind)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (organization_id, starts_on) DO UPDATE"
        " SET name = excluded.name, ends_on = excluded.ends_on,"
        " term_kind = excluded.term_kind RETURNING id"),
        bind(organizationId), bind(name), bind(starts), bind(ends), bind(kind), into(id), now;
    // Terms are replaced by number, so their ids (and anything keyed by them) survive.
    for (const auto& t : y.terms) {
        std::string ts = t.startsOn.iso(), te = t.endsOn.iso();
        int number = t.number;
        s_ << db_.sql(
            "INSERT INTO terms (school_year_id, number, starts_on, ends_on)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (school_year_id, number) DO UPDATE"
            " SET starts_on = excluded.starts_on, ends_on = excluded.ends_on"),
            bind(id), bind(number), bind(ts), bind(te), now;
    }
    int count = static_cast<int>(y.terms.size());
    s_ << db_.sql("DELETE FROM terms WHERE school_year_id = ? AND number > ?"), bind(id),
        bind(count), now;
    return id;
}

domain::journal::BellSchedule SchoolYearRepository::bells(std::int64_t organizationId) {
    std::vector<int> numbers;
    std::vector<std::string> starts, ends;
    s_ << db_.sql(
        "SELECT number, starts_at, ends_at FROM bell_schedule"
        " WHERE organization_id = ? ORDER BY number"),
        bind(organizationId), into(numbers), into(starts), into(ends), now;
    domain::journal::BellSchedule bells;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        auto s = domain::journal::LessonTime::parse(starts[i]);
        auto e = domain::journal::LessonTime::parse(ends[i]);
        if (s && e) bells.add(numbers[i], {*s, *e});
    }
    return bells;
}

void SchoolYearRepository::saveBell(std::int64_t organizationId, int number,
                                    const domain::journal::Bell& bell) {
    std::string starts = bell.starts.text(), ends = bell.ends.text();
    s_ << db_.sql(
        "INSERT INTO bell_schedule (organization_id, number, starts_at, ends_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (organization_id, number) DO UPDATE"
        " SET starts_at = excluded.starts_at, ends_at = excluded.ends_at"),
        bind(organizationId), bind(number), bind(starts), bind(ends), now;
}

}  // namespace netcity::store::journal
