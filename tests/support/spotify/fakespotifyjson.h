#pragma once

#include "tests/support/spotify/fakespotifyhttp.h"
#include "tests/support/spotify/fakespotifylibrary.h"
#include "tests/support/spotify/fakespotifyplayer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace testsupport
{

// Which Spotify the fake plays.
enum class FakeSpotifyProfile {
    // A Development Mode app after 2026-02-11: removed endpoints answer like removed endpoints,
    // deprecated fields are absent, /search allows limit <= 10.
    Development2026,
    // An extended-quota app: the old endpoints still served, deprecated fields present.
    Extended,
};

// The one mapping from the fake's data to Spotify's JSON shapes (field names exactly as in the OpenAPI
// definition). Every href points at the fake itself; deprecated fields appear only in the extended profile.
class FakeSpotifyJson
{
public:
    FakeSpotifyJson(const FakeSpotifyLibrary &library, const QString &rootUrl, FakeSpotifyProfile profile);

    bool extended() const;
    QString apiUrl(const QString &path) const; // rootUrl + "/v1" + path
    static QString isoTime(qint64 ms, bool withMilliseconds);

    QJsonObject externalUrls(const QString &type, const QString &id) const;
    QJsonArray images(const QString &key, const QList<int> &sizes) const;

    QJsonObject simplifiedArtist(const FakeSpotifyArtist &artist) const;
    QJsonObject artist(const FakeSpotifyArtist &artist) const;
    QJsonObject simplifiedAlbum(const FakeSpotifyAlbum &album) const;
    QJsonObject discographyAlbum(const FakeSpotifyAlbum &album, const QString &artistId) const;
    QJsonObject album(const FakeSpotifyAlbum &album) const;
    QJsonObject simplifiedTrack(const FakeSpotifyTrack &track) const;
    QJsonObject track(const FakeSpotifyTrack &track) const;
    QJsonObject savedTrack(const FakeSpotifySavedItem &saved) const;
    QJsonObject savedAlbum(const FakeSpotifySavedItem &saved) const;
    QJsonObject playHistory(const FakeSpotifyPlay &play) const;
    QJsonValue context(const QString &uri) const; // null for an empty URI

    QJsonObject privateUser(bool premium) const;
    QJsonObject publicUser(const FakeSpotifyUser &user) const;
    QJsonObject playlistUser(const QString &userId) const;
    QJsonObject playlistOwner(const QString &userId) const;
    QJsonObject simplifiedPlaylist(const FakeSpotifyPlaylist &playlist) const;
    QJsonObject playlist(const FakeSpotifyPlaylist &playlist, bool withItems) const;
    QJsonObject playlistItem(const FakeSpotifyPlaylistEntry &entry) const;
    QJsonObject audioFeatures(const FakeSpotifyTrack &track) const;

    QJsonObject device(const FakeSpotifyDevice &device) const;
    // GET /me/player (full) or GET /me/player/currently-playing (without device, repeat and shuffle).
    QJsonObject playbackState(const FakeSpotifyPlayer &player, qint64 nowMs, bool full) const;
    QJsonObject queue(const FakeSpotifyPlayer &player) const;

    // PagingObject: hrefs carry offset and limit first, then `extra` (e.g. time_range).
    QJsonObject offsetPage(const QString &path,
                           const FakeSpotifyQuery &extra,
                           const QJsonArray &items,
                           qsizetype offset,
                           qsizetype limit,
                           qsizetype total) const;
    QString pageUrl(const QString &path, const FakeSpotifyQuery &items) const;
    // CursorPagingObject: `next` and `cursors` may be null.
    QJsonObject cursorPage(const QString &href,
                           const QJsonArray &items,
                           int limit,
                           const QJsonValue &next,
                           const QJsonValue &cursors,
                           qsizetype total) const;
    QJsonObject recommendationSeed(const QString &type, const QString &id) const; // type: ARTIST, TRACK, GENRE
    QJsonObject snapshot(const FakeSpotifyPlaylist &playlist) const;

private:
    const FakeSpotifyLibrary &m_library;
    QString m_rootUrl;
    FakeSpotifyProfile m_profile;
};

} // namespace testsupport
