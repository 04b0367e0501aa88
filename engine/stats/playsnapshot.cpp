#include "engine/stats/playsnapshot.h"

#include <QDateTime>
#include <QElapsedTimer>
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

// Puts rows in time order, keeping rows of the same instant in the order read (by id): a stable LSD radix sort
// on the time since the earliest row, 11 bits a pass (four passes for 20 years of milliseconds), several times
// faster than a comparison sort on a million rows in no order.
void sortByTime(std::vector<PlaySnapshot::Row> &rows)
{
    using Row = PlaySnapshot::Row;
    const auto byTime = [](const Row &a, const Row &b) {
        return a.playedAtMs < b.playedAtMs;
    };
    if (std::is_sorted(rows.cbegin(), rows.cend(), byTime)) {
        return;
    }
    if (rows.size() < 4096) {
        std::stable_sort(rows.begin(), rows.end(), byTime);
        return;
    }
    const auto [least, most] = std::minmax_element(rows.cbegin(), rows.cend(), byTime);
    const quint64 base = quint64(least->playedAtMs);
    const quint64 span = quint64(most->playedAtMs) - base;
    constexpr int DigitBits = 11;
    constexpr quint64 DigitMask = (1U << DigitBits) - 1;
    std::vector<Row> buffer(rows.size());
    for (int shift = 0; shift < 64 && (span >> shift) != 0; shift += DigitBits) {
        std::vector<std::size_t> next(std::size_t(DigitMask) + 2, 0);
        for (const Row &row : rows) {
            ++next[std::size_t(((quint64(row.playedAtMs) - base) >> shift) & DigitMask) + 1];
        }
        for (std::size_t digit = 1; digit < next.size(); ++digit) {
            next[digit] += next[digit - 1];
        }
        for (const Row &row : rows) {
            buffer[next[std::size_t(((quint64(row.playedAtMs) - base) >> shift) & DigitMask)]++] = row;
        }
        rows.swap(buffer);
    }
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
    QElapsedTimer timer;
    timer.start();
    PlaySnapshot snapshot;
    snapshot.m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (auto loaded = snapshot.loadCatalogue(database); !loaded) {
        return loaded.error();
    }
    const qint64 catalogueMs = timer.elapsed();
    const auto plays = snapshot.loadPlays(database, 0);
    if (!plays) {
        return plays.error();
    }
    qCDebug(lcStats).nospace() << "loaded " << plays.value() << " plays of " << snapshot.m_tracks.size()
                               << " tracks in " << timer.elapsed() << " ms (the catalogue " << catalogueMs << " ms)";
    return snapshot;
}

Result<int> PlaySnapshot::refresh(SqliteDatabase &database)
{
    return loadPlays(database, m_lastPlayId);
}

void PlaySnapshot::RowIdIndex::assign(const std::vector<qint64> &ids)
{
    m_dense.clear();
    m_sparse.clear();
    qint64 maxId = 0;
    bool positive = true;
    for (const qint64 id : ids) {
        maxId = std::max(maxId, id);
        positive = positive && id > 0;
    }
    // Dense while the array is at most a few times the size of the ids it maps (4 bytes per possible id).
    if (positive && maxId <= 4 * qint64(ids.size()) + 65'536) {
        m_dense.assign(std::size_t(maxId) + 1, -1);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            m_dense[std::size_t(ids[i])] = qint32(i);
        }
        return;
    }
    m_sparse.reserve(qsizetype(ids.size()));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        m_sparse.insert(ids[i], qint32(i));
    }
}

Result<void> PlaySnapshot::loadCatalogue(SqliteDatabase &database)
{
    m_tracks.clear();
    m_artists.clear();
    m_albums.clear();
    m_tagNames.clear();

    std::vector<qint64> ids;
    auto done =
        forEachRow(database, "SELECT id, spotify_id, name FROM artists ORDER BY id", {}, [&](SqliteStatement &s) {
            m_artists.push_back({s.columnInt64(0), s.columnText(1), s.columnText(2)});
            ids.push_back(m_artists.back().id);
        });
    if (!done) {
        return done;
    }
    RowIdIndex artistIndex;
    artistIndex.assign(ids);
    ids.clear();
    done = forEachRow(
        database,
        "SELECT id, spotify_id, name, release_date FROM albums ORDER BY id",
        {},
        [&](SqliteStatement &s) {
            m_albums.push_back({s.columnInt64(0), s.columnText(1), s.columnText(2), releaseYear(s.columnText(3)), {}});
            ids.push_back(m_albums.back().id);
        });
    if (!done) {
        return done;
    }
    RowIdIndex albumIndex;
    albumIndex.assign(ids);
    ids.clear();
    done = forEachRow(database,
                      "SELECT album_id, artist_id FROM album_artists ORDER BY album_id, position",
                      {},
                      [&](SqliteStatement &s) {
                          const qint32 album = albumIndex.find(s.columnInt64(0));
                          const qint32 artist = artistIndex.find(s.columnInt64(1));
                          if (album >= 0 && artist >= 0) {
                              m_albums[std::size_t(album)].artists.push_back(artist);
                          }
                      });
    if (!done) {
        return done;
    }
    done = forEachRow(database,
                      "SELECT id, spotify_id, name, album_id, duration_ms FROM tracks ORDER BY id",
                      {},
                      [&](SqliteStatement &s) {
                          TrackInfo track;
                          track.id = s.columnInt64(0);
                          track.spotifyId = s.columnText(1);
                          track.name = s.columnText(2);
                          track.album = s.isNull(3) ? -1 : albumIndex.find(s.columnInt64(3));
                          track.durationMs = qint32(std::clamp<qint64>(s.columnInt64(4), 0, 1LL << 30));
                          ids.push_back(track.id);
                          m_tracks.push_back(std::move(track));
                      });
    if (!done) {
        return done;
    }
    m_trackIndex.assign(ids);
    ids.clear();
    done = forEachRow(database,
                      "SELECT track_id, artist_id FROM track_artists ORDER BY track_id, position",
                      {},
                      [&](SqliteStatement &s) {
                          const qint32 track = m_trackIndex.find(s.columnInt64(0));
                          const qint32 artist = artistIndex.find(s.columnInt64(1));
                          if (track >= 0 && artist >= 0) {
                              m_tracks[std::size_t(track)].artists.push_back(artist);
                          }
                      });
    if (!done) {
        return done;
    }

    done = forEachRow(database, "SELECT id, name FROM tags ORDER BY id", {}, [&](SqliteStatement &s) {
        ids.push_back(s.columnInt64(0));
        m_tagNames.append(s.columnText(1));
    });
    if (!done) {
        return done;
    }
    RowIdIndex tagIndex;
    tagIndex.assign(ids);
    // Votes by tag, per track and per artist; negative or zero votes (a disputed tag) carry no weight.
    QHash<qint32, QMap<qint32, qint64>> trackVotes;
    done = forEachRow(database,
                      "SELECT track_id, tag_id, votes FROM track_tags WHERE votes > 0",
                      {},
                      [&](SqliteStatement &s) {
                          const qint32 track = m_trackIndex.find(s.columnInt64(0));
                          const qint32 tag = tagIndex.find(s.columnInt64(1));
                          if (track >= 0 && tag >= 0) {
                              trackVotes[track][tag] += s.columnInt64(2);
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
                          const qint32 artist = artistIndex.find(s.columnInt64(0));
                          const qint32 tag = tagIndex.find(s.columnInt64(1));
                          if (artist >= 0 && tag >= 0) {
                              artistVotes[artist][tag] += s.columnInt64(2);
                          }
                      });
    if (!done) {
        return done;
    }
    // Most tracks credit one artist: their weights are that artist's, worked out once per artist.
    std::vector<std::vector<TagWeight>> artistWeights(m_artists.size());
    for (auto it = artistVotes.cbegin(); it != artistVotes.cend(); ++it) {
        artistWeights[std::size_t(it.key())] = normalisedWeights(it.value());
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
        if (track.artists.size() == 1) {
            track.tags = artistWeights[std::size_t(track.artists.front())];
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
    // Row ids count up, so the largest id bounds how many rows follow; a sparse id only reserves address space.
    // Only a hint: were it to fail, the query below would report the same problem.
    if (const auto maxId = database.scalar("SELECT ifnull(max(id), 0) FROM plays"); maxId) {
        added.reserve(std::size_t(std::clamp<qint64>(maxId.value().toLongLong() - afterId, 0, 1LL << 23)));
    }
    QHash<QByteArray, PlatformGroup> platforms;
    qint64 lastId = m_lastPlayId;
    bool unknownTrack = false;
    // Read in rowid order (a plain table scan) and sorted here: walking the time index instead looks every row
    // up by rowid, about three times slower on 300k plays. The track's id maps to its index through an array,
    // cheaper than joining tracks in SQL, which would also be a look-up per row.
    const auto done = forEachRow(
        database,
        "SELECT id, track_id, played_at_ms, ms_played, source = 'imported', skipped, shuffle, offline, incognito, "
        "reason_end = 'fwdbtn', platform FROM plays WHERE id > ?1 ORDER BY id",
        {afterId},
        [&](SqliteStatement &s) {
            lastId = s.columnInt64(0);
            const qint32 track = m_trackIndex.find(s.columnInt64(1));
            if (track < 0) {
                unknownTrack = true;
                return;
            }
            Row row;
            row.playedAtMs = s.columnInt64(2);
            row.track = track;
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
            row.msPlayed = qint32(msKnown ? ms : m_tracks[std::size_t(track)].durationMs);
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

    sortByTime(added);
    const qint64 earliest =
        std::min(added.front().playedAtMs, m_rows.empty() ? added.front().playedAtMs : m_rows.front().playedAtMs);
    const qint64 latest =
        std::max(added.back().playedAtMs, m_rows.empty() ? added.back().playedAtMs : m_rows.back().playedAtMs);
    computeOffsets(earliest, latest);
    // Each track's first counted play among the new rows (they are in time order, so it is the first one met),
    // then each artist's from its tracks': a pass over a small array instead of every play's artist list.
    constexpr qint64 Never = std::numeric_limits<qint64>::max();
    std::vector<qint64> trackFirstMs(m_tracks.size(), Never);
    std::vector<qint32> trackFirstDay(m_tracks.size(), 0);
    std::size_t offset = 0;
    for (Row &row : added) {
        while (offset + 1 < m_offsets.size() && m_offsets[offset + 1].startMs <= row.playedAtMs) {
            ++offset;
        }
        row.localDay = localDayAndHour(row.playedAtMs, m_offsets[offset].offsetMs, row.hourOfWeek);
        if (row.has(Counted) && trackFirstMs[std::size_t(row.track)] == Never) {
            trackFirstMs[std::size_t(row.track)] = row.playedAtMs;
            trackFirstDay[std::size_t(row.track)] = row.localDay;
        }
    }
    for (std::size_t track = 0; track < m_tracks.size(); ++track) {
        if (trackFirstMs[track] == Never) {
            continue;
        }
        for (const qint32 artist : m_tracks[track].artists) {
            ArtistInfo &info = m_artists[std::size_t(artist)];
            if (trackFirstMs[track] < info.firstPlayedAtMs) {
                info.firstPlayedAtMs = trackFirstMs[track];
                info.firstLocalDay = trackFirstDay[track];
            }
        }
    }
    const int count = int(added.size());
    if (m_rows.empty()) {
        m_rows = std::move(added);
        return count;
    }
    const auto middle = qsizetype(m_rows.size());
    m_rows.insert(m_rows.end(), added.begin(), added.end());
    if (m_rows[middle].playedAtMs < m_rows[middle - 1].playedAtMs) {
        std::inplace_merge(m_rows.begin(), m_rows.begin() + middle, m_rows.end(), [](const Row &a, const Row &b) {
            return a.playedAtMs < b.playedAtMs;
        });
    }
    return count;
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

qint32 PlaySnapshot::localDayAndHour(qint64 ms, qint64 offsetMs, quint8 &hourOfWeek)
{
    const qint64 local = ms + offsetMs;
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
