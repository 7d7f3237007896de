#include "domain/PersonComparison.h"

namespace netcity::domain {

PersonComparison PersonComparison::of(const MatchableData& a, const MatchableData& b) {
    PersonComparison c;
    auto same = [](const std::string& x, const std::string& y) {
        return normalizeNamePart(x) == normalizeNamePart(y);
    };
    c.lastName = !a.name.last.empty() && same(a.name.last, b.name.last);
    c.firstName = !a.name.first.empty() && same(a.name.first, b.name.first);
    c.middleName = same(a.name.middle, b.name.middle);
    c.birthDate = a.birthDate && b.birthDate && *a.birthDate == *b.birthDate;
    c.snils = a.snils && b.snils && *a.snils == *b.snils;
    return c;
}

int PersonComparison::agreeing() const {
    return int(lastName) + int(firstName) + int(middleName) + int(birthDate);
}

bool PersonComparison::isCloseMatch() const {
    return snils || agreeing() >= 2;
}

bool PersonComparison::isFullMatch() const {
    return agreeing() == 4 && snils;
}

}  // namespace netcity::domain
