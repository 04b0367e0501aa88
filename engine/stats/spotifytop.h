#pragma once

#include "engine/model/library.h"
#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Spotify's own top lists as the sync saved them each day (top_snapshots), for "what Spotify thinks" next to
// the statistics TuneScout computes itself, and for how those lists changed over time.
namespace engine
{

enum class SpotifyTopKind { Artists, Tracks };

struct SpotifyTopEntry {
    int rank = 0; // 1 is the top
    qint64 id = 0; // the row id in artists or tracks
    QString spotifyId;
    QString name;
    QStringList artistNames; // tracks only
};

struct SpotifyTopList {
    SpotifyTopKind kind = SpotifyTopKind::Artists;
    TopRange range = TopRange::ShortTerm;
    QDate takenOn;
    QList<SpotifyTopEntry> entries; // rank order
};

// The most recent snapshot of one list; nullopt when it was never synced.
Result<std::optional<SpotifyTopList>> latestSpotifyTop(SqliteDatabase &database, SpotifyTopKind kind, TopRange range);

// Every snapshot of one list: for each item ever on it, its rank on each snapshot date.
struct SpotifyTopHistory {
    struct Line {
        qint64 id = 0;
        QString spotifyId;
        QString name;
        QList<int> ranks; // one per date in `dates`; 0 when the item was not on that day's list
    };
    QList<QDate> dates; // oldest first
    QList<Line> items; // by best rank on the latest date, then best rank ever, then id
};
Result<SpotifyTopHistory> spotifyTopHistory(SqliteDatabase &database, SpotifyTopKind kind, TopRange range);

QString spotifyTopKindName(SpotifyTopKind kind); // "artists", "tracks"

} // namespace engine
