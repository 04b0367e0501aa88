#pragma once

#include "engine/enrich/musicbrainz.h"
#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QList>
#include <QString>

namespace engine
{

// How a lookup of one ISRC ended, as tag_lookups records it.
enum class TagLookupStatus {
    Found,
    NotFound, // MusicBrainz knows no recording with this ISRC (or it cannot be one)
    Failed, // MusicBrainz's answer could not be used; looked up again after a day
};

QString tagLookupStatusName(TagLookupStatus status); // "found", "not_found", "failed"

// What saving a found lookup wrote.
struct SavedTags {
    int trackTags = 0; // track_tags rows, over every track with the ISRC
    int artistTags = 0; // artist_tags rows, over the matched artists
    int artistsMatched = 0;
};

// The open tags in the cache (tags, track_tags, artist_tags) and the record of ISRC lookups (tag_lookups)
// that makes the enrichment job resumable. Lives on the store's thread and no longer than the SqliteDatabase
// it was created on.
class TagRepository
{
public:
    static Result<TagRepository> create(SqliteDatabase &database);

    // ISRCs of cached tracks that have no lookup yet, or whose lookup failed at or before
    // `retryFailedAtOrBeforeMs`: the most played first, then the one first played longest ago, then by ISRC.
    // At most `limit`.
    Result<QStringList> pendingIsrcs(int limit, qint64 retryFailedAtOrBeforeMs);
    // How many ISRCs pendingIsrcs() would list without a limit.
    Result<int> pendingCount(qint64 retryFailedAtOrBeforeMs);

    // Stores what a lookup found in one transaction: the recording's tags on every track with this ISRC
    // (replacing their earlier tags), each credited artist's tags on the track artists whose nameKey() equals
    // the artist's name or credited name, and the lookup itself.
    Result<SavedTags> saveFound(const QString &isrc, const IsrcTags &tags, qint64 atMs);
    // Records a lookup that found nothing (NotFound) or could not be used (Failed).
    Result<void> saveOutcome(const QString &isrc, TagLookupStatus status, qint64 atMs);

private:
    explicit TagRepository(SqliteDatabase &database);

    Result<qint64> tagId(const QString &name);
    Result<void> recordLookup(const QString &isrc, TagLookupStatus status, const QString &recordingMbid, qint64 atMs);

    SqliteDatabase *m_database = nullptr;
    SqliteStatement m_selectPending;
    SqliteStatement m_countPending;
    SqliteStatement m_upsertTag;
    SqliteStatement m_tracksWithIsrc;
    SqliteStatement m_artistsOfIsrc;
    SqliteStatement m_deleteTrackTags;
    SqliteStatement m_insertTrackTag;
    SqliteStatement m_upsertArtistTag;
    SqliteStatement m_upsertLookup;
};

} // namespace engine
