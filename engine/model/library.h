#pragma once

#include <QList>
#include <QString>

#include <optional>

// The music a user's library and history are made of, as TuneScout keeps it. Every field Spotify may omit
// is optional or empty here: deprecated fields (genres, popularity, preview_url …) are never required.
namespace engine
{

// An artist as tracks and albums name it.
struct ArtistRef {
    QString spotifyId; // empty for a name-only artist (an imported row without URIs)
    QString name;

    friend bool operator==(const ArtistRef &, const ArtistRef &) = default;
};

struct Artist {
    QString spotifyId;
    QString name;
    QString imageUrl;
    QStringList genres; // empty in Development Mode; open tags come from elsewhere

    friend bool operator==(const Artist &, const Artist &) = default;
};

struct Album {
    QString spotifyId;
    QString name;
    QString albumType; // album, single, compilation
    QString releaseDate; // "1981", "1981-12" or "1981-12-07"
    QString releaseDatePrecision; // year, month, day
    int totalTracks = 0;
    QString imageUrl;
    QString upc;
    QList<ArtistRef> artists;

    friend bool operator==(const Album &, const Album &) = default;
};

struct Track {
    QString spotifyId; // empty for a name-only track
    QString name;
    Album album;
    QList<ArtistRef> artists;
    qint64 durationMs = 0;
    bool isExplicit = false;
    int discNumber = 0;
    int trackNumber = 0;
    QString isrc;
    bool isLocal = false;
    QString previewUrl;

    QString uri() const
    {
        return spotifyId.isEmpty() ? QString() : QStringLiteral("spotify:track:") + spotifyId;
    }
    friend bool operator==(const Track &, const Track &) = default;
};

// One listen. played_at is when the play ended, as both the Web API and the privacy export report it.
struct Play {
    enum class Source { Polled, Imported };

    Track track;
    qint64 playedAtMs = 0;
    std::optional<qint64> msPlayed; // unknown for polled plays
    Source source = Source::Polled;
    QString contextUri;
    QString contextType; // album, artist, playlist, show
    std::optional<bool> skipped;
    std::optional<bool> shuffle;
    std::optional<bool> offline;

    friend bool operator==(const Play &, const Play &) = default;
};

struct UserProfile {
    QString accountId; // immutable and pseudonymous (GET /me account_id): the key to link accounts by
    QString spotifyUserId;
    QString displayName;
    QString imageUrl;
    // GET /me `product` ("premium", "free", "open"): only apps with extended access get it (SPOTIFY.md, the
    // product caveat); empty when Spotify left it out. Not stored: whether the player works is asked anew.
    QString product;

    friend bool operator==(const UserProfile &, const UserProfile &) = default;
};

struct SavedTrack {
    Track track;
    qint64 addedAtMs = 0;

    friend bool operator==(const SavedTrack &, const SavedTrack &) = default;
};

struct PlaylistSummary {
    QString spotifyId;
    QString name;
    QString description;
    QString ownerId;
    QString ownerName;
    bool collaborative = false;
    std::optional<bool> isPublic;
    QString snapshotId;
    int itemCount = 0;
    QString imageUrl;

    friend bool operator==(const PlaylistSummary &, const PlaylistSummary &) = default;
};

struct PlaylistEntry {
    Track track; // episodes and local files without an id are kept with an empty spotifyId
    qint64 addedAtMs = 0;
    QString addedBy;

    friend bool operator==(const PlaylistEntry &, const PlaylistEntry &) = default;
};

enum class TopRange { ShortTerm, MediumTerm, LongTerm };

} // namespace engine
