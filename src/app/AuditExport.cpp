#include "app/AuditExport.h"

#include "domain/UtcTime.h"
#include "log/JsonEscape.h"
#include "store/AuditLog.h"

namespace netcity::app {
namespace {

std::string csvField(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string optionalId(const std::optional<std::int64_t>& id) {
    return id ? std::to_string(*id) : "";
}

void write(std::ostream& out, AuditFormat format, const store::AuditEvent& e) {
    if (format == AuditFormat::Csv) {
        out << e.id << ',' << isoUtc(e.at) << ',' << csvField(e.action) << ','
            << csvField(e.subject) << ',' << optionalId(e.actorAccountId) << ','
            << optionalId(e.organizationId) << ',' << csvField(e.clientAddress) << ','
            << csvField(e.outcome) << "\r\n";
        return;
    }
    auto number = [](const std::optional<std::int64_t>& v) {
        return v ? std::to_string(*v) : std::string("null");
    };
    out << "{\"id\":" << e.id << ",\"at\":\"" << isoUtc(e.at) << "\",\"action\":\""
        << log::jsonEscape(e.action) << "\",\"subject\":\"" << log::jsonEscape(e.subject)
        << "\",\"actor\":" << number(e.actorAccountId)
        << ",\"organization\":" << number(e.organizationId) << ",\"client_address\":\""
        << log::jsonEscape(e.clientAddress) << "\",\"outcome\":\"" << log::jsonEscape(e.outcome)
        << "\"}\n";
}

}  // namespace

std::string isoUtc(std::int64_t unixSeconds) {
    return domain::utcTime(unixSeconds, "%Y-%m-%dT%H:%M:%SZ");
}

std::int64_t exportAudit(store::Database& db, std::ostream& out, AuditFormat format,
                         std::int64_t sinceUnixSeconds) {
    if (format == AuditFormat::Csv)
        out << "id,at,action,subject,actor,organization,client_address,outcome\r\n";
    auto s = db.session();
    store::AuditLog log(db, s);
    store::AuditFilter filter;
    filter.fromAt = sinceUnixSeconds;
    filter.oldestFirst = true;
    filter.limit = 1000;
    std::int64_t written = 0;
    for (;;) {
        auto page = log.search(filter);
        for (const auto& e : page) write(out, format, e);
        written += static_cast<std::int64_t>(page.size());
        if (page.size() < static_cast<std::size_t>(filter.limit)) break;
        filter.afterId = page.back().id;
    }
    return written;
}

}  // namespace netcity::app
