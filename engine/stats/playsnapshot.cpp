#include "engine/stats/playsnapshot.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QMap>

#include <algorithm>
#include <limits>

namespace engine
{

namespace
{

Q_LOGGING_CATEGORY(lcStats, "tunescout.stats.snapshot")

constexpr qint64 DayMs = 86'400'000;
constexpr qint64 HourMs = 3'600'000;
// QDate's Julian day of 1970-01-01.
constexpr qint64 EpochJulianDay = 2'440'588;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

int releaseYear(const QString &text)
{
    // "1981", "1981-12" or "1981-12-07": the year is always the first four characters.
    bool ok = false;
    const int year = text.left(4).toInt(&ok);
    return ok && text.size() >= 4 && year > 0 ? year : 0;
}

// Runs `sql` with `parameters` and calls `row(statement)` for each row, which reads it with the typed reads,
// without collecting the rows first.
template<typename RowFunction>
Result<void>
forEachRow(SqliteDatabase &database, const QByteArray &sql, const QVariantList &parameters, RowFunction row)
{
    auto prepared = database.prepare(sql);
    if (!prepared) {
        return prepared.error();
    }
    SqliteStatement &statement = prepared.value();
    if (auto bound = statement.rebind(parameters); !bound) {
        return bound;
    }
    for (;;) {
        const auto stepped = statement.step();
        if (!stepped) {
            statement.reset();
            return stepped.error();
        }
        if (!stepped.value()) {
            break;
        }
        row(statement);
    }
    statement.reset();
    return {};
}

// A track's tags as shares of one play: votes over the sum of votes.
std::vector<PlaySnapshot::TagWeight> normalisedWeights(const QMap<qint32, qint64> &votesByTag)
{
    qint64 total = 0;
    for (const qint64 votes : votesByTag) {
        total += votes;
    }
    std::vector<PlaySnapshot::TagWeight> weights;
    if (total <= 0) {
        return weights;
    }
    weights.reserve(votesByTag.size());
    for (auto it = votesByTag.cbegin(); it != votesByTag.cend(); ++it) {
        weights.push_back({it.key(), double(it.value()) / double(total)});
    }
    return weights;
}

} // namespace

Result<PlaySnapshot> PlaySnapshot::load(SqliteDatabase &database, const QTimeZone &zone)
{
    PlaySnapshot snapshot;
    snapshot.m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (auto loaded = snapshot.loadCatalogue(database); !loaded) {
        return loaded.error();
    }
    const auto plays = snapshot.loadPlays(database, 0);
    if (!plays) {
        return plays.error();
    }
    qCDebug(lcStats) << "loaded" << plays.value() << "plays of" << snapshot.m_tracks.size() << "tracks";
    return snapshot;
}

Result<int> PlaySnapshot::refresh(SqliteDatabase &database)
{
    return loadPlays(database, m_lastPlayId);
}

Result<void> PlaySnapshot::loadCatalogue(SqliteDatabase &database)
{
    m_tracks.clear();
    m_artists.clear();
    m_albums.clear();
    m_tagNames.clear();
    m_trackIndex.clear();

    QHash<qint64, qint32> artistIndex;
    auto done =
        forEachRow(database, "SELECT id, spotify_id, name FROM artists ORDER BY id", {}, [&](SqliteStatement &s) {
            artistIndex.insert(s.columnInt64(0), qint32(m_artists.size()));
            m_artists.push_back({s.columnInt64(0), s.columnText(1), s.columnText(2)});
        });
    if (!done) {
        return done;
    }
    QHash<qint64, qint32> albumIndex;
    done = forEachRow(
        database,
        "SELECT id, spotify_id, name, release_date FROM albums ORDER BY id",
        {},
        [&](SqliteStatement &s) {
            albumIndex.insert(s.columnInt64(0), qint32(m_albums.size()));
            m_albums.push_back({s.columnInt64(0), s.columnText(1), s.columnText(2), releaseYear(s.columnText(3)), {}});
        });
    if (!done) {
        return done;
    }
    done = forEachRow(database,
                      "SELECT album_id, artist_id FROM album_artists ORDER BY album_id, position",
                      {},
                      [&](SqliteStatement &s) {
                          const auto album = albumIndex.constFind(s.columnInt64(0));
                          const auto artist = artistIndex.constFind(s.columnInt64(1));
                          if (album != albumIndex.cend() && artist != artistIndex.cend()) {
                              m_albums[*album].artists.push_back(*artist);
                          }
                      });
    if (!done) {
        return done;
    }
    done = forEachRow(database,
                      "SELECT id, spotify_id, name, album_id, duration_ms FROM tracks ORDER BY id",
                      {},
                      [&](SqliteStatement &s) {
                          m_trackIndex.insert(s.columnInt64(0), qint32(m_tracks.size()));
                          TrackInfo track;
                          track.id = s.columnInt64(0);
                          track.spotifyId = s.columnText(1);
                          track.name = s.columnText(2);
                          track.album = s.isNull(3) ? -1 : albumIndex.value(s.columnInt64(3), -1);
                          track.durationMs = qint32(std::clamp<qint64>(s.columnInt64(4), 0, 1LL << 30));
                          m_tracks.push_back(std::move(track));
                      });
    if (!done) {
        return done;
    }
    done = forEachRow(database,
                      "SELECT track_id, artist_id FROM track_artists ORDER BY track_id, position",
                      {},
                      [&](SqliteStatement &s) {
                          const auto track = m_trackIndex.constFind(s.columnInt64(0));
                          const auto artist = artistIndex.constFind(s.columnInt64(1));
                          if (track != m_trackIndex.cend() && artist != artistIndex.cend()) {
                              m_tracks[*track].artists.push_back(*artist);
                          }
                      });
    if (!done) {
        return done;
    }

    QHash<qint64, qint32> tagIndex;
    done = forEachRow(database, "SELECT id, name FROM tags ORDER BY id", {}, [&](SqliteStatement &s) {
        tagIndex.insert(s.columnInt64(0), qint32(m_tagNames.size()));
        m_tagNames.append(s.columnText(1));
    });
    if (!done) {
        return done;
    }
    // Votes by tag, per track and per artist; negative or zero votes (a disputed tag) carry no weight.
    QHash<qint32, QMap<qint32, qint64>> trackVotes;
    done = forEachRow(database,
                      "SELECT track_id, tag_id, votes FROM track_tags WHERE votes > 0",
                      {},
                      [&](SqliteStatement &s) {
                          const auto track = m_trackIndex.constFind(s.columnInt64(0));
                          const auto tag = tagIndex.constFind(s.columnInt64(1));
                          if (track != m_trackIndex.cend() && tag != tagIndex.cend()) {
                              trackVotes[*track][*tag] += s.columnInt64(2);
                          }
                      });
    if (!done) {
        return done;
    }
    QHash<qint32, QMap<qint32, qint64>> artistVotes;
    done = forEachRow(database,
                      "SELECT artist_id, tag_id, votes FROM artist_tags WHERE votes > 0",
                      {},
                      [&](SqliteStatement &s) {
                          const auto artist = artistIndex.constFind(s.columnInt64(0));
                          const auto tag = tagIndex.constFind(s.columnInt64(1));
                          if (artist != artistIndex.cend() && tag != tagIndex.cend()) {
                              artistVotes[*artist][*tag] += s.columnInt64(2);
                          }
                      });
    if (!done) {
        return done;
    }
    for (qint32 i = 0; i < qint32(m_tracks.size()); ++i) {
        TrackInfo &track = m_tracks[i];
        if (const auto own = trackVotes.constFind(i); own != trackVotes.cend()) {
            track.tags = normalisedWeights(*own);
            continue;
        }
        if (artistVotes.isEmpty()) {
            continue;
        }
        // Without tags of its own a track takes its artists' tags, every credited artist's votes together.
        QMap<qint32, qint64> votes;
        for (const qint32 artist : track.artists) {
            const auto tags = artistVotes.constFind(artist);
            if (tags == artistVotes.cend()) {
                continue;
            }
            for (auto it = tags->cbegin(); it != tags->cend(); ++it) {
                votes[it.key()] += it.value();
            }
        }
        track.tags = normalisedWeights(votes);
    }
    return {};
}

Result<int> PlaySnapshot::loadPlays(SqliteDatabase &database, qint64 afterId)
{
    std::vector<Row> added;
    QHash<QByteArray, PlatformGroup> platforms;
    qint64 lastId = m_lastPlayId;
    bool unknownTrack = false;
    // Read in rowid order (a plain table scan) and sorted here: much faster than walking the time index.
    const auto done = forEachRow(
        database,
        "SELECT id, track_id, played_at_ms, ms_played, source = 'imported', skipped, shuffle, offline, incognito, "
        "reason_end = 'fwdbtn', platform FROM plays WHERE id > ?1 ORDER BY id",
        {afterId},
        [&](SqliteStatement &s) {
            lastId = s.columnInt64(0);
            const auto track = m_trackIndex.constFind(s.columnInt64(1));
            if (track == m_trackIndex.cend()) {
                unknownTrack = true;
                return;
            }
            Row row;
            row.playedAtMs = s.columnInt64(2);
            row.track = *track;
            const bool msKnown = !s.isNull(3);
            const qint64 ms = msKnown ? std::clamp<qint64>(s.columnInt64(3), 0, 1LL << 30) : 0;
            quint16 flags = 0;
            if (!msKnown || ms >= CountedPlayMs) {
                flags |= Counted;
            }
            if (s.columnInt64(5) == 1 || s.columnInt64(9) == 1 || (msKnown && ms < CountedPlayMs)) {
                flags |= Skip;
            }
            if (!s.isNull(6)) {
                flags |= ShuffleKnown | (s.columnInt64(6) == 1 ? Shuffle : 0);
            }
            if (!s.isNull(7)) {
                flags |= OfflineKnown | (s.columnInt64(7) == 1 ? Offline : 0);
            }
            if (s.columnInt64(8) == 1) {
                flags |= Incognito;
            }
            if (s.columnInt64(4) == 1) {
                flags |= Imported;
            }
            row.flags = flags;
            row.msPlayed = qint32(msKnown ? ms : m_tracks[*track].durationMs);
            if (!s.isNull(10)) {
                // A few distinct platform strings repeat over every row: look the bytes up without copying them.
                const QByteArrayView text = s.columnBytes(10);
                const QByteArray key = QByteArray::fromRawData(text.data(), text.size());
                auto known = platforms.constFind(key);
                if (known == platforms.cend()) {
                    known = platforms.insert(text.toByteArray(), normalisePlatform(QString::fromUtf8(text)));
                }
                row.platform = *known;
            }
            added.push_back(row);
        });
    if (!done) {
        return done.error();
    }
    if (unknownTrack) {
        // A play of a track added after the catalogue was read: read everything again.
        if (auto reloaded = loadCatalogue(database); !reloaded) {
            return reloaded.error();
        }
        m_rows.clear();
        m_lastPlayId = 0;
        return loadPlays(database, 0);
    }
    m_lastPlayId = lastId;
    if (added.empty()) {
        return 0;
    }

    std::stable_sort(added.begin(), added.end(), [](const Row &a, const Row &b) {
        return a.playedAtMs < b.playedAtMs;
    });
    const qint64 earliest =
        std::min(added.front().playedAtMs, m_rows.empty() ? added.front().playedAtMs : m_rows.front().playedAtMs);
    const qint64 latest =
        std::max(added.back().playedAtMs, m_rows.empty() ? added.back().playedAtMs : m_rows.back().playedAtMs);
    computeOffsets(earliest, latest);
    for (Row &row : added) {
        row.localDay = localDayAndHour(row.playedAtMs, row.hourOfWeek);
        if (!row.has(Counted)) {
            continue;
        }
        for (const qint32 artist : m_tracks[row.track].artists) {
            ArtistInfo &info = m_artists[artist];
            if (row.playedAtMs < info.firstPlayedAtMs) {
                info.firstPlayedAtMs = row.playedAtMs;
                info.firstLocalDay = row.localDay;
            }
        }
    }
    const auto middle = qsizetype(m_rows.size());
    m_rows.insert(m_rows.end(), added.begin(), added.end());
    if (middle > 0 && m_rows[middle].playedAtMs < m_rows[middle - 1].playedAtMs) {
        std::inplace_merge(m_rows.begin(), m_rows.begin() + middle, m_rows.end(), [](const Row &a, const Row &b) {
            return a.playedAtMs < b.playedAtMs;
        });
    }
    return int(added.size());
}

void PlaySnapshot::computeOffsets(qint64 fromMs, qint64 toMs)
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs - DayMs, Qt::UTC);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs + DayMs, Qt::UTC);
    m_offsets.clear();
    m_offsets.push_back({std::numeric_limits<qint64>::min(), qint64(m_zone.offsetFromUtc(from)) * 1000});
    if (m_zone.hasTransitions()) {
        for (const QTimeZone::OffsetData &change : m_zone.transitions(from, to)) {
            m_offsets.push_back({change.atUtc.toMSecsSinceEpoch(), qint64(change.offsetFromUtc) * 1000});
        }
    }
}

qint32 PlaySnapshot::localDayAndHour(qint64 ms, quint8 &hourOfWeek) const
{
    const auto after =
        std::upper_bound(m_offsets.cbegin(), m_offsets.cend(), ms, [](qint64 value, const OffsetChange &c) {
            return value < c.startMs;
        });
    const qint64 local = ms + std::prev(after)->offsetMs;
    const qint64 day = floorDiv(local, DayMs);
    const qint64 hour = (local - day * DayMs) / HourMs;
    // 1970-01-01 was a Thursday: ISO weekday index 3 with Monday as 0.
    const qint64 weekday = ((day + 3) % 7 + 7) % 7;
    hourOfWeek = quint8(weekday * 24 + hour);
    return qint32(day);
}

const QTimeZone &PlaySnapshot::zone() const
{
    return m_zone;
}

std::span<const PlaySnapshot::Row> PlaySnapshot::rows() const
{
    return m_rows;
}

const std::vector<PlaySnapshot::TrackInfo> &PlaySnapshot::tracks() const
{
    return m_tracks;
}

const std::vector<PlaySnapshot::ArtistInfo> &PlaySnapshot::artists() const
{
    return m_artists;
}

const std::vector<PlaySnapshot::AlbumInfo> &PlaySnapshot::albums() const
{
    return m_albums;
}

const QStringList &PlaySnapshot::tagNames() const
{
    return m_tagNames;
}

std::span<const PlaySnapshot::Row> PlaySnapshot::rowsBetween(qint64 fromMs, qint64 toMs) const
{
    if (fromMs >= toMs) {
        return {};
    }
    const auto byTime = [](const Row &row, qint64 ms) {
        return row.playedAtMs < ms;
    };
    const auto begin = std::lower_bound(m_rows.cbegin(), m_rows.cend(), fromMs, byTime);
    const auto end = std::lower_bound(begin, m_rows.cend(), toMs, byTime);
    return {begin, end};
}

QDate PlaySnapshot::dateOfDay(qint32 localDay)
{
    return QDate::fromJulianDay(EpochJulianDay + localDay);
}

qint32 PlaySnapshot::dayOfDate(QDate date)
{
    return qint32(date.toJulianDay() - EpochJulianDay);
}

qint64 PlaySnapshot::startOfDayMs(QDate date) const
{
    return date.startOfDay(m_zone).toMSecsSinceEpoch();
}

} // namespace engine
