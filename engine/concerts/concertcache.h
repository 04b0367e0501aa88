#pragma once

#include "engine/concerts/concertevent.h"
#include "engine/store/sqlitedatabase.h"

#include <QList>
#include <QString>

#include <optional>

namespace engine
{

// What the cache holds for one query: its events, when they were fetched and whether they are still fresh.
struct CachedConcerts {
    QList<ConcertEvent> events;
    qint64 fetchedAtMs = 0;
    qint64 expiresAtMs = 0;
};

// The client's concert cache (tables concert_queries and concert_events, migration 0005).
class ConcertCache
{
public:
    static Result<ConcertCache> create(SqliteDatabase &database);

    // What is cached for the query, fresh or not; nothing when it was never fetched.
    Result<std::optional<CachedConcerts>> load(const QString &provider, const QString &queryKey);
    // Replaces the query's events in one transaction.
    Result<void> save(const QString &provider,
                      const QString &queryKey,
                      const QList<ConcertEvent> &events,
                      qint64 fetchedAtMs,
                      qint64 expiresAtMs);

private:
    explicit ConcertCache(SqliteDatabase &database);

    SqliteDatabase *m_database;
};

// An artist the user follows, has among the top artists, or plays most, with why.
struct UserArtist {
    QString spotifyId;
    QString name;
    bool followed = false;
    int topRank = 0; // in the latest long-term (else any) top-artists snapshot; 0: not there
    int plays = 0;
};

// Followed artists, the latest top artists and the `mostPlayed` most played artists of the cache, each once:
// followed first, then by top rank, then by plays.
Result<QList<UserArtist>> loadUserArtists(SqliteDatabase &database, int mostPlayed);

} // namespace engine
