#pragma once

// What TuneScout writes to the user's Spotify account (SPOTIFY.md: what Development Mode still allows): a like
// or unlike through the library endpoint, and a new playlist with its items. Each goes through SpotifyClient, so
// the failure handling of RELIABILITY.md §6.2 applies; a POST is never retried (it may have happened).

#include "engine/spotify/spotifyclient.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace engine
{

// Spotify takes at most this many URIs in one request to add playlist items.
inline constexpr int kPlaylistItemsPerRequest = 100;

using WriteDone = std::function<void(const SpotifyResult<void> &)>;

// PUT /me/library?uris=… (save) or DELETE /me/library?uris=… (remove): track URIs, at most 40 (Spotify's limit).
void saveToLibrary(SpotifyClient &client, const QStringList &uris, QObject *context, WriteDone done);
void removeFromLibrary(SpotifyClient &client, const QStringList &uris, QObject *context, WriteDone done);

// GET /me/library/contains?uris=…: whether each URI is in the user's library, in the order asked.
void libraryContains(SpotifyClient &client,
                     const QStringList &uris,
                     QObject *context,
                     std::function<void(const SpotifyResult<QList<bool>> &)> done);

struct CreatedPlaylist {
    QString id;
    QString uri;
    int itemsAdded = 0;
};

// POST /me/playlists (private unless `isPublic`: scopes playlist-modify-private / -public), then
// POST /playlists/{id}/items with at most kPlaylistItemsPerRequest URIs a request, in order, one after the
// other. When adding items fails, the error says so and the playlist stays (with the items added before).
void createPlaylistWithItems(SpotifyClient &client,
                             const QString &name,
                             const QString &description,
                             bool isPublic,
                             const QStringList &uris,
                             QObject *context,
                             std::function<void(const SpotifyResult<CreatedPlaylist> &)> done);

} // namespace engine
