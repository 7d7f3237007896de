#include "log/JsonLog.h"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "log/JsonEscape.h"

namespace netcity::log {

void logJson(const std::string& event, const std::map<std::string, std::string>& fields) {
    static std::mutex mutex;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
    std::string line = "{\"ts\":" + std::to_string(ms) + ",\"event\":\"" + jsonEscape(event) + "\"";
    for (const auto& [k, v] : fields)
        line += ",\"" + jsonEscape(k) + "\":\"" + jsonEscape(v) + "\"";
    line += "}\n";
    std::lock_guard lock(mutex);
    std::fputs(line.c_str(), stderr);
}

}  // namespace netcity::log
