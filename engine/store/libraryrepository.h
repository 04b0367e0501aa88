#pragma once

#include "engine/model/library.h"
#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <unordered_set>

namespace engine
{

// How much the cache holds, for `tunescout-cli status` and the about page.
struct LibraryCounts {
    qint64 users = 0;
    qint64 artists = 0;
    qint64 tracks = 0;
    qint64 plays = 0;
    qint64 savedTracks = 0;
    qint64 followedArtists = 0;
    qint64 playlists = 0;
    qint64 outboxPending = 0;

    friend bool operator==(const LibraryCounts &, const LibraryCounts &) = default;
};

QString topRangeName(TopRange range);

// A track as rows known only by artist and title are matched against it (nameKey() of both).
struct TrackNameKey {
    qint64 trackId = 0;
    QString titleKey;
    QString artistKey; // of the first artist; empty when the track has none
    bool hasSpotifyId = false;
}; // "short_term", "medium_term", "long_term"

// The user's library in the cache: artists, albums and tracks keyed by Spotify id, the profile, saved tracks,
// followed artists, playlists and top-list snapshots. Every write is one transaction (or joins the caller's,
// see SqliteDatabase::transaction) and returns local row ids.
//
// Rows without a Spotify id (imported history, local files) are matched by nameKey(): an artist by its name,
// an album by its name and first artist, a track by its name, album and first artist. Such a name-only
// reference resolves to a row with a Spotify id when one matches, and never overwrites what is known about
// it; a row with a Spotify id that arrives later takes over the matching name-only row, so history imported
// before the first sync and plays polled after it count for the same artist. An album without any artist
// and without an id cannot be matched and is not stored.
//
// Lives on the store's thread and no longer than the SqliteDatabase it was created on.
class LibraryRepository
{
public:
    static Result<LibraryRepository> create(SqliteDatabase &database);

    Result<qint64> upsertArtist(const Artist &artist);
    Result<qint64> upsertArtist(const ArtistRef &artist);
    Result<qint64> upsertAlbum(const Album &album);
    // A track needs a Spotify id or a name (InvalidInput otherwise). A track that carries only name-only
    // artists or album (as imported rows do) keeps the ones already stored for it.
    Result<qint64> upsertTrack(const Track &track);
    // The same, for importers that resolve the artists and album of many rows once: `artistIds` are the rows
    // of track.artists (upsertArtist()), `albumId` the row of track.album (upsertAlbum()) or null.
    Result<qint64> upsertTrack(const Track &track, const QList<qint64> &artistIds, const QVariant &albumId);

    Result<qint64> saveProfile(const UserProfile &profile);
    // Makes the saved tracks exactly `tracks`.
    Result<void> replaceSavedTracks(const QList<SavedTrack> &tracks);
    // Makes the followed artists exactly `artists`; an artist already followed keeps its first-seen time.
    Result<void> replaceFollowedArtists(const QList<Artist> &artists);

    // The snapshot_id stored for a playlist, empty when unknown: a sync fetches items only when it changed.
    Result<QString> playlistSnapshotId(const QString &spotifyId);
    // Upserts the playlist; its items are replaced by `entries` unless the stored snapshot_id equals the
    // playlist's (then `entries` is ignored). Entries without a Spotify id or name keep an empty track.
    Result<qint64> savePlaylist(const PlaylistSummary &playlist, const QList<PlaylistEntry> &entries);
    // Deletes (with their items) the playlists whose Spotify ids are not listed; returns how many.
    Result<int> removePlaylistsNotIn(const QStringList &spotifyIds);

    // What a top list said on `takenOn`, rank 1 first. Saving again on the same day replaces that day's list.
    Result<void> saveTopSnapshot(TopRange range, QDate takenOn, const QList<Artist> &artists);
    Result<void> saveTopSnapshot(TopRange range, QDate takenOn, const QList<Track> &tracks);

    Result<LibraryCounts> counts();

    // Every track with the name keys of its title and first artist, tracks with a Spotify id first.
    Result<QList<TrackNameKey>> trackNameKeys();

    // For an import creating a track every few rows, inside its transaction: reads once which Spotify ids and
    // which name keys of name-only tracks exist, so that upsertImportedTrack() inserts a track that none of them
    // can match without upsertTrack()'s lookups. Call it in each transaction of the import: another connection
    // may add tracks between two. Every track written through this repository afterwards is noted.
    Result<void> beginTrackImport();
    // upsertTrack(track, artistIds, albumId) for a track of an export (a Spotify id, no album id, no duration):
    // one whose Spotify id no track has and whose name key no name-only track has (which writeTrack() would let
    // it claim) is inserted straight away with its artist links; any other goes through upsertTrack().
    Result<qint64> upsertImportedTrack(const Track &track, const QList<qint64> &artistIds, const QVariant &albumId);

private:
    explicit LibraryRepository(SqliteDatabase &database);

    Result<qint64> writeArtist(const QString &spotifyId, const QString &name, const QString &imageUrl);
    Result<QList<qint64>> resolveArtists(const QList<ArtistRef> &artists);
    Result<qint64> writeAlbum(const Album &album);
    Result<QVariant> resolveNameOnlyAlbum(const Album &album, const QList<qint64> &trackArtistIds);
    Result<QVariant> findAlbumByKey(qint64 firstArtistId, const QString &key, bool nameOnlyOnly);
    Result<void>
    replaceArtistLinks(SqliteStatement &remove, SqliteStatement &insert, qint64 id, const QList<qint64> &artistIds);
    struct ResolvedLinks {
        QList<qint64> artistIds;
        QVariant albumId;
    };
    Result<qint64> writeTrack(const Track &track, const ResolvedLinks *resolved = nullptr);
    static QVariantList trackValues(const Track &track, const QString &key, const QVariant &albumId);
    void noteTrack(const QString &spotifyId, const QString &key);
    Result<qint64> writeTopSnapshot(const QString &kind, TopRange range, QDate takenOn);

    SqliteDatabase *m_database = nullptr;
    SqliteStatement m_claimArtist;
    SqliteStatement m_upsertArtist;
    SqliteStatement m_findArtistByKey;
    SqliteStatement m_albumsByFirstArtist;
    SqliteStatement m_claimAlbum;
    SqliteStatement m_upsertAlbum;
    SqliteStatement m_countAlbumArtists;
    SqliteStatement m_deleteAlbumArtists;
    SqliteStatement m_insertAlbumArtist;
    SqliteStatement m_findTrackBySpotifyId;
    SqliteStatement m_findTrackByKey;
    SqliteStatement m_claimTrack;
    SqliteStatement m_upsertTrack;
    SqliteStatement m_insertTrack;
    SqliteStatement m_deleteTrackArtists;
    SqliteStatement m_insertTrackArtist;
    SqliteStatement m_upsertUser;
    SqliteStatement m_deleteSavedTracksNotIn;
    SqliteStatement m_upsertSavedTrack;
    SqliteStatement m_deleteFollowedArtistsNotIn;
    SqliteStatement m_insertFollowedArtist;
    SqliteStatement m_selectPlaylistSnapshot;
    SqliteStatement m_upsertPlaylist;
    SqliteStatement m_deletePlaylistItems;
    SqliteStatement m_insertPlaylistItem;
    SqliteStatement m_deletePlaylistsNotIn;
    SqliteStatement m_upsertTopSnapshot;
    SqliteStatement m_deleteTopSnapshotItems;
    SqliteStatement m_insertTopSnapshotItem;
    SqliteStatement m_selectCounts;
    SqliteStatement m_selectTrackNameKeys;
    SqliteStatement m_selectTrackKeys;
    // Set by beginTrackImport(): hashes (qHash) of the Spotify ids of all tracks and of the name keys of the
    // name-only ones. A hash only ever says "maybe": a collision sends a track through upsertTrack().
    struct TrackKeyHashes {
        std::unordered_set<size_t> spotifyIds;
        std::unordered_set<size_t> nameOnlyKeys;
    };
    std::optional<TrackKeyHashes> m_trackKeys;
};

} // namespace engine
