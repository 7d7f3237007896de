#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"

namespace netcity::store {

// A letter as it waits in the outbox: rendered once, sent as is.
struct Letter {
    std::string recipient, subject, textBody, htmlBody;
};

struct OutboxMail {
    std::int64_t id = 0;
    std::optional<std::int64_t> organizationId;
    Letter letter;
    std::string messageId;  // the same on every attempt: a receiver can drop a repeat
    std::string status;     // pending, sent, failed
    int attempts = 0;
    std::int64_t createdAt = 0, nextAttemptAt = 0;
    std::string lastError;
    std::string leaseToken;  // set by leaseNext: this worker's claim on the letter
};

// The durable outbox (issue #5): a letter is written in the same transaction as the event it
// tells about, so an appeal never exists without its mail, and a worker delivers it later.
// Workers on several nodes take letters by lease: a letter is handed to one worker at a time.
class MailOutbox {
  public:
    MailOutbox(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    std::int64_t enqueue(const Letter& letter, std::optional<std::int64_t> organizationId,
                         std::int64_t at);
    // Leases the next due letter until `at + leaseSeconds` and counts the attempt. One at a
    // time, right before sending it: a lease never runs out while the letter waits its turn.
    std::optional<OutboxMail> leaseNext(std::int64_t at, std::int64_t leaseSeconds);
    // What became of a leased letter; ignored (false) when the lease was lost to another
    // worker meanwhile. A sent letter keeps its envelope, not its body (the body may hold a
    // recovery link, and is personal data nobody needs any more).
    bool markSent(const OutboxMail& mail, std::int64_t at);
    bool retryLater(const OutboxMail& mail, std::int64_t nextAttemptAt, const std::string& error);
    bool markFailed(const OutboxMail& mail, const std::string& error);
    // Failed letters (and how many still wait) of one organization, or of all when nullopt.
    std::vector<OutboxMail> failed(std::optional<std::int64_t> organizationId, int limit);
    int pendingCount(std::optional<std::int64_t> organizationId);
    // Puts a failed letter back in the queue (an administrator's «Отправить снова»).
    bool requeue(std::int64_t id, std::optional<std::int64_t> organizationId, std::int64_t at);
    std::optional<OutboxMail> byId(std::int64_t id);

  private:
    std::vector<OutboxMail> select(const std::string& status,
                                   std::optional<std::int64_t> organizationId,
                                   std::optional<std::int64_t> mailId, int limit);
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
