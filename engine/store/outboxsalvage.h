#pragma once

#include "engine/store/sqlitedatabase.h"

#include <QString>

namespace engine
{

// What salvaging the outbox of a damaged cache achieved (RELIABILITY.md SQ-4 step 3).
struct OutboxSalvage {
    bool outboxFound = false; // the damaged file's schema could be read and has an outbox table
    int recovered = 0; // events copied into the fresh cache
    int lost = 0; // events known to have been there (from the table or its event_id index) that could not be read
    QString detail; // why nothing could be read, for the log
};

// Copies the outbox events that can still be read from the damaged cache at `damagedPath` (with its -wal file,
// if any) into `target`, keeping event_id, kind, payload, created_at_ms, attempts and last_attempt_at_ms.
//
// The outbox is the one part of the cache that cannot be fetched again, so this reads as much as SQLite will
// give: it works on a scratch copy in `scratchDir` (the quarantined file is never modified), puts back a
// header whose magic string was overwritten, walks the table by rowid and steps over every page SQLite
// reports as damaged, and looks up each row the event_id index still lists. A row is taken only when it
// passes the checks the outbox makes on its own rows (a UUID event_id, a known kind, a JSON object payload);
// an event already in `target` is left as it is.
OutboxSalvage salvageOutbox(const QString &damagedPath, const QString &scratchDir, SqliteDatabase &target);

} // namespace engine
