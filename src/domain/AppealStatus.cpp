#include "domain/AppealStatus.h"

namespace netcity::domain {

std::optional<AppealStatus> parseAppealStatus(std::string_view code) {
    if (code == "new") return AppealStatus::New;
    if (code == "resolved") return AppealStatus::Resolved;
    if (code == "rejected") return AppealStatus::Rejected;
    return std::nullopt;
}

const char* code(AppealStatus status) {
    switch (status) {
        case AppealStatus::New:
            return "new";
        case AppealStatus::Resolved:
            return "resolved";
        case AppealStatus::Rejected:
            return "rejected";
    }
    return "new";
}

const char* label(AppealStatus status) {
    switch (status) {
        case AppealStatus::New:
            return "На рассмотрении";
        case AppealStatus::Resolved:
            return "Проблема решена";
        case AppealStatus::Rejected:
            return "Отклонено";
    }
    return "";
}

}  // namespace netcity::domain
