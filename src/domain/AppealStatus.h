#pragma once

#include <optional>
#include <string_view>

namespace netcity::domain {

// An appeal is new until a staff member resolves or rejects it; a decision is final.
enum class AppealStatus { New, Resolved, Rejected };

std::optional<AppealStatus> parseAppealStatus(std::string_view code);  // "new", …
const char* code(AppealStatus status);
const char* label(AppealStatus status);  // «На рассмотрении», «Проблема решена», «Отклонено»

}  // namespace netcity::domain
