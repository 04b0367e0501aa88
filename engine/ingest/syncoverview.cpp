#include "engine/ingest/syncoverview.h"

#include "engine/store/outboxrepository.h"

namespace engine::syncoverview
{

Result<RecordedStates> readStates(SqliteDatabase &database)
{
    auto repository = SyncStateRepository::create(database);
    if (!repository) {
        return repository.error();
    }
    auto states = repository.value().all();
    if (!states) {
        return states.error();
    }
    auto gaps = repository.value().gaps();
    if (!gaps) {
        return gaps.error();
    }
    return RecordedStates{std::move(states).value(), std::move(gaps).value()};
}

Result<SyncOverview> read(Store &store)
{
    SqliteDatabase &database = store.database();
    const auto recorded = readStates(database);
    if (!recorded) {
        return recorded.error();
    }
    auto outbox = OutboxRepository::create(database);
    if (!outbox) {
        return outbox.error();
    }
    const auto pending = outbox.value().pendingCount();
    if (!pending) {
        return pending.error();
    }
    auto dismissed = database.prepare("SELECT value FROM cache_metadata WHERE key = ?1");
    if (!dismissed) {
        return dismissed.error();
    }
    const auto rows = dismissed.value().query({QString::fromLatin1(DismissedGapsKey)});
    if (!rows) {
        return rows.error();
    }
    // A value that is not a number hides nothing: showing a gap again is better than hiding one for good.
    const qint64 dismissedThrough = rows.value().isEmpty() ? -1 : rows.value().first().value(0).toString().toLongLong();

    auto user = database.prepare("SELECT coalesce(nullif(display_name, ''), spotify_user_id) FROM users "
                                 "ORDER BY fetched_at_ms DESC LIMIT 1");
    if (!user) {
        return user.error();
    }
    const auto userRows = user.value().query();
    if (!userRows) {
        return userRows.error();
    }

    SyncOverview overview;
    if (!userRows.value().isEmpty()) {
        overview.userName = userRows.value().first().value(0).toString();
    }
    for (const SyncState &state : recorded.value().states) {
        if (state.lastSuccessAtMs
            && (!overview.lastSuccessAtMs || *state.lastSuccessAtMs > *overview.lastSuccessAtMs)) {
            overview.lastSuccessAtMs = state.lastSuccessAtMs;
        }
    }
    overview.outboxPending = pending.value();
    for (const SyncGap &gap : recorded.value().gaps) {
        if (gap.detectedAtMs > dismissedThrough) {
            overview.undismissedGaps.append(gap);
        }
    }
    return overview;
}

Result<void> dismissGapsThrough(Store &store, qint64 detectedAtMs)
{
    SqliteDatabase &database = store.database();
    return database.transaction([&database, detectedAtMs] {
        // Never moves back: dismissing an older list (the view was stale) keeps newer dismissals.
        return database.exec("INSERT INTO cache_metadata (key, value) VALUES (?1, CAST(?2 AS TEXT)) ON CONFLICT (key) "
                             "DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), ?2) AS TEXT)",
                             {QString::fromLatin1(DismissedGapsKey), detectedAtMs});
    });
}

} // namespace engine::syncoverview
