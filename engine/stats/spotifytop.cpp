#include "engine/stats/spotifytop.h"

#include "engine/store/libraryrepository.h"

#include <QHash>

#include <algorithm>
#include <limits>
#include <tuple>
#include <vector>

namespace engine
{

namespace
{

// The entries of one snapshot, with each track's artists in credit order (joined by U+001F, which no name holds).
QByteArray entriesSql(SpotifyTopKind kind)
{
    if (kind == SpotifyTopKind::Artists) {
        return "SELECT i.rank, a.id, a.spotify_id, a.name, NULL FROM top_snapshot_items i "
               "JOIN artists a ON a.id = i.artist_id WHERE i.snapshot_id = ?1 ORDER BY i.rank";
    }
    return "SELECT i.rank, t.id, t.spotify_id, t.name, "
           "(SELECT group_concat(name, char(31)) FROM (SELECT a.name FROM track_artists ta "
           "JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id ORDER BY ta.position)) "
           "FROM top_snapshot_items i JOIN tracks t ON t.id = i.track_id WHERE i.snapshot_id = ?1 ORDER BY i.rank";
}

} // namespace

QString spotifyTopKindName(SpotifyTopKind kind)
{
    return kind == SpotifyTopKind::Artists ? QStringLiteral("artists") : QStringLiteral("tracks");
}

Result<std::optional<SpotifyTopList>> latestSpotifyTop(SqliteDatabase &database, SpotifyTopKind kind, TopRange range)
{
    auto snapshots = database.prepare("SELECT id, taken_on FROM top_snapshots WHERE kind = ?1 AND time_range = ?2 "
                                      "ORDER BY taken_on DESC LIMIT 1");
    if (!snapshots) {
        return snapshots.error();
    }
    const auto latest = snapshots.value().query({spotifyTopKindName(kind), topRangeName(range)});
    if (!latest) {
        return latest.error();
    }
    if (latest.value().isEmpty()) {
        return std::optional<SpotifyTopList>();
    }
    SpotifyTopList list;
    list.kind = kind;
    list.range = range;
    list.takenOn = QDate::fromString(latest.value().constFirst().at(1).toString(), Qt::ISODate);
    auto entries = database.prepare(entriesSql(kind));
    if (!entries) {
        return entries.error();
    }
    const auto rows = entries.value().query({latest.value().constFirst().at(0)});
    if (!rows) {
        return rows.error();
    }
    for (const QVariantList &row : rows.value()) {
        const QString artists = row.at(4).toString();
        list.entries.append({row.at(0).toInt(),
                             row.at(1).toLongLong(),
                             row.at(2).toString(),
                             row.at(3).toString(),
                             artists.isEmpty() ? QStringList() : artists.split(QChar(31))});
    }
    return std::optional<SpotifyTopList>(std::move(list));
}

Result<SpotifyTopHistory> spotifyTopHistory(SqliteDatabase &database, SpotifyTopKind kind, TopRange range)
{
    const QByteArray item = kind == SpotifyTopKind::Artists ? "artist" : "track";
    auto statement = database.prepare("SELECT s.taken_on, i.rank, x.id, x.spotify_id, x.name FROM top_snapshots s "
                                      "JOIN top_snapshot_items i ON i.snapshot_id = s.id JOIN "
                                      + item + "s x ON x.id = i." + item
                                      + "_id WHERE s.kind = ?1 AND s.time_range = ?2 ORDER BY s.taken_on, i.rank");
    if (!statement) {
        return statement.error();
    }
    SqliteStatement &rows = statement.value();
    if (auto bound = rows.rebind({spotifyTopKindName(kind), topRangeName(range)}); !bound) {
        return bound.error();
    }
    SpotifyTopHistory history;
    QHash<qint64, qsizetype> lineOf;
    // Each rank as (date, line, rank); the rank lists are filled in once every date is known.
    struct Placing {
        qsizetype date;
        qsizetype line;
        int rank;
    };
    std::vector<Placing> placings;
    QByteArray lastDate;
    for (;;) {
        const auto row = rows.step();
        if (!row) {
            const Error error = row.error();
            rows.reset();
            return error;
        }
        if (!row.value()) {
            break;
        }
        // Rows come date by date: a date is parsed only when its text changes.
        if (const QByteArrayView text = rows.columnBytes(0); history.dates.isEmpty() || text != lastDate) {
            lastDate = text.toByteArray();
            const QDate date = QDate::fromString(QString::fromUtf8(lastDate), Qt::ISODate);
            if (history.dates.isEmpty() || history.dates.constLast() != date) {
                history.dates.append(date);
            }
        }
        const qint64 id = rows.columnInt64(2);
        auto found = lineOf.constFind(id);
        if (found == lineOf.cend()) {
            history.items.append({id, rows.columnText(3), rows.columnText(4), {}});
            found = lineOf.insert(id, history.items.size() - 1);
        }
        placings.push_back({history.dates.size() - 1, *found, int(rows.columnInt64(1))});
    }
    rows.reset();
    for (SpotifyTopHistory::Line &line : history.items) {
        line.ranks.fill(0, history.dates.size());
    }
    for (const Placing &placing : placings) {
        history.items[placing.line].ranks[placing.date] = placing.rank;
    }
    // Sort keys computed once: the latest rank (absent last), the best rank ever, the id.
    std::vector<std::pair<std::tuple<int, int, qint64>, qsizetype>> keys;
    keys.reserve(std::size_t(history.items.size()));
    for (qsizetype i = 0; i < history.items.size(); ++i) {
        const auto &line = history.items.at(i);
        const int latest = line.ranks.constLast() == 0 ? std::numeric_limits<int>::max() : line.ranks.constLast();
        int best = std::numeric_limits<int>::max();
        for (const int rank : line.ranks) {
            if (rank > 0) {
                best = std::min(best, rank);
            }
        }
        keys.push_back({std::tuple(latest, best, line.id), i});
    }
    std::sort(keys.begin(), keys.end());
    QList<SpotifyTopHistory::Line> sorted;
    sorted.reserve(history.items.size());
    for (const auto &key : keys) {
        sorted.append(std::move(history.items[key.second]));
    }
    history.items = std::move(sorted);
    return history;
}

} // namespace engine
