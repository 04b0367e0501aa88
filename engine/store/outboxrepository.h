#pragma once

#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace engine
{

enum class OutboxKind { Play, Feedback, LibrarySnapshot };

QString outboxKindName(OutboxKind kind); // "play", "feedback", "library_snapshot"
std::optional<OutboxKind> outboxKindFromName(const QString &name); // nullopt for a name the outbox does not know

struct OutboxEvent {
    QString eventId; // generated here; the hub's idempotency key
    OutboxKind kind = OutboxKind::Play;
    QJsonObject payload;
    qint64 createdAtMs = 0;
    int attempts = 0;
    std::optional<qint64> lastAttemptAtMs;

    friend bool operator==(const OutboxEvent &, const OutboxEvent &) = default;
};

// Events for the hub that it has not acknowledged yet: the one thing in the cache that cannot be fetched
// again. The connection runs synchronous=FULL (Store::open), so an event whose enqueue() returned survives
// a crash or a power cut; a row is deleted only when the hub acknowledged its event_id, so retries neither
// lose nor duplicate events.
//
// Lives on the store's thread and no longer than the SqliteDatabase it was created on.
class OutboxRepository
{
public:
    static Result<OutboxRepository> create(SqliteDatabase &database);

    // Returns the new event's id (a UUID without braces).
    Result<QString> enqueue(OutboxKind kind, const QJsonObject &payload);
    // The oldest `limit` events, in the order they were enqueued.
    Result<QList<OutboxEvent>> pending(int limit);
    // The same, stepping over the listed events (those the hub refused, kept for the user to see).
    Result<QList<OutboxEvent>> pending(int limit, const QStringList &excludedEventIds);
    // Deletes the listed events (ids not in the outbox are ignored); returns how many were deleted.
    Result<int> acknowledge(const QStringList &eventIds);
    // Counts an upload attempt for the listed events.
    Result<void> markAttempt(const QStringList &eventIds);
    // How many events wait for the hub.
    Result<qint64> pendingCount();

private:
    explicit OutboxRepository(SqliteDatabase &database);

    SqliteDatabase *m_database = nullptr;
    SqliteStatement m_insertEvent;
    SqliteStatement m_selectPending;
    SqliteStatement m_selectPendingExcept;
    SqliteStatement m_deleteEvents;
    SqliteStatement m_markAttempt;
    SqliteStatement m_countPending;
};

} // namespace engine
