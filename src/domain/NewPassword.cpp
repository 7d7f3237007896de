#include "domain/NewPassword.h"

#include "domain/Utf8Text.h"

namespace netcity::domain {

NewPasswordProblem checkNewPassword(std::string_view password, std::string_view repeat) {
    if (password != repeat) return NewPasswordProblem::Mismatch;
    if (!isValidUtf8(password)) return NewPasswordProblem::TooShort;
    std::size_t length = codePointCount(password);
    if (length < kNewPasswordMinLength) return NewPasswordProblem::TooShort;
    if (length > kNewPasswordMaxLength) return NewPasswordProblem::TooLong;
    return NewPasswordProblem::None;
}

const char* describe(NewPasswordProblem problem) {
    switch (problem) {
        case NewPasswordProblem::Mismatch:
            return "Новый пароль и его повтор не совпадают.";
        case NewPasswordProblem::TooShort:
            return "Новый пароль должен содержать не менее 8 символов.";
        case NewPasswordProblem::TooLong:
            return "Новый пароль должен содержать не более 128 символов.";
        case NewPasswordProblem::None:
            break;
    }
    return "";
}

}  // namespace netcity::domain
