#include "engine/store/syncstaterepository.h"

#include "engine/store/repositorysupport.h"

namespace engine
{

using store::nowMs;
using store::textOrNull;
using store::toOptionalInteger;

namespace
{

SyncState stateFromRow(const QVariantList &row)
{
    return SyncState{row.value(0).toString(),
                     row.value(1).toString(),
                     row.value(2).toString(),
                     toOptionalInteger(row.value(3)),
                     toOptionalInteger(row.value(4)),
                     row.value(5).toString()};
}

} // namespace

SyncStateRepository::SyncStateRepository(SqliteDatabase &database)
    : m_database(&database)
{
}

Result<SyncStateRepository> SyncStateRepository::create(SqliteDatabase &database)
{
    SyncStateRepository r(database);
    const auto prepared = database.prepareAll({
        {&r.m_selectState,
         "SELECT resource, cursor, snapshot, last_attempt_at_ms, last_success_at_ms, last_error FROM sync_state "
         "WHERE resource = ?1"},
        {&r.m_selectAll,
         "SELECT resource, cursor, snapshot, last_attempt_at_ms, last_success_at_ms, last_error FROM sync_state "
         "ORDER BY resource"},
        {&r.m_upsertCursor,
         "INSERT INTO sync_state (resource, cursor) VALUES (?1, ?2) ON CONFLICT (resource) DO UPDATE SET "
         "cursor = excluded.cursor"},
        {&r.m_upsertSnapshot,
         "INSERT INTO sync_state (resource, snapshot) VALUES (?1, ?2) ON CONFLICT (resource) DO UPDATE SET "
         "snapshot = excluded.snapshot"},
        {&r.m_upsertAttempt,
         "INSERT INTO sync_state (resource, last_attempt_at_ms) VALUES (?1, ?2) ON CONFLICT (resource) DO UPDATE "
         "SET last_attempt_at_ms = excluded.last_attempt_at_ms"},
        {&r.m_upsertSuccess,
         "INSERT INTO sync_state (resource, last_attempt_at_ms, last_success_at_ms) VALUES (?1, ?2, ?2) ON CONFLICT "
         "(resource) DO UPDATE SET last_attempt_at_ms = excluded.last_attempt_at_ms, last_success_at_ms = "
         "excluded.last_success_at_ms, last_error = NULL"},
        {&r.m_upsertFailure,
         "INSERT INTO sync_state (resource, last_attempt_at_ms, last_error) VALUES (?1, ?2, ?3) ON CONFLICT "
         "(resource) DO UPDATE SET last_attempt_at_ms = excluded.last_attempt_at_ms, last_error = "
         "excluded.last_error"},
        {&r.m_insertGap, "INSERT INTO sync_gaps (from_ms, to_ms, detected_at_ms) VALUES (?1, ?2, ?3)"},
        {&r.m_selectGaps, "SELECT from_ms, to_ms, detected_at_ms FROM sync_gaps ORDER BY from_ms, id"},
    });
    if (!prepared) {
        return prepared.error();
    }
    return r;
}

Result<SyncState> SyncStateRepository::state(const QString &resource)
{
    const auto rows = m_selectState.query({resource});
    if (!rows) {
        return rows.error();
    }
    if (rows.value().isEmpty()) {
        return SyncState{resource, {}, {}, {}, {}, {}};
    }
    return stateFromRow(rows.value().first());
}

Result<QList<SyncState>> SyncStateRepository::all()
{
    const auto rows = m_selectAll.query();
    if (!rows) {
        return rows.error();
    }
    QList<SyncState> states;
    states.reserve(rows.value().size());
    for (const QVariantList &row : rows.value()) {
        states.append(stateFromRow(row));
    }
    return states;
}

Result<void> SyncStateRepository::write(SqliteStatement &statement, const QVariantList &parameters)
{
    return m_database->transaction([&statement, &parameters] {
        return statement.execute(parameters);
    });
}

Result<void> SyncStateRepository::setCursor(const QString &resource, const QString &cursor)
{
    return write(m_upsertCursor, {resource, textOrNull(cursor)});
}

Result<void> SyncStateRepository::setSnapshot(const QString &resource, const QString &snapshot)
{
    return write(m_upsertSnapshot, {resource, textOrNull(snapshot)});
}

Result<void> SyncStateRepository::recordAttempt(const QString &resource, qint64 atMs)
{
    return write(m_upsertAttempt, {resource, atMs});
}

Result<void> SyncStateRepository::recordSuccess(const QString &resource, qint64 atMs)
{
    return write(m_upsertSuccess, {resource, atMs});
}

Result<void> SyncStateRepository::recordFailure(const QString &resource, qint64 atMs, const QString &message)
{
    return write(m_upsertFailure, {resource, atMs, textOrNull(message)});
}

Result<void> SyncStateRepository::recordGap(qint64 fromMs, qint64 toMs)
{
    if (fromMs > toMs) {
        return Error{Error::Code::InvalidInput, QStringLiteral("A sync gap must not end before it starts.")};
    }
    return write(m_insertGap, {fromMs, toMs, nowMs()});
}

Result<QList<SyncGap>> SyncStateRepository::gaps()
{
    const auto rows = m_selectGaps.query();
    if (!rows) {
        return rows.error();
    }
    QList<SyncGap> gaps;
    gaps.reserve(rows.value().size());
    for (const QVariantList &row : rows.value()) {
        gaps.append(SyncGap{row.value(0).toLongLong(), row.value(1).toLongLong(), row.value(2).toLongLong()});
    }
    return gaps;
}

} // namespace engine
