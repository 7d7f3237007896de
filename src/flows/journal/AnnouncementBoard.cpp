#include "flows/journal/AnnouncementBoard.h"

#include <algorithm>

#include "domain/FreeText.h"
#include "store/AccountRepository.h"
#include "store/AuditLog.h"

namespace netcity::flows::journal {
namespace {

// The organization the account administers, if it is an active administrator.
std::optional<std::int64_t> administered(store::Database& db, Poco::Data::Session& s,
                                         std::int64_t accountId) {
    auto account = store::AccountRepository(db, s).byId(accountId);
    if (!account || account->blocked || !account->roles.count(domain::Role::Administrator))
        return std::nullopt;
    return account->organizationId;
}

AnnouncementBoard::Outcome textProblem(const std::string& text, std::size_t max,
                                       AnnouncementBoard::Outcome missing,
                                       AnnouncementBoard::Outcome tooLong,
                                       AnnouncementBoard::Outcome notText) {
    switch (domain::checkFreeText(text, max, true)) {
        case domain::FreeTextProblem::None:
            return AnnouncementBoard::Outcome::Posted;
        case domain::FreeTextProblem::Missing:
            return missing;
        case domain::FreeTextProblem::TooLong:
            return tooLong;
        case domain::FreeTextProblem::NotText:
            return notText;
    }
    return notText;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

AnnouncementBoard::Board AnnouncementBoard::board(Poco::Data::Session& s, std::int64_t adminId) {
    Board b;
    auto organization = administered(db_, s, adminId);
    if (!organization) return b;
    b.allowed = true;
    b.organizationId = *organization;
    b.classes = store::DirectoryRepository(db_, s).classes(*organization);
    b.posted =
        store::journal::AnnouncementRepository(db_, s).ofOrganization(*organization, kListLimit);
    return b;
}

AnnouncementBoard::Outcome AnnouncementBoard::check(const Draft& d) {
    using O = Outcome;
    auto title = blank(d.title) ? O::TitleMissing
                                : textProblem(d.title, kTitleMaxChars, O::TitleMissing,
                                              O::TitleTooLong, O::TitleNotText);
    if (title != O::Posted) return title;
    if (d.title.find('\n') != std::string::npos) return O::TitleNotText;
    auto text = blank(d.body) ? O::TextMissing
                              : textProblem(d.body, kTextMaxChars, O::TextMissing, O::TextTooLong,
                                            O::TextNotText);
    if (text != O::Posted) return text;
    if (!d.wholeOrganization && d.classIds.empty()) return O::NoClassChosen;
    return O::Posted;
}

AnnouncementBoard::Result AnnouncementBoard::post(Poco::Data::Session& s, std::int64_t adminId,
                                                  const Draft& draft,
                                                  const std::string& clientAddress) {
    store::Transaction tx(db_, s);
    store::AuditLog audit(db_, s);
    auto record = [&](const std::string& subject, const char* outcome,
                      std::optional<std::int64_t> organization) {
        audit.record({clock_.unixSeconds(), adminId, "announcement.post", subject, clientAddress,
                      outcome, organization});
    };
    auto organization = administered(db_, s, adminId);
    if (!organization) {
        record("account:" + std::to_string(adminId), "denied", std::nullopt);
        tx.commit();
        return {Outcome::NotAllowed, 0};
    }
    if (auto problem = check(draft); problem != Outcome::Posted) return {problem, 0};
    if (!draft.wholeOrganization) {
        auto classes = store::DirectoryRepository(db_, s).classes(*organization);
        for (auto id : draft.classIds)
            if (std::none_of(classes.begin(), classes.end(),
                             [&](const auto& c) { return c.id == id; }))
                return {Outcome::UnknownClass, 0};
    }
    store::journal::Announcement a;
    a.organizationId = *organization;
    a.authorId = adminId;
    a.title = draft.title;
    a.body = draft.body;
    a.postedAt = clock_.unixSeconds();
    a.wholeOrganization = draft.wholeOrganization;
    a.classIds = draft.classIds;
    auto id = store::journal::AnnouncementRepository(db_, s).post(a);
    record("announcement:" + std::to_string(id), "ok", *organization);
    tx.commit();
    return {Outcome::Posted, id};
}

}  // namespace netcity::flows::journal
