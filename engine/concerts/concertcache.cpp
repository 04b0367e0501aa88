#include "engine/concerts/concertcache.h"

#include <QJsonDocument>

namespace engine
{

ConcertCache::ConcertCache(SqliteDatabase &database)
    : m_database(&database)
{
}

Result<ConcertCache> ConcertCache::create(SqliteDatabase &database)
{
    return ConcertCache(database);
}

Result<std::optional<CachedConcerts>> ConcertCache::load(const QString &provider, const QString &queryKey)
{
    auto query = m_database->prepare("SELECT id, fetched_at_ms, expires_at_ms FROM concert_queries "
                                     "WHERE provider = ?1 AND query_key = ?2");
    if (!query) {
        return query.error();
    }
    const auto rows = query.value().query({provider, queryKey});
    if (!rows) {
        return rows.error();
    }
    if (rows.value().isEmpty()) {
        return std::optional<CachedConcerts>();
    }
    const QVariantList &row = rows.value().constFirst();
    CachedConcerts cached;
    cached.fetchedAtMs = row.at(1).toLongLong();
    cached.expiresAtMs = row.at(2).toLongLong();
    auto events = m_database->prepare(
        "SELECT event_json FROM concert_events WHERE query_id = ?1 ORDER BY local_date, provider_event_id");
    if (!events) {
        return events.error();
    }
    const auto eventRows = events.value().query({row.at(0)});
    if (!eventRows) {
        return eventRows.error();
    }
    for (const QVariantList &eventRow : eventRows.value()) {
        auto event = concertEventFromJson(QJsonDocument::fromJson(eventRow.at(0).toString().toUtf8()).object());
        if (!event) {
            return event.error();
        }
        cached.events.append(event.value());
    }
    return std::optional<CachedConcerts>(cached);
}

Result<void> ConcertCache::save(const QString &provider,
                                const QString &queryKey,
                                const QList<ConcertEvent> &events,
                                qint64 fetchedAtMs,
                                qint64 expiresAtMs)
{
    return m_database->transaction([&]() -> Result<void> {
        auto upsert = m_database->prepare(
            "INSERT INTO concert_queries (provider, query_key, fetched_at_ms, expires_at_ms) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (provider, query_key) DO UPDATE SET fetched_at_ms = excluded.fetched_at_ms, "
            "expires_at_ms = excluded.expires_at_ms RETURNING id");
        if (!upsert) {
            return upsert.error();
        }
        const auto rows = upsert.value().query({provider, queryKey, fetchedAtMs, expiresAtMs});
        if (!rows) {
            return rows.error();
        }
        const QVariant queryId = rows.value().constFirst().at(0);
        if (auto cleared = m_database->exec("DELETE FROM concert_events WHERE query_id = ?1", {queryId}); !cleared) {
            return cleared;
        }
        auto insert = m_database->prepare("INSERT OR REPLACE INTO concert_events (query_id, provider_event_id, "
                                          "local_date, event_json) VALUES (?1, ?2, ?3, ?4)");
        if (!insert) {
            return insert.error();
        }
        for (const ConcertEvent &event : events) {
            const QByteArray json = QJsonDocument(concertEventToJson(event)).toJson(QJsonDocument::Compact);
            if (auto inserted = insert.value().execute(
                    {queryId, event.providerEventId, event.localDate.toString(Qt::ISODate), QString::fromUtf8(json)});
                !inserted) {
                return inserted;
            }
        }
        return {};
    });
}

Result<QList<UserArtist>> loadUserArtists(SqliteDatabase &database, int mostPlayed)
{
    // The top list: the latest long-term snapshot, else the latest of any range.
    auto statement = database.prepare(R"sql(
        WITH latest AS (
            SELECT id FROM top_snapshots WHERE kind = 'artists'
            ORDER BY time_range = 'long_term' DESC, taken_on DESC LIMIT 1
        ),
        top AS (
            SELECT artist_id, MIN(rank) AS rank FROM top_snapshot_items
            WHERE snapshot_id IN (SELECT id FROM latest) AND artist_id IS NOT NULL GROUP BY artist_id
        ),
        played AS (
            SELECT ta.artist_id, COUNT(*) AS plays FROM plays p JOIN track_artists ta ON ta.track_id = p.track_id
            GROUP BY ta.artist_id
        ),
        most_played AS (SELECT artist_id FROM played ORDER BY plays DESC, artist_id LIMIT ?1)
        SELECT a.spotify_id, a.name, f.artist_id IS NOT NULL, COALESCE(t.rank, 0), COALESCE(p.plays, 0)
        FROM artists a
        LEFT JOIN followed_artists f ON f.artist_id = a.id
        LEFT JOIN top t ON t.artist_id = a.id
        LEFT JOIN played p ON p.artist_id = a.id
        WHERE f.artist_id IS NOT NULL OR t.artist_id IS NOT NULL OR a.id IN (SELECT artist_id FROM most_played)
        ORDER BY f.artist_id IS NULL, t.rank IS NULL, t.rank, COALESCE(p.plays, 0) DESC, a.name
    )sql");
    if (!statement) {
        return statement.error();
    }
    const auto rows = statement.value().query({mostPlayed});
    if (!rows) {
        return rows.error();
    }
    QList<UserArtist> artists;
    for (const QVariantList &row : rows.value()) {
        artists.append(UserArtist{row.at(0).toString(),
                                  row.at(1).toString(),
                                  row.at(2).toLongLong() != 0,
                                  int(row.at(3).toLongLong()),
                                  int(row.at(4).toLongLong())});
    }
    return artists;
}

} // namespace engine
