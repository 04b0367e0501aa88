#pragma once

#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QList>
#include <QString>

#include <optional>

namespace engine
{

// Where the sync of one resource ("profile", "recently_played", "top_tracks_short_term" …) continues and
// how its last attempt went. last_error is shown to the user: it must never carry a token or a URL query.
struct SyncState {
    QString resource;
    QString cursor;
    QString snapshot;
    std::optional<qint64> lastAttemptAtMs;
    std::optional<qint64> lastSuccessAtMs;
    QString lastError;

    friend bool operator==(const SyncState &, const SyncState &) = default;
};

// A stretch in which recently-played polling may have missed plays.
struct SyncGap {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 detectedAtMs = 0;

    friend bool operator==(const SyncGap &, const SyncGap &) = default;
};

// Lives on the store's thread and no longer than the SqliteDatabase it was created on.
class SyncStateRepository
{
public:
    static Result<SyncStateRepository> create(SqliteDatabase &database);

    // A resource never synced comes back with only its name set.
    Result<SyncState> state(const QString &resource);
    // Every resource with a state, by name: what `tunescout-cli status` lists.
    Result<QList<SyncState>> all();

    Result<void> setCursor(const QString &resource, const QString &cursor);
    Result<void> setSnapshot(const QString &resource, const QString &snapshot);
    Result<void> recordAttempt(const QString &resource, qint64 atMs);
    // Also clears the last error.
    Result<void> recordSuccess(const QString &resource, qint64 atMs);
    Result<void> recordFailure(const QString &resource, qint64 atMs, const QString &message);

    Result<void> recordGap(qint64 fromMs, qint64 toMs);
    // Oldest first.
    Result<QList<SyncGap>> gaps();

private:
    explicit SyncStateRepository(SqliteDatabase &database);

    Result<void> write(SqliteStatement &statement, const QVariantList &parameters);

    SqliteDatabase *m_database = nullptr;
    SqliteStatement m_selectState;
    SqliteStatement m_selectAll;
    SqliteStatement m_upsertCursor;
    SqliteStatement m_upsertSnapshot;
    SqliteStatement m_upsertAttempt;
    SqliteStatement m_upsertSuccess;
    SqliteStatement m_upsertFailure;
    SqliteStatement m_insertGap;
    SqliteStatement m_selectGaps;
};

} // namespace engine
