#pragma once

#include <cstdint>
#include <string>

#include "store/Database.h"

namespace netcity::store {

// The keys of the «Восстановить пароль» requests answered (issue #17), written in the
// transaction that writes the answer. A request leaves its queue only after that commits,
// and the queue may be another store: a key recorded here means "answered already" to a
// worker that finds the request still queued (a node stopped in between, or two nodes took
// the same request).
class RecoveryAnswers {
  public:
    RecoveryAnswers(Database& db, Poco::Data::Session& session) : db_(db), s_(session) {}

    // False when the request was answered already. Of two nodes recording one key at once, the
    // second waits for the first's transaction and gets false when it commits.
    bool record(const std::string& requestKey, std::int64_t at);
    // Keys older than `before`: a request is taken off its queue seconds after its answer.
    long removeOlderThan(std::int64_t before);

  private:
    Database& db_;
    Poco::Data::Session& s_;
};

}  // namespace netcity::store
