#pragma once

#include <string>

namespace netcity::testing {

// Does a page, a letter or a log contain this text?
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace netcity::testing
