#pragma once

#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace engine
{

// The payload of a library_snapshot outbox event (hub/openapi.yaml LibrarySnapshotPayload) as the cache knows the
// library now: saved tracks, followed artists, the latest long-term top artists (best first) and the names of
// those artists, which the hub's concert refresh searches providers by.
Result<QJsonObject> librarySnapshotPayload(SqliteDatabase &database, qint64 takenAtMs);

// Queues a library snapshot for the hub when the library differs from the last one queued (cache_metadata
// library_snapshot_signature), so that a sync that changed nothing adds nothing to the outbox. Returns the new
// event's id, or nothing when the library was unchanged or is still empty.
Result<std::optional<QString>> enqueueLibrarySnapshot(SqliteDatabase &database, qint64 takenAtMs);

} // namespace engine
