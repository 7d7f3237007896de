#include "store/MailOutbox.h"

#include <Poco/Nullable.h>

#include "crypto/Random.h"

using namespace Poco::Data::Keywords;

namespace netcity::store {
namespace {

Poco::Nullable<std::int64_t> nullable(std::optional<std::int64_t> v) {
    Poco::Nullable<std::int64_t> n;
    if (v) n = *v;
    return n;
}

}  // namespace

std::int64_t MailOutbox::enqueue(const Letter& l, std::optional<std::int64_t> organizationId,
                                 std::int64_t at) {
    std::string messageId = "<" + crypto::randomToken(18) + "@netcity>";
    auto org = nullable(organizationId);
    std::vector<std::int64_t> id;
    s_ << db_.sql(
        "INSERT INTO mail_outbox (organization_id, recipient, subject, text_body, html_body,"
        " message_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        bind(org), bind(l.recipient), bind(l.subject), bind(l.textBody), bind(l.htmlBody),
        bind(messageId), bind(at), bind(at), into(id), now;
    return id.at(0);
}

std::optional<OutboxMail> MailOutbox::leaseNext(std::int64_t at, std::int64_t leaseSeconds) {
    for (int tries = 0; tries < 5; ++tries) {
        std::vector<std::int64_t> due;
        s_ << db_.sql(
            "SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ?"
            " AND lease_until <= ? ORDER BY next_attempt_at, id LIMIT 1"),
            bind(at), bind(at), into(due), now;
        if (due.empty()) return std::nullopt;
        // Another worker may have taken it since the SELECT: the guarded UPDATE decides.
        std::string token = crypto::randomToken(16);
        std::vector<std::int64_t> taken;
        s_ << db_.sql(
            "UPDATE mail_outbox SET lease_until = ?, lease_token = ?, attempts = attempts + 1"
            " WHERE id = ? AND status = 'pending' AND lease_until <= ? RETURNING id"),
            bind(at + leaseSeconds), bind(token), bind(due[0]), bind(at), into(taken), now;
        if (taken.empty()) continue;
        auto mail = byId(due[0]);
        if (mail) mail->leaseToken = token;
        return mail;
    }
    return std::nullopt;
}

bool MailOutbox::markSent(const OutboxMail& m, std::int64_t at) {
    std::vector<std::int64_t> done;
    s_ << db_.sql(
        "UPDATE mail_outbox SET status = 'sent', sent_at = ?, lease_until = 0,"
        " lease_token = NULL, last_error = '', text_body = '', html_body = ''"
        " WHERE id = ? AND lease_token = ? RETURNING id"),
        bind(at), bind(m.id), bind(m.leaseToken), into(done), now;
    return !done.empty();
}

bool MailOutbox::retryLater(const OutboxMail& m, std::int64_t nextAttemptAt,
                            const std::string& error) {
    std::vector<std::int64_t> done;
    s_ << db_.sql(
        "UPDATE mail_outbox SET next_attempt_at = ?, lease_until = 0, lease_token = NULL,"
        " last_error = ? WHERE id = ? AND status = 'pending' AND lease_token = ? RETURNING id"),
        bind(nextAttemptAt), bind(error), bind(m.id), bind(m.leaseToken), into(done), now;
    return !done.empty();
}

bool MailOutbox::markFailed(const OutboxMail& m, const std::string& error) {
    std::vector<std::int64_t> done;
    s_ << db_.sql(
        "UPDATE mail_outbox SET status = 'failed', lease_until = 0, lease_token = NULL,"
        " last_error = ? WHERE id = ? AND lease_token = ? RETURNING id"),
        bind(error), bind(m.id), bind(m.leaseToken), into(done), now;
    return !done.empty();
}

std::vector<OutboxMail> MailOutbox::select(const std::string& status,
                                           std::optional<std::int64_t> organizationId,
                                           std::optional<std::int64_t> mailId, int limit) {
    std::int64_t org = organizationId.value_or(0), wanted = mailId.value_or(0);
    std::vector<std::int64_t> id, attempts, created, next;
    std::vector<Poco::Nullable<std::int64_t>> orgs;
    std::vector<std::string> recipient, subject, text, html, messageId, statuses, error;
    s_ << db_.sql(
        "SELECT id, organization_id, recipient, subject, text_body, html_body, message_id,"
        " status, attempts, created_at, next_attempt_at, last_error FROM mail_outbox"
        " WHERE (CAST(? AS TEXT) = '' OR status = ?)"
        " AND (CAST(? AS BIGINT) = 0 OR organization_id = ?)"
        " AND (CAST(? AS BIGINT) = 0 OR id = ?) ORDER BY id DESC LIMIT ?"),
        bind(status), bind(status), bind(org), bind(org), bind(wanted), bind(wanted), bind(limit),
        into(id), into(orgs), into(recipient), into(subject), into(text), into(html),
        into(messageId), into(statuses), into(attempts), into(created), into(next), into(error),
        now;
    std::vector<OutboxMail> out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        OutboxMail m;
        m.id = id[i];
        if (!orgs[i].isNull()) m.organizationId = orgs[i].value();
        m.letter = {recipient[i], subject[i], text[i], html[i]};
        m.messageId = messageId[i];
        m.status = statuses[i];
        m.attempts = static_cast<int>(attempts[i]);
        m.createdAt = created[i];
        m.nextAttemptAt = next[i];
        m.lastError = error[i];
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<OutboxMail> MailOutbox::byId(std::int64_t id) {
    auto found = select("", std::nullopt, id, 1);
    if (found.empty()) return std::nullopt;
    return found[0];
}

std::vector<OutboxMail> MailOutbox::failed(std::optional<std::int64_t> organizationId, int limit) {
    return select("failed", organizationId, std::nullopt, limit);
}

int MailOutbox::pendingCount(std::optional<std::int64_t> organizationId) {
    std::int64_t count = 0;
    std::int64_t org = organizationId.value_or(0);
    s_ << db_.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'"
        " AND (CAST(? AS BIGINT) = 0 OR organization_id = ?)"),
        bind(org), bind(org), into(count), now;
    return static_cast<int>(count);
}

bool MailOutbox::requeue(std::int64_t id, std::optional<std::int64_t> organizationId,
                         std::int64_t at) {
    std::int64_t org = organizationId.value_or(0);
    std::vector<std::int64_t> done;
    s_ << db_.sql(
        "UPDATE mail_outbox SET status = 'pending', next_attempt_at = ?, attempts = 0"
        " WHERE id = ? AND status = 'failed' AND (CAST(? AS BIGINT) = 0 OR organization_id = ?) "
        "RETURNING id"),
        bind(at), bind(id), bind(org), bind(org), into(done), now;
    return !done.empty();
}

}  // namespace netcity::store
