#include "engine/store/libraryrepository.h"

#include "engine/store/namekey.h"
#include "engine/store/repositorysupport.h"

#include <algorithm>
#include <optional>

namespace engine
{

using store::firstId;
using store::jsonArray;
using store::nowMs;
using store::optionalBool;
using store::positiveOrNull;
using store::textOrNull;

namespace
{

bool allIdentified(const QList<ArtistRef> &artists)
{
    return !artists.isEmpty() && std::all_of(artists.cbegin(), artists.cend(), [](const ArtistRef &artist) {
        return !artist.spotifyId.isEmpty();
    });
}

Error invalid(const QString &message)
{
    return Error{Error::Code::InvalidInput, message};
}

} // namespace

QString topRangeName(TopRange range)
{
    switch (range) {
    case TopRange::ShortTerm:
        return QStringLiteral("short_term");
    case TopRange::MediumTerm:
        return QStringLiteral("medium_term");
    case TopRange::LongTerm:
        return QStringLiteral("long_term");
    }
    return QStringLiteral("medium_term");
}

LibraryRepository::LibraryRepository(SqliteDatabase &database)
    : m_database(&database)
{
}

Result<LibraryRepository> LibraryRepository::create(SqliteDatabase &database)
{
    LibraryRepository r(database);
    const auto prepared = database.prepareAll({
        // A name-only artist becomes the row of the first artist with an id and the same name key.
        {&r.m_claimArtist,
         "UPDATE artists SET spotify_id = ?1 WHERE id = (SELECT id FROM artists WHERE spotify_id IS NULL AND "
         "name_key = ?2 ORDER BY id LIMIT 1) AND NOT EXISTS (SELECT 1 FROM artists WHERE spotify_id = ?1)"},
        {&r.m_upsertArtist,
         "INSERT INTO artists (spotify_id, name, name_key, image_url, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
         "ON CONFLICT (spotify_id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, "
         "image_url = coalesce(excluded.image_url, image_url), updated_at_ms = excluded.updated_at_ms RETURNING id"},
        {&r.m_findArtistByKey, "SELECT id FROM artists WHERE name_key = ?1 ORDER BY spotify_id IS NULL, id LIMIT 1"},
        // Albums have no name_key column: the few albums of one artist are compared by nameKey() here.
        {&r.m_albumsByFirstArtist,
         "SELECT a.id, a.name, a.spotify_id IS NULL FROM albums a JOIN album_artists aa ON aa.album_id = a.id "
         "WHERE aa.position = 0 AND aa.artist_id = ?1 ORDER BY a.spotify_id IS NULL, a.id"},
        {&r.m_claimAlbum,
         "UPDATE albums SET spotify_id = ?2 WHERE id = ?1 AND spotify_id IS NULL AND NOT EXISTS (SELECT 1 FROM "
         "albums WHERE spotify_id = ?2)"},
        {&r.m_upsertAlbum,
         "INSERT INTO albums (spotify_id, name, album_type, release_date, release_date_precision, total_tracks, "
         "image_url, upc, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (spotify_id) DO "
         "UPDATE SET name = excluded.name, album_type = coalesce(excluded.album_type, album_type), "
         "release_date = coalesce(excluded.release_date, release_date), "
         "release_date_precision = coalesce(excluded.release_date_precision, release_date_precision), "
         "total_tracks = coalesce(excluded.total_tracks, total_tracks), "
         "image_url = coalesce(excluded.image_url, image_url), upc = coalesce(excluded.upc, upc), "
         "updated_at_ms = excluded.updated_at_ms RETURNING id"},
        {&r.m_countAlbumArtists, "SELECT count(*) FROM album_artists WHERE album_id = ?1"},
        {&r.m_deleteAlbumArtists, "DELETE FROM album_artists WHERE album_id = ?1"},
        {&r.m_insertAlbumArtist, "INSERT INTO album_artists (album_id, position, artist_id) VALUES (?1, ?2, ?3)"},
        {&r.m_findTrackBySpotifyId,
         "SELECT id, album_id, (SELECT count(*) FROM track_artists WHERE track_id = tracks.id) FROM tracks "
         "WHERE spotify_id = ?1"},
        {&r.m_findTrackByKey,
         "SELECT t.id FROM tracks t LEFT JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0 "
         "WHERE t.name_key = ?1 AND ta.artist_id IS ?2 AND t.album_id IS ?3 ORDER BY t.spotify_id IS NULL, t.id "
         "LIMIT 1"},
        {&r.m_claimTrack,
         "UPDATE tracks SET spotify_id = ?1 WHERE id = (SELECT t.id FROM tracks t LEFT JOIN track_artists ta ON "
         "ta.track_id = t.id AND ta.position = 0 WHERE t.spotify_id IS NULL AND t.name_key = ?2 AND "
         "ta.artist_id IS ?3 AND t.album_id IS ?4 ORDER BY t.id LIMIT 1)"},
        // ?6 and ?10 are NULL for a sparse track (no duration: an imported row), which then keeps the
        // explicit and local flags a full one stored.
        {&r.m_upsertTrack,
         "INSERT INTO tracks (spotify_id, name, name_key, album_id, duration_ms, explicit, disc_number, "
         "track_number, isrc, is_local, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
         "coalesce(?10, 0), ?11) ON CONFLICT (spotify_id) DO UPDATE SET name = excluded.name, "
         "name_key = excluded.name_key, album_id = coalesce(excluded.album_id, album_id), "
         "duration_ms = coalesce(excluded.duration_ms, duration_ms), explicit = coalesce(?6, explicit), "
         "disc_number = coalesce(excluded.disc_number, disc_number), "
         "track_number = coalesce(excluded.track_number, track_number), isrc = coalesce(excluded.isrc, isrc), "
         "is_local = coalesce(?10, is_local), updated_at_ms = excluded.updated_at_ms RETURNING id"},
        // A track known to be new. Unlike an upsert or RETURNING, a plain single-row INSERT keeps no statement
        // journal: inside an import's savepoint every such journal stays until the savepoint ends, and a
        // lifetime export creates a track for every few rows.
        {&r.m_insertTrack,
         "INSERT INTO tracks (spotify_id, name, name_key, album_id, duration_ms, explicit, disc_number, "
         "track_number, isrc, is_local, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
         "coalesce(?10, 0), ?11)"},
        {&r.m_deleteTrackArtists, "DELETE FROM track_artists WHERE track_id = ?1"},
        {&r.m_insertTrackArtist, "INSERT INTO track_artists (track_id, position, artist_id) VALUES (?1, ?2, ?3)"},
        {&r.m_upsertUser,
         "INSERT INTO users (account_id, spotify_user_id, display_name, image_url, fetched_at_ms) VALUES (?1, ?2, "
         "?3, ?4, ?5) ON CONFLICT (spotify_user_id) DO UPDATE SET account_id = coalesce(excluded.account_id, "
         "account_id), display_name = excluded.display_name, image_url = excluded.image_url, "
         "fetched_at_ms = excluded.fetched_at_ms RETURNING id"},
        {&r.m_deleteSavedTracksNotIn,
         "DELETE FROM saved_tracks WHERE track_id NOT IN (SELECT value FROM json_each(?1))"},
        {&r.m_upsertSavedTrack,
         "INSERT INTO saved_tracks (track_id, added_at_ms) VALUES (?1, ?2) ON CONFLICT (track_id) DO UPDATE SET "
         "added_at_ms = excluded.added_at_ms"},
        {&r.m_deleteFollowedArtistsNotIn,
         "DELETE FROM followed_artists WHERE artist_id NOT IN (SELECT value FROM json_each(?1))"},
        {&r.m_insertFollowedArtist,
         "INSERT INTO followed_artists (artist_id, seen_at_ms) VALUES (?1, ?2) ON CONFLICT (artist_id) DO NOTHING"},
        {&r.m_selectPlaylistSnapshot, "SELECT id, snapshot_id FROM playlists WHERE spotify_id = ?1"},
        {&r.m_upsertPlaylist,
         "INSERT INTO playlists (spotify_id, name, description, owner_spotify_id, owner_display_name, "
         "collaborative, public, snapshot_id, item_count, image_url, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
         "?7, ?8, ?9, ?10, ?11) ON CONFLICT (spotify_id) DO UPDATE SET name = excluded.name, "
         "description = excluded.description, owner_spotify_id = excluded.owner_spotify_id, "
         "owner_display_name = excluded.owner_display_name, collaborative = excluded.collaborative, "
         "public = excluded.public, snapshot_id = excluded.snapshot_id, item_count = excluded.item_count, "
         "image_url = excluded.image_url, updated_at_ms = excluded.updated_at_ms RETURNING id"},
        {&r.m_deletePlaylistItems, "DELETE FROM playlist_items WHERE playlist_id = ?1"},
        {&r.m_insertPlaylistItem,
         "INSERT INTO playlist_items (playlist_id, position, track_id, added_at_ms, added_by) VALUES (?1, ?2, ?3, "
         "?4, ?5)"},
        {&r.m_deletePlaylistsNotIn, "DELETE FROM playlists WHERE spotify_id NOT IN (SELECT value FROM json_each(?1))"},
        {&r.m_upsertTopSnapshot,
         "INSERT INTO top_snapshots (kind, time_range, taken_on, taken_at_ms) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
         "(kind, time_range, taken_on) DO UPDATE SET taken_at_ms = excluded.taken_at_ms RETURNING id"},
        {&r.m_deleteTopSnapshotItems, "DELETE FROM top_snapshot_items WHERE snapshot_id = ?1"},
        {&r.m_insertTopSnapshotItem,
         "INSERT INTO top_snapshot_items (snapshot_id, rank, artist_id, track_id) VALUES (?1, ?2, ?3, ?4)"},
        {&r.m_selectTrackKeys, "SELECT spotify_id, name_key FROM tracks"},
        {&r.m_selectTrackNameKeys,
         "SELECT t.id, t.name_key, a.name_key, t.spotify_id IS NOT NULL FROM tracks t LEFT JOIN track_artists ta "
         "ON ta.track_id = t.id AND ta.position = 0 LEFT JOIN artists a ON a.id = ta.artist_id "
         "ORDER BY t.spotify_id IS NULL, t.id"},
        {&r.m_selectCounts,
         "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM artists), (SELECT count(*) FROM tracks), "
         "(SELECT count(*) FROM plays), (SELECT count(*) FROM saved_tracks), (SELECT count(*) FROM "
         "followed_artists), (SELECT count(*) FROM playlists), (SELECT count(*) FROM outbox)"},
    });
    if (!prepared) {
        return prepared.error();
    }
    return r;
}

Result<qint64> LibraryRepository::upsertArtist(const Artist &artist)
{
    return inTransaction<qint64>(*m_database, [this, &artist] {
        return writeArtist(artist.spotifyId, artist.name, artist.imageUrl);
    });
}

Result<qint64> LibraryRepository::upsertArtist(const ArtistRef &artist)
{
    return inTransaction<qint64>(*m_database, [this, &artist] {
        return writeArtist(artist.spotifyId, artist.name, QString());
    });
}

Result<qint64> LibraryRepository::upsertAlbum(const Album &album)
{
    return inTransaction<qint64>(*m_database, [this, &album]() -> Result<qint64> {
        if (!album.spotifyId.isEmpty()) {
            return writeAlbum(album);
        }
        const auto resolved = resolveNameOnlyAlbum(album, {});
        if (!resolved) {
            return resolved.error();
        }
        if (resolved.value().isNull()) {
            return invalid(QStringLiteral("An album needs a Spotify id, or a name and an artist."));
        }
        return resolved.value().toLongLong();
    });
}

Result<qint64> LibraryRepository::upsertTrack(const Track &track)
{
    return inTransaction<qint64>(*m_database, [this, &track] {
        return writeTrack(track);
    });
}

Result<qint64>
LibraryRepository::upsertTrack(const Track &track, const QList<qint64> &artistIds, const QVariant &albumId)
{
    const ResolvedLinks resolved{artistIds, albumId};
    return inTransaction<qint64>(*m_database, [this, &track, &resolved] {
        return writeTrack(track, &resolved);
    });
}

Result<qint64> LibraryRepository::writeArtist(const QString &spotifyId, const QString &name, const QString &imageUrl)
{
    if (spotifyId.isEmpty() && name.trimmed().isEmpty()) {
        return invalid(QStringLiteral("An artist needs a Spotify id or a name."));
    }
    const QString key = nameKey(name);
    if (spotifyId.isEmpty()) {
        const auto found = m_findArtistByKey.query({key});
        if (!found) {
            return found.error();
        }
        if (!found.value().isEmpty()) {
            return found.value().first().value(0).toLongLong();
        }
    } else if (const auto claimed = m_claimArtist.execute({spotifyId, key}); !claimed) {
        return claimed.error();
    }
    return firstId(m_upsertArtist.query({textOrNull(spotifyId), name, key, textOrNull(imageUrl), nowMs()}));
}

Result<QList<qint64>> LibraryRepository::resolveArtists(const QList<ArtistRef> &artists)
{
    QList<qint64> ids;
    ids.reserve(artists.size());
    for (const ArtistRef &artist : artists) {
        const auto id = writeArtist(artist.spotifyId, artist.name, QString());
        if (!id) {
            return id.error();
        }
        ids.append(id.value());
    }
    return ids;
}

Result<QVariant> LibraryRepository::findAlbumByKey(qint64 firstArtistId, const QString &key, bool nameOnlyOnly)
{
    const auto candidates = m_albumsByFirstArtist.query({firstArtistId});
    if (!candidates) {
        return candidates.error();
    }
    for (const QVariantList &candidate : candidates.value()) {
        const bool nameOnly = candidate.value(2).toLongLong() != 0;
        if ((nameOnly || !nameOnlyOnly) && nameKey(candidate.value(1).toString()) == key) {
            return candidate.value(0);
        }
    }
    return QVariant();
}

Result<void> LibraryRepository::replaceArtistLinks(SqliteStatement &remove,
                                                   SqliteStatement &insert,
                                                   qint64 id,
                                                   const QList<qint64> &artistIds)
{
    if (auto removed = remove.execute({id}); !removed) {
        return removed;
    }
    for (qsizetype position = 0; position < artistIds.size(); ++position) {
        if (auto inserted = insert.execute({id, qint64(position), artistIds.at(position)}); !inserted) {
            return inserted;
        }
    }
    return {};
}

Result<qint64> LibraryRepository::writeAlbum(const Album &album)
{
    const auto artistIds = resolveArtists(album.artists);
    if (!artistIds) {
        return artistIds.error();
    }
    if (!artistIds.value().isEmpty()) {
        const auto nameOnly = findAlbumByKey(artistIds.value().first(), nameKey(album.name), true);
        if (!nameOnly) {
            return nameOnly.error();
        }
        if (!nameOnly.value().isNull()) {
            if (auto claimed = m_claimAlbum.execute({nameOnly.value(), album.spotifyId}); !claimed) {
                return claimed.error();
            }
        }
    }
    const auto id = firstId(m_upsertAlbum.query({textOrNull(album.spotifyId),
                                                 album.name,
                                                 textOrNull(album.albumType),
                                                 textOrNull(album.releaseDate),
                                                 textOrNull(album.releaseDatePrecision),
                                                 positiveOrNull(album.totalTracks),
                                                 textOrNull(album.imageUrl),
                                                 textOrNull(album.upc),
                                                 nowMs()}));
    if (!id || artistIds.value().isEmpty()) {
        return id;
    }
    if (!allIdentified(album.artists)) {
        const auto linked = firstId(m_countAlbumArtists.query({id.value()}));
        if (!linked) {
            return linked.error();
        }
        if (linked.value() > 0) {
            return id;
        }
    }
    if (auto replaced = replaceArtistLinks(m_deleteAlbumArtists, m_insertAlbumArtist, id.value(), artistIds.value());
        !replaced) {
        return replaced.error();
    }
    return id;
}

Result<QVariant> LibraryRepository::resolveNameOnlyAlbum(const Album &album, const QList<qint64> &trackArtistIds)
{
    if (album.name.trimmed().isEmpty()) {
        return QVariant();
    }
    QList<qint64> artistIds = trackArtistIds.mid(0, 1);
    if (!album.artists.isEmpty()) {
        const auto resolved = resolveArtists(album.artists);
        if (!resolved) {
            return resolved.error();
        }
        artistIds = resolved.value();
    }
    if (artistIds.isEmpty()) {
        return QVariant();
    }
    const auto found = findAlbumByKey(artistIds.first(), nameKey(album.name), false);
    if (!found || !found.value().isNull()) {
        return found;
    }
    const auto id = firstId(m_upsertAlbum.query({QVariant(),
                                                 album.name,
                                                 textOrNull(album.albumType),
                                                 textOrNull(album.releaseDate),
                                                 textOrNull(album.releaseDatePrecision),
                                                 positiveOrNull(album.totalTracks),
                                                 textOrNull(album.imageUrl),
                                                 textOrNull(album.upc),
                                                 nowMs()}));
    if (!id) {
        return id.error();
    }
    if (auto linked = replaceArtistLinks(m_deleteAlbumArtists, m_insertAlbumArtist, id.value(), artistIds); !linked) {
        return linked.error();
    }
    return QVariant(id.value());
}

Result<qint64> LibraryRepository::writeTrack(const Track &track, const ResolvedLinks *resolved)
{
    if (track.spotifyId.isEmpty() && track.name.trimmed().isEmpty()) {
        return invalid(QStringLiteral("A track needs a Spotify id or a name."));
    }
    struct Existing {
        QVariant albumId;
        qint64 artistCount = 0;
    };
    std::optional<Existing> existing;
    if (!track.spotifyId.isEmpty()) {
        const auto found = m_findTrackBySpotifyId.query({track.spotifyId});
        if (!found) {
            return found.error();
        }
        if (!found.value().isEmpty()) {
            const QVariantList &row = found.value().first();
            existing = Existing{row.value(1), row.value(2).toLongLong()};
        }
    }

    // Name-only artists or album never replace ones already linked: an imported row must not undo a sync.
    const bool linkArtists =
        !track.artists.isEmpty() && (!existing || allIdentified(track.artists) || existing->artistCount == 0);
    QList<qint64> artistIds;
    if (linkArtists && resolved) {
        artistIds = resolved->artistIds;
    } else if (linkArtists) {
        auto resolvedIds = resolveArtists(track.artists);
        if (!resolvedIds) {
            return resolvedIds.error();
        }
        artistIds = std::move(resolvedIds).value();
    }
    QVariant albumId;
    if (!track.album.spotifyId.isEmpty()) {
        const auto album = writeAlbum(track.album);
        if (!album) {
            return album.error();
        }
        albumId = album.value();
    } else if (resolved && (!existing || existing->albumId.isNull())) {
        albumId = resolved->albumId;
    } else if (!existing || existing->albumId.isNull()) {
        const auto album = resolveNameOnlyAlbum(track.album, artistIds);
        if (!album) {
            return album.error();
        }
        albumId = album.value();
    }

    const QString key = nameKey(track.name);
    bool claimed = false;
    if (!existing) {
        const QVariant firstArtist = artistIds.isEmpty() ? QVariant() : QVariant(artistIds.first());
        if (track.spotifyId.isEmpty()) {
            const auto found = m_findTrackByKey.query({key, firstArtist, albumId});
            if (!found) {
                return found.error();
            }
            if (!found.value().isEmpty()) {
                return found.value().first().value(0).toLongLong();
            }
        } else if (auto claim = m_claimTrack.execute({track.spotifyId, key, firstArtist, albumId}); !claim) {
            return claim.error();
        } else {
            claimed = m_database->changes() > 0;
        }
    }

    const QVariantList values = trackValues(track, key, albumId);
    Result<qint64> id = qint64(0);
    if (existing || claimed) {
        id = firstId(m_upsertTrack.query(values));
    } else if (auto inserted = m_insertTrack.execute(values); !inserted) {
        id = inserted.error();
    } else {
        id = m_database->lastInsertRowId();
    }
    if (id) {
        noteTrack(track.spotifyId, key);
    }
    if (!id || !linkArtists) {
        return id;
    }
    if (auto linked = replaceArtistLinks(m_deleteTrackArtists, m_insertTrackArtist, id.value(), artistIds); !linked) {
        return linked.error();
    }
    return id;
}

void LibraryRepository::noteTrack(const QString &spotifyId, const QString &key)
{
    if (!m_trackKeys) {
        return;
    }
    if (spotifyId.isEmpty()) {
        m_trackKeys->nameOnlyKeys.insert(qHash(key));
    } else {
        m_trackKeys->spotifyIds.insert(qHash(spotifyId));
    }
}

Result<void> LibraryRepository::beginTrackImport()
{
    m_trackKeys.reset();
    TrackKeyHashes keys;
    if (auto bound = m_selectTrackKeys.rebind(); !bound) {
        return bound;
    }
    for (;;) {
        const auto row = m_selectTrackKeys.step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            break;
        }
        if (m_selectTrackKeys.isNull(0)) {
            keys.nameOnlyKeys.insert(qHash(m_selectTrackKeys.columnText(1)));
        } else {
            keys.spotifyIds.insert(qHash(m_selectTrackKeys.columnText(0)));
        }
    }
    m_selectTrackKeys.reset();
    m_trackKeys = std::move(keys);
    return {};
}

Result<qint64>
LibraryRepository::upsertImportedTrack(const Track &track, const QList<qint64> &artistIds, const QVariant &albumId)
{
    const QString key = nameKey(track.name);
    if (!m_trackKeys || track.spotifyId.isEmpty() || !track.album.spotifyId.isEmpty()
        || m_trackKeys->spotifyIds.contains(qHash(track.spotifyId)) || m_trackKeys->nameOnlyKeys.contains(qHash(key))) {
        return upsertTrack(track, artistIds, albumId);
    }
    return inTransaction<qint64>(*m_database, [&]() -> Result<qint64> {
        if (auto inserted = m_insertTrack.execute(trackValues(track, key, albumId)); !inserted) {
            return inserted.error();
        }
        const qint64 id = m_database->lastInsertRowId();
        // A new id has no artist links to replace: they go with their track (ON DELETE CASCADE).
        for (qsizetype position = 0; position < artistIds.size(); ++position) {
            if (auto linked = m_insertTrackArtist.execute({id, qint64(position), artistIds.at(position)}); !linked) {
                return linked.error();
            }
        }
        noteTrack(track.spotifyId, key);
        return id;
    });
}

QVariantList LibraryRepository::trackValues(const Track &track, const QString &key, const QVariant &albumId)
{
    const bool sparse = track.durationMs <= 0;
    return {textOrNull(track.spotifyId),
            track.name,
            key,
            albumId,
            positiveOrNull(track.durationMs),
            sparse ? QVariant() : QVariant(track.isExplicit),
            positiveOrNull(track.discNumber),
            positiveOrNull(track.trackNumber),
            textOrNull(track.isrc),
            sparse ? QVariant() : QVariant(track.isLocal),
            nowMs()};
}

Result<qint64> LibraryRepository::saveProfile(const UserProfile &profile)
{
    if (profile.spotifyUserId.isEmpty()) {
        return invalid(QStringLiteral("A profile needs the Spotify user id."));
    }
    return inTransaction<qint64>(*m_database, [this, &profile] {
        return firstId(m_upsertUser.query({textOrNull(profile.accountId),
                                           profile.spotifyUserId,
                                           textOrNull(profile.displayName),
                                           textOrNull(profile.imageUrl),
                                           nowMs()}));
    });
}

Result<void> LibraryRepository::replaceSavedTracks(const QList<SavedTrack> &tracks)
{
    return m_database->transaction([this, &tracks]() -> Result<void> {
        QList<qint64> trackIds;
        trackIds.reserve(tracks.size());
        for (const SavedTrack &saved : tracks) {
            const auto id = writeTrack(saved.track);
            if (!id) {
                return id.error();
            }
            trackIds.append(id.value());
            if (auto upserted = m_upsertSavedTrack.execute({id.value(), saved.addedAtMs}); !upserted) {
                return upserted;
            }
        }
        return m_deleteSavedTracksNotIn.execute({jsonArray(trackIds)});
    });
}

Result<void> LibraryRepository::replaceFollowedArtists(const QList<Artist> &artists)
{
    return m_database->transaction([this, &artists]() -> Result<void> {
        const qint64 seenAtMs = nowMs();
        QList<qint64> artistIds;
        artistIds.reserve(artists.size());
        for (const Artist &artist : artists) {
            const auto id = writeArtist(artist.spotifyId, artist.name, artist.imageUrl);
            if (!id) {
                return id.error();
            }
            artistIds.append(id.value());
            if (auto inserted = m_insertFollowedArtist.execute({id.value(), seenAtMs}); !inserted) {
                return inserted;
            }
        }
        return m_deleteFollowedArtistsNotIn.execute({jsonArray(artistIds)});
    });
}

Result<QString> LibraryRepository::playlistSnapshotId(const QString &spotifyId)
{
    const auto rows = m_selectPlaylistSnapshot.query({spotifyId});
    if (!rows) {
        return rows.error();
    }
    return rows.value().isEmpty() ? QString() : rows.value().first().value(1).toString();
}

Result<qint64> LibraryRepository::savePlaylist(const PlaylistSummary &playlist, const QList<PlaylistEntry> &entries)
{
    if (playlist.spotifyId.isEmpty()) {
        return invalid(QStringLiteral("A playlist needs its Spotify id."));
    }
    return inTransaction<qint64>(*m_database, [this, &playlist, &entries]() -> Result<qint64> {
        const auto stored = playlistSnapshotId(playlist.spotifyId);
        if (!stored) {
            return stored.error();
        }
        const bool unchanged = !playlist.snapshotId.isEmpty() && stored.value() == playlist.snapshotId;
        const auto id = firstId(m_upsertPlaylist.query({playlist.spotifyId,
                                                        playlist.name,
                                                        textOrNull(playlist.description),
                                                        textOrNull(playlist.ownerId),
                                                        textOrNull(playlist.ownerName),
                                                        playlist.collaborative,
                                                        optionalBool(playlist.isPublic),
                                                        textOrNull(playlist.snapshotId),
                                                        playlist.itemCount,
                                                        textOrNull(playlist.imageUrl),
                                                        nowMs()}));
        if (!id || unchanged) {
            return id;
        }
        if (auto removed = m_deletePlaylistItems.execute({id.value()}); !removed) {
            return removed.error();
        }
        for (qsizetype position = 0; position < entries.size(); ++position) {
            const PlaylistEntry &entry = entries.at(position);
            QVariant trackId;
            if (!entry.track.spotifyId.isEmpty() || !entry.track.name.trimmed().isEmpty()) {
                const auto track = writeTrack(entry.track);
                if (!track) {
                    return track.error();
                }
                trackId = track.value();
            }
            if (auto inserted = m_insertPlaylistItem.execute({id.value(),
                                                              qint64(position),
                                                              trackId,
                                                              positiveOrNull(entry.addedAtMs),
                                                              textOrNull(entry.addedBy)});
                !inserted) {
                return inserted.error();
            }
        }
        return id;
    });
}

Result<int> LibraryRepository::removePlaylistsNotIn(const QStringList &spotifyIds)
{
    return inTransaction<int>(*m_database, [this, &spotifyIds]() -> Result<int> {
        if (auto removed = m_deletePlaylistsNotIn.execute({jsonArray(spotifyIds)}); !removed) {
            return removed.error();
        }
        return int(m_database->changes());
    });
}

Result<qint64> LibraryRepository::writeTopSnapshot(const QString &kind, TopRange range, QDate takenOn)
{
    const auto id =
        firstId(m_upsertTopSnapshot.query({kind, topRangeName(range), takenOn.toString(Qt::ISODate), nowMs()}));
    if (!id) {
        return id;
    }
    if (auto cleared = m_deleteTopSnapshotItems.execute({id.value()}); !cleared) {
        return cleared.error();
    }
    return id;
}

Result<void> LibraryRepository::saveTopSnapshot(TopRange range, QDate takenOn, const QList<Artist> &artists)
{
    if (!takenOn.isValid()) {
        return invalid(QStringLiteral("A top-list snapshot needs the day it was taken."));
    }
    return m_database->transaction([this, range, takenOn, &artists]() -> Result<void> {
        const auto snapshot = writeTopSnapshot(QStringLiteral("artists"), range, takenOn);
        if (!snapshot) {
            return snapshot.error();
        }
        for (qsizetype rank = 1; rank <= artists.size(); ++rank) {
            const Artist &artist = artists.at(rank - 1);
            const auto id = writeArtist(artist.spotifyId, artist.name, artist.imageUrl);
            if (!id) {
                return id.error();
            }
            if (auto inserted =
                    m_insertTopSnapshotItem.execute({snapshot.value(), qint64(rank), id.value(), QVariant()});
                !inserted) {
                return inserted;
            }
        }
        return {};
    });
}

Result<void> LibraryRepository::saveTopSnapshot(TopRange range, QDate takenOn, const QList<Track> &tracks)
{
    if (!takenOn.isValid()) {
        return invalid(QStringLiteral("A top-list snapshot needs the day it was taken."));
    }
    return m_database->transaction([this, range, takenOn, &tracks]() -> Result<void> {
        const auto snapshot = writeTopSnapshot(QStringLiteral("tracks"), range, takenOn);
        if (!snapshot) {
            return snapshot.error();
        }
        for (qsizetype rank = 1; rank <= tracks.size(); ++rank) {
            const auto id = writeTrack(tracks.at(rank - 1));
            if (!id) {
                return id.error();
            }
            if (auto inserted =
                    m_insertTopSnapshotItem.execute({snapshot.value(), qint64(rank), QVariant(), id.value()});
                !inserted) {
                return inserted;
            }
        }
        return {};
    });
}

Result<LibraryCounts> LibraryRepository::counts()
{
    const auto rows = m_selectCounts.query();
    if (!rows) {
        return rows.error();
    }
    const QVariantList &row = rows.value().value(0);
    return LibraryCounts{row.value(0).toLongLong(),
                         row.value(1).toLongLong(),
                         row.value(2).toLongLong(),
                         row.value(3).toLongLong(),
                         row.value(4).toLongLong(),
                         row.value(5).toLongLong(),
                         row.value(6).toLongLong(),
                         row.value(7).toLongLong()};
}

Result<QList<TrackNameKey>> LibraryRepository::trackNameKeys()
{
    const auto rows = m_selectTrackNameKeys.query();
    if (!rows) {
        return rows.error();
    }
    QList<TrackNameKey> keys;
    keys.reserve(rows.value().size());
    for (const QVariantList &row : rows.value()) {
        keys.append(TrackNameKey{row.value(0).toLongLong(),
                                 row.value(1).toString(),
                                 row.value(2).toString(),
                                 row.value(3).toLongLong() != 0});
    }
    return keys;
}

} // namespace engine
