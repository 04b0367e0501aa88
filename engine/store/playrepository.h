#pragma once

#include "engine/model/library.h"
#include "engine/model/result.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/sqlitedatabase.h"

#include <QJsonObject>
#include <QList>

#include <optional>
#include <span>
#include <utility>

namespace engine
{

class LibraryRepository;

// The outbox payload of a listen (kind "play"): everything the hub needs to store it without asking Spotify.
//   track_uri     "spotify:track:<id>"; absent for a track without a Spotify id
//   track_name    the track's name
//   isrc          when Spotify gave one
//   duration_ms   the track's length
//   artists       [{"name", "uri"}], in the track's order; "uri" absent for a name-only artist
//   album         {"name", "uri"}; "uri" absent for a name-only album
//   played_at_ms  when the play ended (Unix ms, UTC)
//   ms_played     how long it played; absent when unknown (always, for polled plays)
//   context_uri, context_type  what it was played from (album, artist, playlist, show); absent when none
//   source        "polled" or "imported"
QJsonObject playEventPayload(const Play &play);

// A listen from Spotify's privacy export, with what only the export knows. The track is already resolved.
struct ImportedPlay {
    qint64 trackId = 0;
    qint64 playedAtMs = 0;
    std::optional<qint64> msPlayed;
    std::optional<bool> skipped;
    std::optional<bool> shuffle;
    std::optional<bool> offline;
    // UTF-8, valid for the insertImportedPlay() call (the importer points them into the row it is reading, so
    // that a lifetime of rows builds no strings); empty means unknown.
    QByteArrayView platform;
    QByteArrayView reasonStart;
    QByteArrayView reasonEnd;
    QByteArrayView connCountry;
    bool incognito = false;
    // Account data: played_at_ms is the minute the listen ended in, truncated down.
    bool minutePrecision = false;
};

// Listening history. One row per listen, whichever way it arrived:
// - a play is idempotent on (track, played_at_ms): inserting the same one again adds nothing;
// - an imported play within ±90 s of a polled play of the same track is that listen: it fills the polled
//   row's ms_played, skip/shuffle/offline flags and missing context instead of adding a row, and the
//   row keeps the polled time. Importing the same file again matches the same rows, so it adds nothing;
// - a polled play within ±90 s of an imported-only play of the same track takes that row over the same way
//   (history imported before the first sync overlaps the 50 plays a poll can read back).
// Two listens of one track inside the window that both the poll and the import saw cannot be told apart
// by time: the earlier import merges and the later one is kept as its own row.
//
// Every new polled listen is queued for the hub in the outbox (playEventPayload()), in the transaction that
// inserts it, so a play is never stored without its event nor the other way round (RELIABILITY.md HB-9: the
// event_id is assigned when the event is written). A play merged into an existing row is not a new listen and
// queues nothing. Imported plays are not queued here.
//
// Lives on the store's thread and no longer than the SqliteDatabase and LibraryRepository it was created on.
class PlayRepository
{
public:
    // Spotify's played_at (Web API) and ts (export) both mark the end of a play, but from different clocks
    // and at different precision; 90 s covers the drift without spanning two plays of a normal song.
    static constexpr qint64 MergeWindowMs = 90'000;

    static Result<PlayRepository> create(SqliteDatabase &database, LibraryRepository &library);

    // Stores the plays and their tracks in one transaction; returns how many listens were new.
    Result<int> insertPlays(const QList<Play> &plays);
    // What insertImportedPlay() did with a listen.
    enum class ImportOutcome {
        Added,
        AlreadyKnown, // the same track at the same time is stored already
        MergedWithPolled, // filled the polled play of the same listen (±MergeWindowMs)
        ReplacedMinutePrecision, // an extended-history row took over the Account-data row of the same listen
        SameAsKnownListen, // an Account-data row whose listen is stored already with a precise time
    };

    // Call inside the import's transaction before its first insertImportedPlay(): notes where polled and
    // minute-precision plays lie, so that the rows of a lifetime export far from them skip the merge queries.
    Result<void> beginImport();
    // One imported listen, inside the caller's transaction (it opens none: an import writes a file at a time).
    // An extended-history row merges with a polled play within ±MergeWindowMs and replaces the Account-data
    // row of the same track (by id, or by name and first artist) ending in the same minute; an Account-data
    // row is not added when a play of its track ended within that minute (or a polled one within the window).
    Result<ImportOutcome> insertImportedPlay(const ImportedPlay &play);
    // Whether an extended-history row ending at playedAtMs may merge with a polled play or replace an
    // Account-data one (as beginImport() found them); when not, insertImportedPlay() only inserts it.
    bool importMayMerge(qint64 playedAtMs) const
    {
        return nearPolled(playedAtMs) || inMinutePrecisionRange(playedAtMs);
    }

    // Rows one statement of insertUnmergeableImportedPlays() stores: a lifetime export's rows cost one statement
    // execution (opening the cursors of plays and its indexes) per this many rows instead of one each.
    static constexpr int ImportRowsPerStatement = 64;
    // Extended-history rows for which importMayMerge() is false, inside the caller's transaction, in their
    // order: each is Added, or AlreadyKnown when the same track and time is stored already or comes earlier in
    // `plays` (as insertImportedPlay() would tell). outcomes[i] receives what became of plays[i]; `outcomes` is
    // as long as `plays`.
    Result<void> insertUnmergeableImportedPlays(std::span<const ImportedPlay> plays, std::span<ImportOutcome> outcomes);

    // Whether an export file with this content (SHA-256) was recorded: an importer that writes a file only once
    // it is read whole asks before writing it.
    Result<bool> isImportFileKnown(const QString &sha256);
    // Records an export file by the SHA-256 of its content, in the import's transaction. False when that
    // content was imported before: the caller rolls its transaction back, so re-importing changes nothing.
    Result<bool> recordImportFile(const QString &sha256,
                                  const QString &name,
                                  const QString &generation,
                                  qint64 rowsRead,
                                  qint64 playsAdded);

    // The end time of the latest polled play: where the next recently-played poll continues.
    Result<std::optional<qint64>> latestPolledPlayAtMs();

private:
    PlayRepository(SqliteDatabase &database, LibraryRepository &library);

    Result<bool> insertPolled(qint64 trackId, const Play &play);
    Result<bool> insertImported(qint64 trackId, const Play &play);
    Result<bool> insertNew(qint64 trackId, const Play &play);
    Result<bool> mergeImportedWithPolled(const ImportedPlay &play);
    Result<bool> replaceMinutePrecision(const ImportedPlay &play);
    Result<bool> insertImportedRow(const ImportedPlay &play);
    Result<void> bindImportedRow(SqliteStatement &statement, int first, const ImportedPlay &play);
    Result<void>
    resolveImportedGroup(std::span<const ImportedPlay> group, qint64 added, std::span<ImportOutcome> outcomes);
    bool nearPolled(qint64 playedAtMs) const
    {
        return m_polledRange && playedAtMs >= m_polledRange->first - MergeWindowMs
            && playedAtMs <= m_polledRange->second + MergeWindowMs;
    }
    bool inMinutePrecisionRange(qint64 playedAtMs) const
    {
        return m_minutePrecisionRange && playedAtMs >= m_minutePrecisionRange->first
            && playedAtMs < m_minutePrecisionRange->second + 60'000;
    }

    SqliteDatabase *m_database = nullptr;
    LibraryRepository *m_library = nullptr;
    std::optional<OutboxRepository> m_outbox; // always set once create() returned
    SqliteStatement m_insertPlay;
    SqliteStatement m_findExact;
    SqliteStatement m_findNear;
    SqliteStatement m_adoptImported;
    SqliteStatement m_fillFromImport;
    SqliteStatement m_selectLatestPolled;
    SqliteStatement m_insertImportedPlay;
    SqliteStatement m_insertImportedPlays; // ImportRowsPerStatement rows
    SqliteStatement m_fillDetailsFromImport;
    SqliteStatement m_findMinutePrecision;
    SqliteStatement m_replaceMinutePrecision;
    SqliteStatement m_findSameListen;
    SqliteStatement m_selectMergeRanges;
    SqliteStatement m_insertImportFile;
    SqliteStatement m_findImportFile;
    // [first, last] played_at_ms of polled and of minute-precision plays, as beginImport() found them.
    std::optional<std::pair<qint64, qint64>> m_polledRange;
    std::optional<std::pair<qint64, qint64>> m_minutePrecisionRange;
};

} // namespace engine
