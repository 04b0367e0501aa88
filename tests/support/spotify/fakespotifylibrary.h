#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace testsupport
{

// The catalogue and the signed-in user's library behind FakeSpotify. Plain data: FakeSpotify guards it
// with its mutex, and tests reach it through FakeSpotify::withLibrary(). Every time is milliseconds
// since the Unix epoch on the fake's clock; every reference between objects is a Spotify ID.

struct FakeSpotifyUser {
    QString id;
    QString displayName;
    QString accountId; // GET /me's immutable `account_id`
    QString country; // deprecated fields, served by the extended profile only
    QString email;
    int followers = 0;
};

struct FakeSpotifyArtist {
    QString id;
    QString name;
    QStringList genres; // deprecated, extended profile only
    int popularity = 0; // deprecated
    int followers = 0; // deprecated
    QStringList albumIds; // release order
};

struct FakeSpotifyAlbum {
    QString id;
    QString name;
    QString albumType; // album | single | compilation
    QStringList artistIds;
    QString releaseDate; // "1998", "1998-04" or "1998-04-17", as release_date_precision says
    QString releaseDatePrecision;
    QString upc;
    QString label; // deprecated
    int popularity = 0; // deprecated
    QStringList trackIds; // disc and track order
};

struct FakeSpotifyTrack {
    QString id;
    QString name;
    QString albumId;
    QStringList artistIds; // main artist first
    int discNumber = 1;
    int trackNumber = 1;
    int durationMs = 0;
    bool isExplicit = false;
    QString isrc;
    int popularity = 0; // deprecated
};

struct FakeSpotifyPlaylistEntry {
    QString trackId;
    qint64 addedAtMs = 0;
    QString addedBy; // user id
};

struct FakeSpotifyPlaylist {
    QString id;
    QString name;
    QString description;
    QString ownerId; // "spotify" for Spotify's own (algorithmic/editorial) playlists
    QStringList collaboratorIds;
    bool collaborative = false;
    bool isPublic = true;
    int followers = 0;
    int version = 1; // bumped on every change; the snapshot_id derives from it
    QList<FakeSpotifyPlaylistEntry> entries;

    QString snapshotId() const;
};

struct FakeSpotifySavedItem {
    QString id;
    qint64 addedAtMs = 0;
};

struct FakeSpotifyPlay {
    QString trackId;
    qint64 playedAtMs = 0;
    QString contextUri; // empty: played outside a context (recently-played answers `context: null`)
};

enum class FakeSpotifyTimeRange { ShortTerm, MediumTerm, LongTerm };

struct FakeSpotifyLibrary {
    FakeSpotifyUser me;
    QList<FakeSpotifyUser> otherUsers; // playlist owners and collaborators, plus the "spotify" user

    QList<FakeSpotifyArtist> artists;
    QList<FakeSpotifyAlbum> albums;
    QList<FakeSpotifyTrack> tracks;
    QList<FakeSpotifyPlaylist> playlists; // every playlist the catalogue knows

    QStringList myPlaylistIds; // GET /me/playlists order: owned, collaborated on and followed, newest first
    QList<FakeSpotifySavedItem> savedTracks; // newest first, like GET /me/tracks
    QList<FakeSpotifySavedItem> savedAlbums; // newest first
    QStringList followedArtistIds; // ascending ID order: the `after` cursor of GET /me/following is an ID
    QStringList followedUserIds;
    QList<FakeSpotifyPlay> plays; // the whole listening history, oldest first

    // Seeded and deterministic: the same seed and start time give byte-identical data.
    static FakeSpotifyLibrary generate(quint64 seed, qint64 nowMs);

    const FakeSpotifyArtist *artist(const QString &id) const;
    const FakeSpotifyAlbum *album(const QString &id) const;
    const FakeSpotifyTrack *track(const QString &id) const;
    const FakeSpotifyUser *user(const QString &id) const;
    FakeSpotifyPlaylist *playlist(const QString &id);
    const FakeSpotifyPlaylist *playlist(const QString &id) const;

    bool ownsOrCollaborates(const FakeSpotifyPlaylist &playlist) const;
    bool isSavedTrack(const QString &id) const;
    bool isSavedAlbum(const QString &id) const;
    bool isFollowedArtist(const QString &id) const;

    // Library changes keep the orders above. The add functions ignore IDs already present.
    void saveTracks(const QStringList &ids, qint64 nowMs);
    void removeSavedTracks(const QStringList &ids);
    void saveAlbums(const QStringList &ids, qint64 nowMs);
    void removeSavedAlbums(const QStringList &ids);
    void followArtists(const QStringList &ids);
    void unfollowArtists(const QStringList &ids);
    void followPlaylist(const QString &id);
    void unfollowPlaylist(const QString &id);
    void appendPlay(const QString &trackId, qint64 playedAtMs, const QString &contextUri = {});

    // At most 50 plays, newest first: all that recently-played can reach.
    QList<FakeSpotifyPlay> reachablePlays() const;

    // Top items as Spotify ranks them for a time range (~4 weeks, ~6 months, all history), computed from
    // the play history so that they stay consistent with it; at most 99 each.
    QStringList topTrackIds(FakeSpotifyTimeRange range, qint64 nowMs) const;
    QStringList topArtistIds(FakeSpotifyTimeRange range, qint64 nowMs) const;

    // Rebuilds the ID lookups after adding catalogue objects or playlists.
    void reindex();

private:
    QHash<QString, qsizetype> m_artistIndex;
    QHash<QString, qsizetype> m_albumIndex;
    QHash<QString, qsizetype> m_trackIndex;
    QHash<QString, qsizetype> m_playlistIndex;
};

// 22 characters of base62, like every Spotify ID.
bool isSpotifyId(const QString &id);

} // namespace testsupport
