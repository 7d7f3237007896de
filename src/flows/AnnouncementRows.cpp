#include "flows/AnnouncementRows.h"

#include <stdexcept>
#include <vector>

#include "domain/CalendarDate.h"
#include "flows/journal/AnnouncementBoard.h"
#include "store/AccountRepository.h"
#include "store/DirectoryRepository.h"
#include "store/journal/AnnouncementRepository.h"

namespace netcity::flows {

using Code = ImportProblem::Code;
using domain::CalendarDate;

namespace {

// "cls-5a;cls-5b" → its keys; empty: the whole organization.
std::vector<std::string> classKeys(const std::string& text) {
    std::vector<std::string> keys;
    for (std::size_t from = 0; from <= text.size() && !text.empty();) {
        auto end = std::min(text.find(';', from), text.size());
        std::string key = text.substr(from, end - from);
        auto first = key.find_first_not_of(' '), last = key.find_last_not_of(' ');
        keys.push_back(first == std::string::npos ? "" : key.substr(first, last - first + 1));
        from = end + 1;
    }
    return keys;
}

// The announcement as the UI would post it: the board's rules for its title and text.
flows::journal::AnnouncementBoard::Draft draftOf(const ImportRow& r) {
    flows::journal::AnnouncementBoard::Draft d;
    d.title = r["title"];
    d.body = r["text"];
    d.wholeOrganization = r["class"].empty();
    return d;
}

}  // namespace

const std::map<std::string, KindColumns>& announcementKinds() {
    static const std::map<std::string, KindColumns> kKinds{
        {"announcement", {{"login", "title", "text", "date", "class"}, 4, false, "text"}},
    };
    return kKinds;
}

std::optional<ImportProblem> AnnouncementValidator::check(const ImportRow& r) {
    const std::string& org = r["parent"];
    if (!people_.knows("organization", org)) {
        auto p = importProblem(Code::UnknownReference, org);
        p.kind = "organization";
        return p;
    }
    if (people_.isAuthority(org)) return importProblem(Code::AuthorityHasNoJournal);
    auto author = people_.account(org, r["login"]);
    if (!author || !author->roles.count(domain::Role::Administrator))
        return importProblem(Code::UnknownAdministrator, r["login"]);
    auto draft = draftOf(r);
    draft.wholeOrganization = true;  // the title and text here; the classes below, by key
    if (auto o = flows::journal::AnnouncementBoard::check(draft);
        o != flows::journal::AnnouncementBoard::Outcome::Posted) {
        auto p = importProblem(Code::AnnouncementText);
        p.announcement = o;
        return p;
    }
    auto day = CalendarDate::parse(r["date"]);
    if (!day) {
        auto p = importProblem(Code::BadDate, r["date"]);
        p.column = "date";
        return p;
    }
    if (*day > timeZone_.dateAt(clock_.unixSeconds())) {
        auto p = importProblem(Code::AnnouncementInFuture);
        p.date = day->russian();
        return p;
    }
    for (const auto& key : classKeys(r["class"])) {
        if (!people_.knows("class", key)) {
            auto p = importProblem(Code::UnknownReference, key);
            p.kind = "class";
            return p;
        }
        if (people_.classOrganization(key) != org)
            return importProblem(Code::ClassOfOtherOrganization, key);
    }
    std::string identity = org + " " + day->russian() + " «" + draft.title + "»";
    if (seen_.insert(identity).second) return std::nullopt;
    auto p = importProblem(Code::DuplicateRow, identity);
    p.kind = "announcement";
    return p;
}

void AnnouncementWriter::write(const ImportRow& r) {
    store::DirectoryRepository dir(db_, s_);
    auto must = [](std::optional<std::int64_t> id, const char* what) {
        if (!id)
            throw std::logic_error(std::string("checked announcement names a missing ") + what);
        return *id;
    };
    auto draft = draftOf(r);
    store::journal::Announcement a;
    a.organizationId = must(dir.idByKey("organizations", r["parent"]), "organization");
    auto author = store::AccountRepository(db_, s_).byLogin(a.organizationId, r["login"]);
    a.authorId = must(author ? std::optional(author->id) : std::nullopt, "author");
    a.title = draft.title;
    a.body = draft.body;
    // Midnight of the day in the region: the diary shows the date it was posted.
    a.postedAt = CalendarDate::parse(r["date"])->unixSeconds() - timeZone_.minutes() * 60LL;
    a.wholeOrganization = draft.wholeOrganization;
    for (const auto& key : classKeys(r["class"]))
        a.classIds.push_back(must(dir.idByKey("classes", key), "class"));
    store::journal::AnnouncementRepository(db_, s_).put(a);
}

}  // namespace netcity::flows
