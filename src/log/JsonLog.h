#pragma once

#include <map>
#include <string>

namespace netcity::log {

// One JSON object per line on stderr. Callers pass only ids, routes and outcomes: never
// names, logins, SNILS, addresses or passwords.
void logJson(const std::string& event, const std::map<std::string, std::string>& fields);

}  // namespace netcity::log

// Transitional: the background workers (flows/OutboxWorker, RecoveryWorker, Housekeeping)
// still spell it http::logJson while their BackgroundLoop refactor is in flight. Delete this
// once they say log::logJson.
namespace netcity::http {
using log::logJson;
}  // namespace netcity::http
