#pragma once

#include "engine/model/library.h"
#include "engine/model/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QUrl>

// The one mapping from Spotify's JSON (Web API and accounts service) to TuneScout's types. Tolerant of
// what Spotify may leave out or null (every deprecated field, and more), strict about shape: a body that is
// not the documented object is an error naming what was expected. Never throws; any byte string is safe
// input (a fuzz target feeds it arbitrary bytes).
namespace engine::spotifyjson
{

// A page of an offset-paged list (`PagingObject`).
template<typename T>
struct OffsetPage {
    QList<T> items;
    int skippedItems = 0; // items that were null or lacked what TuneScout needs (an id, a name)
    int total = 0;
    int offset = 0;
    int limit = 0;
    QUrl next; // empty on the last page
};

// A page of a cursor-paged list (`CursorPagingObject`).
template<typename T>
struct CursorPage {
    QList<T> items;
    int skippedItems = 0;
    int limit = 0;
    QString after; // cursors.after: a Unix-ms timestamp for recently-played, the last id for followed artists
    QString before;
    QUrl next;
};

// An error body of the Web API (`{"error":{"status","message","reason"}}`) or of the accounts service
// (`{"error":"invalid_grant","error_description":"…"}`). Fields are empty when the body had none.
struct ApiError {
    int status = 0;
    QString message;
    QString reason; // PREMIUM_REQUIRED, NO_ACTIVE_DEVICE, QUOTA_EXCEEDED …
    QString oauthError; // invalid_grant, invalid_client …
    QString oauthDescription;
};

struct TokenResponse {
    QByteArray accessToken;
    QByteArray refreshToken; // empty when the response carried none: keep the old one
    QString scope;
    int expiresInS = 0;
};

Result<QJsonObject> parseObject(const QByteArray &body);

Result<UserProfile> parseProfile(const QByteArray &body);
Result<OffsetPage<Artist>> parseArtistPage(const QByteArray &body); // GET /me/top/artists
Result<OffsetPage<Track>> parseTrackPage(const QByteArray &body); // GET /me/top/tracks
Result<OffsetPage<SavedTrack>> parseSavedTrackPage(const QByteArray &body); // GET /me/tracks
Result<OffsetPage<PlaylistSummary>> parsePlaylistPage(const QByteArray &body); // GET /me/playlists
Result<OffsetPage<PlaylistEntry>> parsePlaylistItemPage(const QByteArray &body); // GET /playlists/{id}/items
Result<CursorPage<Play>> parseRecentlyPlayed(const QByteArray &body); // GET /me/player/recently-played
Result<CursorPage<Artist>> parseFollowedArtists(const QByteArray &body); // GET /me/following?type=artist
Result<Track> parseTrack(const QByteArray &body); // GET /tracks/{id}

Result<TokenResponse> parseTokenResponse(const QByteArray &body);
ApiError parseError(int httpStatus, const QByteArray &body);

// The building blocks, for callers that already hold a parsed object. They return nullopt when the object
// lacks what TuneScout cannot do without (an id for a catalogue object, a name).
std::optional<ArtistRef> artistRef(const QJsonObject &object);
std::optional<Artist> artist(const QJsonObject &object);
std::optional<Album> album(const QJsonObject &object);
std::optional<Track> track(const QJsonObject &object);
// The URL of the largest of an object's `images`, so that the UI can scale down; empty when there is none.
QString bestImage(const QJsonObject &object);

// "2024-03-05T21:07:13Z" or with milliseconds, to Unix ms; nullopt when it is not such a timestamp.
std::optional<qint64> parseTimestampMs(const QString &text);

} // namespace engine::spotifyjson
