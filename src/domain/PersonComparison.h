#pragma once

#include "domain/AutoLinkMatcher.h"

namespace netcity::domain {

// What staff see when they set an applicant's Gosuslugi data beside a person's card: which
// fields agree (under the same normalisation as the automatic match) and whether the card is
// close enough to be offered as a candidate — the same SNILS, or at least two of last name,
// first name, middle name and birth date.
struct PersonComparison {
    bool lastName = false, firstName = false, middleName = false, birthDate = false, snils = false;

    static PersonComparison of(const MatchableData& applicant, const MatchableData& card);
    int agreeing() const;
    bool isCloseMatch() const;
    bool isFullMatch() const;  // everything agrees: the automatic link would succeed
};

}  // namespace netcity::domain
