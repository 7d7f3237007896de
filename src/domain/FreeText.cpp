#include "domain/FreeText.h"

#include "domain/Utf8Text.h"

namespace netcity::domain {

FreeTextProblem checkFreeText(std::string_view text, std::size_t maxChars, bool required) {
    if (!isValidUtf8(text) || hasControlCharacters(text, true)) return FreeTextProblem::NotText;
    if (collapseSpaces(text).empty())
        return required ? FreeTextProblem::Missing : FreeTextProblem::None;
    if (codePointCount(text) > maxChars) return FreeTextProblem::TooLong;
    return FreeTextProblem::None;
}

}  // namespace netcity::domain
