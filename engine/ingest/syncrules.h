#pragma once

#include "engine/model/library.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

// The decisions of an incremental sync, kept apart from the network and the cache so that tests can state them
// row by row. Times are Unix milliseconds.
namespace engine::syncrules
{

// A stretch in which plays may have been missed.
struct PlayGap {
    qint64 fromMs = 0;
    qint64 toMs = 0;

    friend bool operator==(const PlayGap &, const PlayGap &) = default;
};

// Recently-played shows only the last 50 plays. When a full page of them begins after the newest play an earlier
// poll stored, whatever was played in between is out of reach: [newest known, oldest fetched]. A page that is
// not full reaches back to the first play Spotify has, so nothing can be missing; neither can anything be when
// no earlier poll stored a play.
std::optional<PlayGap> findPlayGap(std::optional<qint64> newestPolledMs, const QList<Play> &fetched, bool pageWasFull);

// Whether something last done at `lastMs` (never: nullopt) is due again `interval` later.
bool isDue(std::optional<qint64> lastMs, qint64 nowMs, std::chrono::milliseconds interval);

// Whether a top list fetched at `lastMs` already has its snapshot for `today` (local time, like the snapshot's
// date).
bool takenOn(std::optional<qint64> lastMs, QDate today);

// Only playlists the user owns or collaborates on have items TuneScout may read (SPOTIFY.md §1.3: any other
// answers 403).
bool isReadablePlaylist(const PlaylistSummary &playlist, const QString &userId);

// Fingerprints that tell a sync whether a list changed since the one it stored.
//
// Saved tracks are listed newest first, a track saved again moves to the top, and a removal lowers `total`: so
// the first page and the total change whenever the library does, and an unchanged fingerprint spares the other
// pages.
QByteArray savedTracksSignature(int total, const QList<SavedTrack> &firstPage);
QByteArray followedArtistsSignature(const QList<Artist> &artists);
QByteArray playlistsSignature(const QList<PlaylistSummary> &playlists);

// How many requests an offset-paged walk from `offset` took to list `total` items, `limit` at a time.
int offsetPages(int total, int offset, int limit);

} // namespace engine::syncrules
