#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "store/Database.h"

namespace netcity::app {

// `netcity admin audit export`: the audit log as CSV (with a header) or JSON lines, oldest
// first, in pages so a long log never sits in memory at once. Returns the number of events.
enum class AuditFormat { Csv, JsonLines };

std::int64_t exportAudit(store::Database& db, std::ostream& out, AuditFormat format,
                         std::int64_t sinceUnixSeconds);

std::string isoUtc(std::int64_t unixSeconds);  // 2026-11-22T16:40:00Z

}  // namespace netcity::app
