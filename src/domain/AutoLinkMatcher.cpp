#include "domain/AutoLinkMatcher.h"

namespace netcity::domain {

bool AutoLinkMatcher::matches(bool confirmed, const MatchableData& esia,
                              const MatchableData& card) {
    if (!confirmed) return false;
    if (!esia.birthDate || !card.birthDate || *esia.birthDate != *card.birthDate) return false;
    if (!esia.snils || !card.snils || *esia.snils != *card.snils) return false;
    if (esia.name.last.empty() || esia.name.first.empty()) return false;
    return sameName(esia.name, card.name);
}

}  // namespace netcity::domain
