#include "tests/support/spotify/fakespotifyjson.h"

#include "tests/support/spotify/fakespotifyrandom.h"

#include <QDateTime>
#include <QTimeZone>
#include <QUrl>

namespace testsupport
{

namespace
{

QJsonArray markets()
{
    return QJsonArray{QStringLiteral("AT"), QStringLiteral("AU"), QStringLiteral("BE"), QStringLiteral("BR"),
                      QStringLiteral("CA"), QStringLiteral("CH"), QStringLiteral("DE"), QStringLiteral("DK"),
                      QStringLiteral("ES"), QStringLiteral("FI"), QStringLiteral("FR"), QStringLiteral("GB"),
                      QStringLiteral("IE"), QStringLiteral("IT"), QStringLiteral("JP"), QStringLiteral("NL"),
                      QStringLiteral("NO"), QStringLiteral("PL"), QStringLiteral("SE"), QStringLiteral("US")};
}

// FNV-1a: qHash() is seeded per process, and these values must not change between runs.
quint64 stableHash(const QString &text)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    for (QChar c : text) {
        hash ^= c.unicode();
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

QJsonValue nullableInt(int value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

} // namespace

FakeSpotifyJson::FakeSpotifyJson(const FakeSpotifyLibrary &library, const QString &rootUrl, FakeSpotifyProfile profile)
    : m_library(library)
    , m_rootUrl(rootUrl)
    , m_profile(profile)
{
}

bool FakeSpotifyJson::extended() const
{
    return m_profile == FakeSpotifyProfile::Extended;
}

QString FakeSpotifyJson::apiUrl(const QString &path) const
{
    return m_rootUrl + QStringLiteral("/v1") + path;
}

QString FakeSpotifyJson::isoTime(qint64 ms, bool withMilliseconds)
{
    // Spotify writes UTC as "Z"; Qt's ISO formats would write "+00:00" for a QTimeZone::utc() time.
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    return time.toString(withMilliseconds ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")
                                          : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QJsonObject FakeSpotifyJson::externalUrls(const QString &type, const QString &id) const
{
    return {{QStringLiteral("spotify"), QStringLiteral("https://open.spotify.com/%1/%2").arg(type, id)}};
}

QJsonArray FakeSpotifyJson::images(const QString &key, const QList<int> &sizes) const
{
    QJsonArray out;
    for (int size : sizes) {
        out.append(QJsonObject{{QStringLiteral("url"), QStringLiteral("%1/image/%2-%3").arg(m_rootUrl, key).arg(size)},
                               {QStringLiteral("height"), size > 0 ? QJsonValue(size) : QJsonValue()},
                               {QStringLiteral("width"), size > 0 ? QJsonValue(size) : QJsonValue()}});
    }
    return out;
}

QJsonObject FakeSpotifyJson::simplifiedArtist(const FakeSpotifyArtist &artist) const
{
    return {{QStringLiteral("external_urls"), externalUrls(QStringLiteral("artist"), artist.id)},
            {QStringLiteral("href"), apiUrl(QStringLiteral("/artists/") + artist.id)},
            {QStringLiteral("id"), artist.id},
            {QStringLiteral("name"), artist.name},
            {QStringLiteral("type"), QStringLiteral("artist")},
            {QStringLiteral("uri"), QString(QStringLiteral("spotify:artist:") + artist.id)}};
}

QJsonObject FakeSpotifyJson::artist(const FakeSpotifyArtist &artist) const
{
    QJsonObject out = simplifiedArtist(artist);
    out.insert(QStringLiteral("images"), images(artist.id, {640, 320, 160}));
    if (extended()) {
        out.insert(QStringLiteral("followers"),
                   QJsonObject{{QStringLiteral("href"), QJsonValue()}, {QStringLiteral("total"), artist.followers}});
        out.insert(QStringLiteral("genres"), QJsonArray::fromStringList(artist.genres));
        out.insert(QStringLiteral("popularity"), artist.popularity);
    }
    return out;
}

QJsonObject FakeSpotifyJson::simplifiedAlbum(const FakeSpotifyAlbum &album) const
{
    QJsonArray artists;
    for (const QString &id : album.artistIds)
        artists.append(simplifiedArtist(*m_library.artist(id)));
    QJsonObject out{{QStringLiteral("album_type"), album.albumType},
                    {QStringLiteral("total_tracks"), int(album.trackIds.size())},
                    {QStringLiteral("external_urls"), externalUrls(QStringLiteral("album"), album.id)},
                    {QStringLiteral("href"), apiUrl(QStringLiteral("/albums/") + album.id)},
                    {QStringLiteral("id"), album.id},
                    {QStringLiteral("images"), images(album.id, {640, 300, 64})},
                    {QStringLiteral("name"), album.name},
                    {QStringLiteral("release_date"), album.releaseDate},
                    {QStringLiteral("release_date_precision"), album.releaseDatePrecision},
                    {QStringLiteral("type"), QStringLiteral("album")},
                    {QStringLiteral("uri"), QString(QStringLiteral("spotify:album:") + album.id)},
                    {QStringLiteral("artists"), artists}};
    if (extended())
        out.insert(QStringLiteral("available_markets"), markets());
    return out;
}

QJsonObject FakeSpotifyJson::discographyAlbum(const FakeSpotifyAlbum &album, const QString &artistId) const
{
    QJsonObject out = simplifiedAlbum(album);
    if (extended())
        out.insert(QStringLiteral("album_group"),
                   album.artistIds.contains(artistId) ? album.albumType : QStringLiteral("appears_on"));
    return out;
}

QJsonObject FakeSpotifyJson::album(const FakeSpotifyAlbum &album) const
{
    QJsonObject out = simplifiedAlbum(album);
    QJsonArray tracks;
    for (qsizetype i = 0; i < album.trackIds.size() && i < 50; ++i)
        tracks.append(simplifiedTrack(*m_library.track(album.trackIds.at(i))));
    out.insert(QStringLiteral("tracks"),
               offsetPage(QStringLiteral("/albums/%1/tracks").arg(album.id), {}, tracks, 0, 50, album.trackIds.size()));
    const QString year = album.releaseDate.left(4);
    out.insert(QStringLiteral("copyrights"),
               QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("© %1 %2").arg(year, album.label)},
                                      {QStringLiteral("type"), QStringLiteral("C")}},
                          QJsonObject{{QStringLiteral("text"), QStringLiteral("℗ %1 %2").arg(year, album.label)},
                                      {QStringLiteral("type"), QStringLiteral("P")}}});
    out.insert(QStringLiteral("external_ids"), QJsonObject{{QStringLiteral("upc"), album.upc}});
    if (extended()) {
        // Spotify documents AlbumObject.genres as "always empty".
        out.insert(QStringLiteral("genres"), QJsonArray());
        out.insert(QStringLiteral("label"), album.label);
        out.insert(QStringLiteral("popularity"), album.popularity);
    }
    return out;
}

QJsonObject FakeSpotifyJson::simplifiedTrack(const FakeSpotifyTrack &track) const
{
    QJsonArray artists;
    for (const QString &id : track.artistIds)
        artists.append(simplifiedArtist(*m_library.artist(id)));
    QJsonObject out{{QStringLiteral("artists"), artists},
                    {QStringLiteral("disc_number"), track.discNumber},
                    {QStringLiteral("duration_ms"), track.durationMs},
                    {QStringLiteral("explicit"), track.isExplicit},
                    {QStringLiteral("external_urls"), externalUrls(QStringLiteral("track"), track.id)},
                    {QStringLiteral("href"), apiUrl(QStringLiteral("/tracks/") + track.id)},
                    {QStringLiteral("id"), track.id},
                    {QStringLiteral("name"), track.name},
                    {QStringLiteral("track_number"), track.trackNumber},
                    {QStringLiteral("type"), QStringLiteral("track")},
                    {QStringLiteral("uri"), QString(QStringLiteral("spotify:track:") + track.id)},
                    {QStringLiteral("is_local"), false}};
    if (extended()) {
        out.insert(QStringLiteral("available_markets"), markets());
        out.insert(QStringLiteral("preview_url"), QStringLiteral("%1/preview/%2.mp3").arg(m_rootUrl, track.id));
    }
    return out;
}

QJsonObject FakeSpotifyJson::track(const FakeSpotifyTrack &track) const
{
    QJsonObject out = simplifiedTrack(track);
    out.insert(QStringLiteral("album"), simplifiedAlbum(*m_library.album(track.albumId)));
    out.insert(QStringLiteral("external_ids"), QJsonObject{{QStringLiteral("isrc"), track.isrc}});
    if (extended())
        out.insert(QStringLiteral("popularity"), track.popularity);
    return out;
}

QJsonObject FakeSpotifyJson::savedTrack(const FakeSpotifySavedItem &saved) const
{
    return {{QStringLiteral("added_at"), isoTime(saved.addedAtMs, false)},
            {QStringLiteral("track"), track(*m_library.track(saved.id))}};
}

QJsonObject FakeSpotifyJson::savedAlbum(const FakeSpotifySavedItem &saved) const
{
    return {{QStringLiteral("added_at"), isoTime(saved.addedAtMs, false)},
            {QStringLiteral("album"), album(*m_library.album(saved.id))}};
}

QJsonObject FakeSpotifyJson::playHistory(const FakeSpotifyPlay &play) const
{
    return {{QStringLiteral("track"), track(*m_library.track(play.trackId))},
            {QStringLiteral("played_at"), isoTime(play.playedAtMs, true)},
            {QStringLiteral("context"), context(play.contextUri)}};
}

QJsonValue FakeSpotifyJson::context(const QString &uri) const
{
    if (uri.isEmpty())
        return QJsonValue();
    const QString type = uri.section(QLatin1Char(':'), 1, 1);
    const QString id = uri.section(QLatin1Char(':'), 2);
    return QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("href"), apiUrl(QStringLiteral("/%1s/%2").arg(type, id))},
                       {QStringLiteral("external_urls"), externalUrls(type, id)},
                       {QStringLiteral("uri"), uri}};
}

QJsonObject FakeSpotifyJson::privateUser(bool premium) const
{
    const FakeSpotifyUser &me = m_library.me;
    QJsonObject out = publicUser(me);
    out.insert(QStringLiteral("account_id"), me.accountId);
    if (extended()) {
        out.insert(QStringLiteral("country"), me.country);
        out.insert(QStringLiteral("email"), me.email);
        out.insert(QStringLiteral("explicit_content"),
                   QJsonObject{{QStringLiteral("filter_enabled"), false}, {QStringLiteral("filter_locked"), false}});
        out.insert(QStringLiteral("product"), premium ? QStringLiteral("premium") : QStringLiteral("free"));
    }
    return out;
}

QJsonObject FakeSpotifyJson::publicUser(const FakeSpotifyUser &user) const
{
    QJsonObject out = playlistOwner(user.id);
    out.insert(QStringLiteral("images"), user.id == m_library.me.id ? images(user.id, {300, 64}) : QJsonArray());
    if (extended())
        out.insert(QStringLiteral("followers"),
                   QJsonObject{{QStringLiteral("href"), QJsonValue()}, {QStringLiteral("total"), user.followers}});
    return out;
}

QJsonObject FakeSpotifyJson::playlistUser(const QString &userId) const
{
    return {{QStringLiteral("external_urls"), externalUrls(QStringLiteral("user"), userId)},
            {QStringLiteral("href"), apiUrl(QStringLiteral("/users/") + userId)},
            {QStringLiteral("id"), userId},
            {QStringLiteral("type"), QStringLiteral("user")},
            {QStringLiteral("uri"), QString(QStringLiteral("spotify:user:") + userId)}};
}

QJsonObject FakeSpotifyJson::playlistOwner(const QString &userId) const
{
    QJsonObject out = playlistUser(userId);
    const FakeSpotifyUser *user = m_library.user(userId);
    out.insert(QStringLiteral("display_name"), user ? QJsonValue(user->displayName) : QJsonValue());
    return out;
}

QJsonObject FakeSpotifyJson::simplifiedPlaylist(const FakeSpotifyPlaylist &playlist) const
{
    const QJsonObject itemsRef{{QStringLiteral("href"), apiUrl(QStringLiteral("/playlists/%1/items").arg(playlist.id))},
                               {QStringLiteral("total"), int(playlist.entries.size())}};
    QJsonObject out{{QStringLiteral("collaborative"), playlist.collaborative},
                    {QStringLiteral("description"), playlist.description},
                    {QStringLiteral("external_urls"), externalUrls(QStringLiteral("playlist"), playlist.id)},
                    {QStringLiteral("href"), apiUrl(QStringLiteral("/playlists/") + playlist.id)},
                    {QStringLiteral("id"), playlist.id},
                    {QStringLiteral("images"), playlist.entries.isEmpty() ? QJsonArray() : images(playlist.id, {0})},
                    {QStringLiteral("name"), playlist.name},
                    {QStringLiteral("owner"), playlistOwner(playlist.ownerId)},
                    {QStringLiteral("public"), playlist.isPublic},
                    {QStringLiteral("snapshot_id"), playlist.snapshotId()},
                    {QStringLiteral("items"), itemsRef},
                    {QStringLiteral("type"), QStringLiteral("playlist")},
                    {QStringLiteral("uri"), QString(QStringLiteral("spotify:playlist:") + playlist.id)}};
    if (extended()) {
        out.insert(
            QStringLiteral("tracks"),
            QJsonObject{{QStringLiteral("href"), apiUrl(QStringLiteral("/playlists/%1/tracks").arg(playlist.id))},
                        {QStringLiteral("total"), int(playlist.entries.size())}});
    }
    return out;
}

QJsonObject FakeSpotifyJson::playlist(const FakeSpotifyPlaylist &playlist, bool withItems) const
{
    QJsonObject out = simplifiedPlaylist(playlist);
    out.remove(QStringLiteral("items"));
    out.remove(QStringLiteral("tracks"));
    out.insert(QStringLiteral("description"),
               playlist.description.isEmpty() ? QJsonValue() : QJsonValue(playlist.description));
    out.insert(QStringLiteral("followers"),
               QJsonObject{{QStringLiteral("href"), QJsonValue()}, {QStringLiteral("total"), playlist.followers}});
    if (withItems) {
        QJsonArray items;
        for (qsizetype i = 0; i < playlist.entries.size() && i < 100; ++i)
            items.append(playlistItem(playlist.entries.at(i)));
        const qsizetype total = playlist.entries.size();
        out.insert(QStringLiteral("items"),
                   offsetPage(QStringLiteral("/playlists/%1/items").arg(playlist.id), {}, items, 0, 100, total));
        if (extended())
            out.insert(QStringLiteral("tracks"),
                       offsetPage(QStringLiteral("/playlists/%1/tracks").arg(playlist.id), {}, items, 0, 100, total));
    }
    return out;
}

QJsonObject FakeSpotifyJson::playlistItem(const FakeSpotifyPlaylistEntry &entry) const
{
    const QJsonObject item = track(*m_library.track(entry.trackId));
    QJsonObject out{{QStringLiteral("added_at"), isoTime(entry.addedAtMs, false)},
                    {QStringLiteral("added_by"), playlistUser(entry.addedBy)},
                    {QStringLiteral("is_local"), false},
                    {QStringLiteral("item"), item}};
    if (extended())
        out.insert(QStringLiteral("track"), item);
    return out;
}

QJsonObject FakeSpotifyJson::audioFeatures(const FakeSpotifyTrack &track) const
{
    FakeSpotifyRandom random(stableHash(track.id));
    auto unit = [&random]() {
        return double(random.range(0, 1000)) / 1000.0;
    };
    return {{QStringLiteral("acousticness"), unit()},
            {QStringLiteral("analysis_url"), apiUrl(QStringLiteral("/audio-analysis/") + track.id)},
            {QStringLiteral("danceability"), unit()},
            {QStringLiteral("duration_ms"), track.durationMs},
            {QStringLiteral("energy"), unit()},
            {QStringLiteral("id"), track.id},
            {QStringLiteral("instrumentalness"), unit()},
            {QStringLiteral("key"), random.range(-1, 11)},
            {QStringLiteral("liveness"), unit()},
            {QStringLiteral("loudness"), -double(random.range(1000, 30000)) / 1000.0},
            {QStringLiteral("mode"), random.range(0, 1)},
            {QStringLiteral("speechiness"), unit()},
            {QStringLiteral("tempo"), double(random.range(60000, 190000)) / 1000.0},
            {QStringLiteral("time_signature"), random.chance(0.9) ? 4 : 3},
            {QStringLiteral("track_href"), apiUrl(QStringLiteral("/tracks/") + track.id)},
            {QStringLiteral("type"), QStringLiteral("audio_features")},
            {QStringLiteral("uri"), QString(QStringLiteral("spotify:track:") + track.id)},
            {QStringLiteral("valence"), unit()}};
}

QJsonObject FakeSpotifyJson::device(const FakeSpotifyDevice &device) const
{
    return {{QStringLiteral("id"), device.id},
            {QStringLiteral("is_active"), device.isActive},
            {QStringLiteral("is_private_session"), device.isPrivateSession},
            {QStringLiteral("is_restricted"), device.isRestricted},
            {QStringLiteral("name"), device.name},
            {QStringLiteral("type"), device.type},
            {QStringLiteral("volume_percent"), nullableInt(device.volumePercent)},
            {QStringLiteral("supports_volume"), device.supportsVolume}};
}

QJsonObject FakeSpotifyJson::playbackState(const FakeSpotifyPlayer &player, qint64 nowMs, bool full) const
{
    const FakeSpotifyPlayback &state = player.playback();
    const FakeSpotifyTrack *current = m_library.track(state.currentTrackId);
    // Real responses nest the flags under "disallows" (the OpenAPI definition puts them in `actions`
    // directly) and list only the actions that are not allowed.
    QJsonObject disallows;
    if (state.playing)
        disallows.insert(QStringLiteral("resuming"), true);
    else
        disallows.insert(QStringLiteral("pausing"), true);
    if (!player.hasNext())
        disallows.insert(QStringLiteral("skipping_next"), true);
    if (!player.hasPrevious(nowMs))
        disallows.insert(QStringLiteral("skipping_prev"), true);
    QJsonObject out{
        {QStringLiteral("context"), state.currentFromQueue ? QJsonValue() : context(state.contextUri)},
        {QStringLiteral("timestamp"), state.changedAtMs},
        {QStringLiteral("progress_ms"), current ? QJsonValue(player.progressMs(nowMs)) : QJsonValue()},
        {QStringLiteral("is_playing"), state.playing},
        {QStringLiteral("item"), current ? QJsonValue(track(*current)) : QJsonValue()},
        {QStringLiteral("currently_playing_type"), current ? QStringLiteral("track") : QStringLiteral("unknown")},
        {QStringLiteral("actions"), QJsonObject{{QStringLiteral("disallows"), disallows}}}};
    if (full) {
        const int active = state.activeDeviceIndex();
        if (active >= 0)
            out.insert(QStringLiteral("device"), device(state.devices.at(active)));
        out.insert(QStringLiteral("repeat_state"), state.repeat);
        out.insert(QStringLiteral("shuffle_state"), state.shuffle);
        out.insert(QStringLiteral("smart_shuffle"), state.smartShuffle);
    }
    return out;
}

QJsonObject FakeSpotifyJson::queue(const FakeSpotifyPlayer &player) const
{
    const FakeSpotifyTrack *current = m_library.track(player.playback().currentTrackId);
    QJsonArray upcoming;
    for (const QString &id : player.upcoming(20))
        upcoming.append(track(*m_library.track(id)));
    return {{QStringLiteral("currently_playing"), current ? QJsonValue(track(*current)) : QJsonValue()},
            {QStringLiteral("queue"), upcoming}};
}

QString FakeSpotifyJson::pageUrl(const QString &path, const FakeSpotifyQuery &items) const
{
    QString url = apiUrl(path);
    QChar separator = QLatin1Char('?');
    for (const auto &item : items) {
        url +=
            separator + item.first + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(item.second, ","));
        separator = QLatin1Char('&');
    }
    return url;
}

QJsonObject FakeSpotifyJson::offsetPage(const QString &path,
                                        const FakeSpotifyQuery &extra,
                                        const QJsonArray &items,
                                        qsizetype offset,
                                        qsizetype limit,
                                        qsizetype total) const
{
    auto urlAt = [&](qsizetype at) {
        FakeSpotifyQuery query{{QStringLiteral("offset"), QString::number(at)},
                               {QStringLiteral("limit"), QString::number(limit)}};
        query.append(extra);
        return pageUrl(path, query);
    };
    return {{QStringLiteral("href"), urlAt(offset)},
            {QStringLiteral("items"), items},
            {QStringLiteral("limit"), qint64(limit)},
            {QStringLiteral("next"), offset + limit < total ? QJsonValue(urlAt(offset + limit)) : QJsonValue()},
            {QStringLiteral("offset"), qint64(offset)},
            {QStringLiteral("previous"),
             offset > 0 ? QJsonValue(urlAt(std::max<qsizetype>(0, offset - limit))) : QJsonValue()},
            {QStringLiteral("total"), qint64(total)}};
}

QJsonObject FakeSpotifyJson::cursorPage(const QString &href,
                                        const QJsonArray &items,
                                        int limit,
                                        const QJsonValue &next,
                                        const QJsonValue &cursors,
                                        qsizetype total) const
{
    return {{QStringLiteral("href"), href},
            {QStringLiteral("items"), items},
            {QStringLiteral("limit"), limit},
            {QStringLiteral("next"), next},
            {QStringLiteral("cursors"), cursors},
            {QStringLiteral("total"), qint64(total)}};
}

QJsonObject FakeSpotifyJson::recommendationSeed(const QString &type, const QString &id) const
{
    QJsonValue href;
    if (type == QLatin1String("ARTIST"))
        href = apiUrl(QStringLiteral("/artists/") + id);
    else if (type == QLatin1String("TRACK"))
        href = apiUrl(QStringLiteral("/tracks/") + id);
    return {{QStringLiteral("afterFilteringSize"), 250},
            {QStringLiteral("afterRelinkingSize"), 250},
            {QStringLiteral("href"), href},
            {QStringLiteral("id"), id},
            {QStringLiteral("initialPoolSize"), 250},
            {QStringLiteral("type"), type}};
}

QJsonObject FakeSpotifyJson::snapshot(const FakeSpotifyPlaylist &playlist) const
{
    return {{QStringLiteral("snapshot_id"), playlist.snapshotId()}};
}

} // namespace testsupport
