#pragma once

#include "engine/model/result.h"
#include "engine/stats/platform.h"
#include "engine/store/sqlitedatabase.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <limits>
#include <span>
#include <vector>

namespace engine
{

// The rules every statistic shares (documented in README "Statistics"):
// - a row COUNTS as a play (for plays and minutes) when ms_played is unknown (a polled play) or at least
//   CountedPlayMs; incognito rows count like the others: they are only in the cache when the user imported them;
// - a row is a SKIP when Spotify flagged it skipped, or it ended with reason_end "fwdbtn" (the user pressed
//   next), or it lasted less than CountedPlayMs. "backbtn" alone is not a skip: pressing previous after the
//   first seconds restarts the same track, a replay rather than a rejection, and a short one is already
//   caught by the duration rule;
// - minutes come from ms_played, or from the track's duration for a polled play (the Web API only reports
//   plays that were heard to the end, or nearly);
// - a play belongs to the moment it ended (played_at_ms, as Spotify reports it), in the snapshot's zone.
inline constexpr qint32 CountedPlayMs = 30'000;

// A read-only, in-memory copy of the listening history for statistics: every play row in time order with its
// local day and hour precomputed for one time zone, plus the names of the tracks, artists, albums and tags
// they refer to. Loading 1M plays takes under a second (tests/bench/stats); every statistic is then a tight loop
// over it (engine/stats/statistics.h), well under the 50 ms a dashboard may take.
//
// Not thread-safe; load and query it on the store's thread (StoreThread::post) and hand the plain result
// structs to the GUI.
class PlaySnapshot
{
public:
    enum Flag : quint16 {
        Counted = 1 << 0,
        Skip = 1 << 1,
        ShuffleKnown = 1 << 2,
        Shuffle = 1 << 3,
        OfflineKnown = 1 << 4,
        Offline = 1 << 5,
        Incognito = 1 << 6,
        Imported = 1 << 7,
    };

    struct Row {
        qint64 playedAtMs = 0;
        qint32 track = 0; // index into tracks()
        qint32 msPlayed = 0; // minutes source: ms_played, or the track's duration for a polled play, or 0
        qint32 localDay = 0; // days since 1970-01-01 in the snapshot's zone
        quint16 flags = 0;
        quint8 hourOfWeek = 0; // (ISO weekday - 1) * 24 + local hour: 0 is Monday 00:00–01:00
        PlatformGroup platform = PlatformGroup::Unknown;

        bool has(Flag flag) const
        {
            return (flags & flag) != 0;
        }
    };

    struct ArtistInfo {
        qint64 id = 0;
        QString spotifyId; // empty for a name-only artist
        QString name;
        // The artist's first counted play ever (kept up to date as plays are loaded), for discovery.
        qint64 firstPlayedAtMs = std::numeric_limits<qint64>::max();
        qint32 firstLocalDay = 0;
    };
    struct AlbumInfo {
        qint64 id = 0;
        QString spotifyId;
        QString name;
        int releaseYear = 0; // 0 when unknown
        std::vector<qint32> artists; // indexes into artists(), in credit order
    };
    struct TagWeight {
        qint32 tag = 0; // index into tagNames()
        double weight = 0; // the share of one play that goes to this tag; a track's weights sum to 1
    };
    struct TrackInfo {
        qint64 id = 0;
        QString spotifyId;
        QString name;
        qint32 album = -1; // index into albums(), -1 when none
        qint32 durationMs = 0;
        std::vector<qint32> artists; // indexes into artists(), in credit order
        std::vector<TagWeight> tags; // its own tags, else its artists' tags (by MusicBrainz votes)
    };

    PlaySnapshot() = default;

    // Reads every play, track, artist, album and tag from the cache. `zone` decides local days and hours.
    static Result<PlaySnapshot> load(SqliteDatabase &database, const QTimeZone &zone = QTimeZone::systemTimeZone());

    // Picks up the play rows added since the last load or refresh (what a sync adds); returns how many.
    // An import also rewrites existing rows (it merges with polled plays), so after one call load() again.
    Result<int> refresh(SqliteDatabase &database);

    const QTimeZone &zone() const;
    std::span<const Row> rows() const;
    const std::vector<TrackInfo> &tracks() const;
    const std::vector<ArtistInfo> &artists() const;
    const std::vector<AlbumInfo> &albums() const;
    const QStringList &tagNames() const;

    // The rows with from <= playedAtMs < to.
    std::span<const Row> rowsBetween(qint64 fromMs, qint64 toMs) const;

    // Local day number <-> date, and the UTC instant a local date begins, in this snapshot's zone.
    static QDate dateOfDay(qint32 localDay);
    static qint32 dayOfDate(QDate date);
    qint64 startOfDayMs(QDate date) const;

private:
    // Row id -> index into one of the vectors. Row ids count up from 1 and are rarely deleted, so a plain array
    // is the fast map (a million look-ups per load); a hash takes over when the ids are too sparse for one.
    class RowIdIndex
    {
    public:
        void assign(const std::vector<qint64> &ids); // ids[i] is the row id of index i
        qint32 find(qint64 id) const // -1 when absent
        {
            if (!m_dense.empty()) {
                return id >= 0 && quint64(id) < m_dense.size() ? m_dense[std::size_t(id)] : -1;
            }
            return m_sparse.value(id, -1);
        }

    private:
        std::vector<qint32> m_dense;
        QHash<qint64, qint32> m_sparse;
    };

    Result<void> loadCatalogue(SqliteDatabase &database);
    Result<int> loadPlays(SqliteDatabase &database, qint64 afterId);
    // The local day number of the instant ms at UTC offset offsetMs, and its hour of the week.
    static qint32 localDayAndHour(qint64 ms, qint64 offsetMs, quint8 &hourOfWeek);
    void computeOffsets(qint64 fromMs, qint64 toMs);

    QTimeZone m_zone;
    std::vector<Row> m_rows;
    std::vector<TrackInfo> m_tracks;
    std::vector<ArtistInfo> m_artists;
    std::vector<AlbumInfo> m_albums;
    QStringList m_tagNames;
    RowIdIndex m_trackIndex; // tracks.id -> index into m_tracks
    qint64 m_lastPlayId = 0;
    // UTC offset changes of m_zone: from each startMs on, the offset is offsetMs (sorted by startMs).
    struct OffsetChange {
        qint64 startMs = 0;
        qint64 offsetMs = 0;
    };
    std::vector<OffsetChange> m_offsets;
};

} // namespace engine
