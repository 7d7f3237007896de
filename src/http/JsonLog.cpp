#include "http/JsonLog.h"

#include <chrono>
#include <cstdio>
#include <mutex>

namespace netcity::http {

std::string jsonEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 2);
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    return out;
}

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

}  // namespace netcity::http
