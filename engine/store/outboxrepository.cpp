#include "engine/store/outboxrepository.h"

#include "engine/store/repositorysupport.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUuid>

namespace engine
{

using store::jsonArray;
using store::nowMs;
using store::toOptionalInteger;

QString outboxKindName(OutboxKind kind)
{
    switch (kind) {
    case OutboxKind::Play:
        return QStringLiteral("play");
    case OutboxKind::Feedback:
        return QStringLiteral("feedback");
    case OutboxKind::LibrarySnapshot:
        return QStringLiteral("library_snapshot");
    }
    return QStringLiteral("play");
}

std::optional<OutboxKind> outboxKindFromName(const QString &name)
{
    for (const OutboxKind kind : {OutboxKind::Play, OutboxKind::Feedback, OutboxKind::LibrarySnapshot}) {
        if (outboxKindName(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

OutboxRepository::OutboxRepository(SqliteDatabase &database)
    : m_database(&database)
{
}

Result<OutboxRepository> OutboxRepository::create(SqliteDatabase &database)
{
    OutboxRepository r(database);
    const auto prepared = database.prepareAll({
        {&r.m_insertEvent, "INSERT INTO outbox (event_id, kind, payload, created_at_ms) VALUES (?1, ?2, ?3, ?4)"},
        {&r.m_selectPending,
         "SELECT event_id, kind, payload, created_at_ms, attempts, last_attempt_at_ms FROM outbox ORDER BY id "
         "LIMIT ?1"},
        {&r.m_selectPendingExcept,
         "SELECT event_id, kind, payload, created_at_ms, attempts, last_attempt_at_ms FROM outbox WHERE event_id NOT "
         "IN (SELECT value FROM json_each(?2)) ORDER BY id LIMIT ?1"},
        {&r.m_deleteEvents, "DELETE FROM outbox WHERE event_id IN (SELECT value FROM json_each(?1))"},
        {&r.m_markAttempt,
         "UPDATE outbox SET attempts = attempts + 1, last_attempt_at_ms = ?2 WHERE event_id IN (SELECT value FROM "
         "json_each(?1))"},
        {&r.m_countPending, "SELECT count(*) FROM outbox"},
    });
    if (!prepared) {
        return prepared.error();
    }
    return r;
}

Result<QString> OutboxRepository::enqueue(OutboxKind kind, const QJsonObject &payload)
{
    const QString eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString json = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const auto written = m_database->transaction([this, &eventId, kind, &json] {
        return m_insertEvent.execute({eventId, outboxKindName(kind), json, nowMs()});
    });
    if (!written) {
        return written.error();
    }
    return eventId;
}

Result<QList<OutboxEvent>> OutboxRepository::pending(int limit)
{
    return pending(limit, {});
}

Result<QList<OutboxEvent>> OutboxRepository::pending(int limit, const QStringList &excludedEventIds)
{
    const auto rows = excludedEventIds.isEmpty() ? m_selectPending.query({limit})
                                                 : m_selectPendingExcept.query({limit, jsonArray(excludedEventIds)});
    if (!rows) {
        return rows.error();
    }
    QList<OutboxEvent> events;
    events.reserve(rows.value().size());
    for (const QVariantList &row : rows.value()) {
        const QString eventId = row.value(0).toString();
        const std::optional<OutboxKind> kind = outboxKindFromName(row.value(1).toString());
        QJsonParseError parseError;
        const QJsonDocument payload = QJsonDocument::fromJson(row.value(2).toString().toUtf8(), &parseError);
        if (!kind || parseError.error != QJsonParseError::NoError || !payload.isObject()) {
            return Error{Error::Code::Corrupt,
                         QStringLiteral("Outbox event %1 in %2 cannot be read.").arg(eventId, m_database->path())};
        }
        events.append(OutboxEvent{eventId,
                                  *kind,
                                  payload.object(),
                                  row.value(3).toLongLong(),
                                  row.value(4).toInt(),
                                  toOptionalInteger(row.value(5))});
    }
    return events;
}

Result<int> OutboxRepository::acknowledge(const QStringList &eventIds)
{
    return inTransaction<int>(*m_database, [this, &eventIds]() -> Result<int> {
        if (auto deleted = m_deleteEvents.execute({jsonArray(eventIds)}); !deleted) {
            return deleted.error();
        }
        return int(m_database->changes());
    });
}

Result<void> OutboxRepository::markAttempt(const QStringList &eventIds)
{
    return m_database->transaction([this, &eventIds] {
        return m_markAttempt.execute({jsonArray(eventIds), nowMs()});
    });
}

Result<qint64> OutboxRepository::pendingCount()
{
    const auto rows = m_countPending.query();
    if (!rows) {
        return rows.error();
    }
    return rows.value().value(0).value(0).toLongLong();
}

} // namespace engine
