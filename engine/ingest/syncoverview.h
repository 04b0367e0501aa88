#pragma once

#include "engine/model/result.h"
#include "engine/store/store.h"
#include "engine/store/syncstaterepository.h"

#include <QList>

#include <optional>

namespace engine
{

// What the app shows about the state of the sync, read from the cache in one job on the store's thread: how old
// the cached data is, what waits for the hub, and the stretches where plays may be missing that the user has not
// dismissed yet.
struct SyncOverview {
    std::optional<qint64> lastSuccessAtMs; // the last time any part of the sync succeeded (Unix ms)
    qint64 outboxPending = 0;
    QList<SyncGap> undismissedGaps; // oldest first
    QString userName; // the cached profile's display name, else its Spotify user id; empty before the first sync

    friend bool operator==(const SyncOverview &, const SyncOverview &) = default;
};

namespace syncoverview
{

// The cache_metadata key under which the detection time of the newest gap the user dismissed is kept: gaps
// detected later are shown again.
inline constexpr char DismissedGapsKey[] = "sync_gaps_dismissed_through_ms";

// Every part's sync state and every gap recorded, as the overview and the sync's plan both read them.
struct RecordedStates {
    QList<SyncState> states;
    QList<SyncGap> gaps;
};
Result<RecordedStates> readStates(SqliteDatabase &database);

Result<SyncOverview> read(Store &store);
// Hides every gap detected up to `detectedAtMs`.
Result<void> dismissGapsThrough(Store &store, qint64 detectedAtMs);

} // namespace syncoverview

} // namespace engine
