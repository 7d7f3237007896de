#pragma once

#include <cstddef>
#include <string_view>

namespace netcity::domain {

// Text people type into a form (an appeal's comment, a rejection's reason): valid UTF-8,
// lines and tabs allowed, no other control characters, at most `maxChars` code points.
enum class FreeTextProblem { None, Missing, TooLong, NotText };

FreeTextProblem checkFreeText(std::string_view text, std::size_t maxChars, bool required);

inline constexpr std::size_t kAppealCommentMaxChars = 2000;
inline constexpr std::size_t kRejectionReasonMaxChars = 1000;

}  // namespace netcity::domain
