#include "engine/spotify/spotifyjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>

namespace engine::spotifyjson
{

namespace
{

Error shapeError(const QString &what)
{
    return Error{Error::Code::InvalidInput, QStringLiteral("Spotify sent an unexpected answer: %1.").arg(what)};
}

QString string(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toString();
}

int integer(const QJsonObject &object, QLatin1String key)
{
    const double value = object.value(key).toDouble();
    return value >= 0 && value <= 2147483647.0 ? int(value) : 0;
}

// JSON numbers arrive as doubles. Converting one outside qint64's range to qint64 is undefined behaviour, and
// a broken or hostile upstream can send 1e300; beyond 2^53 a double is no longer an exact whole number, and no
// duration or Unix-ms time is that large, so such a number counts as absent.
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    constexpr double largestExact = 9007199254740992.0; // 2^53
    const double number = value.toDouble();
    if (!value.isDouble() || !(number >= -largestExact && number <= largestExact)) {
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<bool> optionalBool(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    return value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
}

QList<ArtistRef> artistRefs(const QJsonValue &value)
{
    QList<ArtistRef> refs;
    for (const QJsonValue &entry : value.toArray()) {
        if (auto ref = artistRef(entry.toObject())) {
            refs.append(*ref);
        }
    }
    return refs;
}

template<typename T, typename Map>
Result<OffsetPage<T>> offsetPage(const QJsonObject &page, Map map)
{
    const QJsonValue items = page.value(QLatin1String("items"));
    if (!items.isArray()) {
        return shapeError(QStringLiteral("a page without an \"items\" list"));
    }
    OffsetPage<T> result;
    for (const QJsonValue &item : items.toArray()) {
        if (std::optional<T> mapped = map(item.toObject())) {
            result.items.append(std::move(*mapped));
        } else {
            ++result.skippedItems;
        }
    }
    result.total = integer(page, QLatin1String("total"));
    result.offset = integer(page, QLatin1String("offset"));
    result.limit = integer(page, QLatin1String("limit"));
    result.next = QUrl(string(page, QLatin1String("next")));
    return result;
}

template<typename T, typename Map>
Result<CursorPage<T>> cursorPage(const QJsonObject &page, Map map)
{
    const QJsonValue items = page.value(QLatin1String("items"));
    if (!items.isArray()) {
        return shapeError(QStringLiteral("a page without an \"items\" list"));
    }
    CursorPage<T> result;
    for (const QJsonValue &item : items.toArray()) {
        if (std::optional<T> mapped = map(item.toObject())) {
            result.items.append(std::move(*mapped));
        } else {
            ++result.skippedItems;
        }
    }
    result.limit = integer(page, QLatin1String("limit"));
    const QJsonObject cursors = page.value(QLatin1String("cursors")).toObject();
    // Cursors are strings in the spec but numbers in some answers; keep them as text either way.
    const auto cursor = [&cursors](QLatin1String key) {
        const QJsonValue value = cursors.value(key);
        if (!value.isDouble()) {
            return value.toString();
        }
        const std::optional<qint64> number = wholeNumber(value);
        return number ? QString::number(*number) : QString();
    };
    result.after = cursor(QLatin1String("after"));
    result.before = cursor(QLatin1String("before"));
    result.next = QUrl(string(page, QLatin1String("next")));
    return result;
}

template<typename T, typename Map>
Result<OffsetPage<T>> parseOffsetPage(const QByteArray &body, Map map)
{
    const auto object = parseObject(body);
    if (!object) {
        return object.error();
    }
    return offsetPage<T>(object.value(), map);
}

} // namespace

QString bestImage(const QJsonObject &object)
{
    QString url;
    int bestWidth = -1;
    for (const QJsonValue &value : object.value(QLatin1String("images")).toArray()) {
        const QJsonObject image = value.toObject();
        const QString candidate = string(image, QLatin1String("url"));
        const int width = integer(image, QLatin1String("width"));
        if (!candidate.isEmpty() && width > bestWidth) {
            url = candidate;
            bestWidth = width;
        }
    }
    return url;
}

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return shapeError(QStringLiteral("invalid JSON at byte %1 (%2)").arg(error.offset).arg(error.errorString()));
    }
    if (!document.isObject()) {
        return shapeError(QStringLiteral("JSON that is not an object"));
    }
    return document.object();
}

std::optional<qint64> parseTimestampMs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime) {
        return std::nullopt;
    }
    return time.toMSecsSinceEpoch();
}

std::optional<ArtistRef> artistRef(const QJsonObject &object)
{
    ArtistRef ref{string(object, QLatin1String("id")), string(object, QLatin1String("name"))};
    if (ref.name.isEmpty()) {
        return std::nullopt;
    }
    return ref;
}

std::optional<Artist> artist(const QJsonObject &object)
{
    Artist result;
    result.spotifyId = string(object, QLatin1String("id"));
    result.name = string(object, QLatin1String("name"));
    if (result.spotifyId.isEmpty() || result.name.isEmpty()) {
        return std::nullopt;
    }
    result.imageUrl = bestImage(object);
    for (const QJsonValue &genre : object.value(QLatin1String("genres")).toArray()) {
        if (genre.isString()) {
            result.genres.append(genre.toString());
        }
    }
    return result;
}

std::optional<Album> album(const QJsonObject &object)
{
    Album result;
    result.spotifyId = string(object, QLatin1String("id"));
    result.name = string(object, QLatin1String("name"));
    if (result.name.isEmpty()) {
        return std::nullopt;
    }
    result.albumType = string(object, QLatin1String("album_type"));
    result.releaseDate = string(object, QLatin1String("release_date"));
    result.releaseDatePrecision = string(object, QLatin1String("release_date_precision"));
    result.totalTracks = integer(object, QLatin1String("total_tracks"));
    result.imageUrl = bestImage(object);
    result.upc = string(object.value(QLatin1String("external_ids")).toObject(), QLatin1String("upc"));
    result.artists = artistRefs(object.value(QLatin1String("artists")));
    return result;
}

std::optional<Track> track(const QJsonObject &object)
{
    Track result;
    result.spotifyId = string(object, QLatin1String("id"));
    result.name = string(object, QLatin1String("name"));
    result.isLocal = object.value(QLatin1String("is_local")).toBool();
    const QString type = string(object, QLatin1String("type"));
    // Episodes share playlists and the queue with tracks; TuneScout's history is about music.
    if (result.name.isEmpty() || (result.spotifyId.isEmpty() && !result.isLocal)
        || (!type.isEmpty() && type != QLatin1String("track"))) {
        return std::nullopt;
    }
    if (auto albumValue = album(object.value(QLatin1String("album")).toObject())) {
        result.album = *albumValue;
    }
    result.artists = artistRefs(object.value(QLatin1String("artists")));
    result.durationMs = std::max<qint64>(wholeNumber(object.value(QLatin1String("duration_ms"))).value_or(0), 0);
    result.isExplicit = object.value(QLatin1String("explicit")).toBool();
    result.discNumber = integer(object, QLatin1String("disc_number"));
    result.trackNumber = integer(object, QLatin1String("track_number"));
    result.isrc = string(object.value(QLatin1String("external_ids")).toObject(), QLatin1String("isrc"));
    result.previewUrl = string(object, QLatin1String("preview_url"));
    return result;
}

Result<UserProfile> parseProfile(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object) {
        return object.error();
    }
    const QJsonObject &me = object.value();
    UserProfile profile;
    profile.accountId = string(me, QLatin1String("account_id"));
    profile.spotifyUserId = string(me, QLatin1String("id"));
    profile.displayName = string(me, QLatin1String("display_name"));
    profile.imageUrl = bestImage(me);
    profile.product = string(me, QLatin1String("product"));
    if (profile.spotifyUserId.isEmpty()) {
        return shapeError(QStringLiteral("a profile without a user id"));
    }
    return profile;
}

Result<OffsetPage<Artist>> parseArtistPage(const QByteArray &body)
{
    return parseOffsetPage<Artist>(body, artist);
}

Result<OffsetPage<Track>> parseTrackPage(const QByteArray &body)
{
    return parseOffsetPage<Track>(body, track);
}

Result<OffsetPage<SavedTrack>> parseSavedTrackPage(const QByteArray &body)
{
    return parseOffsetPage<SavedTrack>(body, [](const QJsonObject &item) -> std::optional<SavedTrack> {
        auto saved = track(item.value(QLatin1String("track")).toObject());
        const auto addedAt = parseTimestampMs(string(item, QLatin1String("added_at")));
        if (!saved || !addedAt) {
            return std::nullopt;
        }
        return SavedTrack{*saved, *addedAt};
    });
}

Result<OffsetPage<PlaylistSummary>> parsePlaylistPage(const QByteArray &body)
{
    return parseOffsetPage<PlaylistSummary>(body, [](const QJsonObject &item) -> std::optional<PlaylistSummary> {
        PlaylistSummary playlist;
        playlist.spotifyId = string(item, QLatin1String("id"));
        playlist.name = string(item, QLatin1String("name"));
        if (playlist.spotifyId.isEmpty()) {
            return std::nullopt;
        }
        playlist.description = string(item, QLatin1String("description"));
        const QJsonObject owner = item.value(QLatin1String("owner")).toObject();
        playlist.ownerId = string(owner, QLatin1String("id"));
        playlist.ownerName = string(owner, QLatin1String("display_name"));
        playlist.collaborative = item.value(QLatin1String("collaborative")).toBool();
        playlist.isPublic = optionalBool(item, QLatin1String("public"));
        playlist.snapshotId = string(item, QLatin1String("snapshot_id"));
        // Since 2026 the count is under "items"; older answers put it under the now-deprecated "tracks".
        const QJsonObject items = item.value(QLatin1String("items")).toObject();
        playlist.itemCount =
            integer(items.isEmpty() ? item.value(QLatin1String("tracks")).toObject() : items, QLatin1String("total"));
        playlist.imageUrl = bestImage(item);
        return playlist;
    });
}

Result<OffsetPage<PlaylistEntry>> parsePlaylistItemPage(const QByteArray &body)
{
    return parseOffsetPage<PlaylistEntry>(body, [](const QJsonObject &item) -> std::optional<PlaylistEntry> {
        // "item" replaced the deprecated "track" in 2026.
        const QJsonValue content = item.contains(QLatin1String("item")) ? item.value(QLatin1String("item"))
                                                                        : item.value(QLatin1String("track"));
        auto entryTrack = track(content.toObject());
        if (!entryTrack) {
            return std::nullopt;
        }
        PlaylistEntry entry{*entryTrack, parseTimestampMs(string(item, QLatin1String("added_at"))).value_or(0), {}};
        entry.addedBy = string(item.value(QLatin1String("added_by")).toObject(), QLatin1String("id"));
        return entry;
    });
}

Result<CursorPage<Play>> parseRecentlyPlayed(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object) {
        return object.error();
    }
    return cursorPage<Play>(object.value(), [](const QJsonObject &item) -> std::optional<Play> {
        auto played = track(item.value(QLatin1String("track")).toObject());
        const auto playedAt = parseTimestampMs(string(item, QLatin1String("played_at")));
        if (!played || !playedAt || played->spotifyId.isEmpty()) {
            return std::nullopt;
        }
        Play play;
        play.track = *played;
        play.playedAtMs = *playedAt;
        play.source = Play::Source::Polled;
        const QJsonObject context = item.value(QLatin1String("context")).toObject();
        play.contextUri = string(context, QLatin1String("uri"));
        play.contextType = string(context, QLatin1String("type"));
        return play;
    });
}

Result<CursorPage<Artist>> parseFollowedArtists(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object) {
        return object.error();
    }
    const QJsonValue artists = object.value().value(QLatin1String("artists"));
    if (!artists.isObject()) {
        return shapeError(QStringLiteral("followed artists without the \"artists\" page"));
    }
    return cursorPage<Artist>(artists.toObject(), artist);
}

Result<Track> parseTrack(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object) {
        return object.error();
    }
    auto mapped = track(object.value());
    if (!mapped) {
        return shapeError(QStringLiteral("a track without an id or a name"));
    }
    return *mapped;
}

Result<TokenResponse> parseTokenResponse(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object) {
        return object.error();
    }
    const QJsonObject &token = object.value();
    TokenResponse response;
    response.accessToken = string(token, QLatin1String("access_token")).toUtf8();
    response.refreshToken = string(token, QLatin1String("refresh_token")).toUtf8();
    response.scope = string(token, QLatin1String("scope"));
    response.expiresInS = integer(token, QLatin1String("expires_in"));
    if (response.accessToken.isEmpty() || response.expiresInS <= 0) {
        return shapeError(QStringLiteral("a token response without an access token or its lifetime"));
    }
    return response;
}

ApiError parseError(int httpStatus, const QByteArray &body)
{
    ApiError error;
    error.status = httpStatus;
    const auto object = parseObject(body);
    if (!object) {
        return error;
    }
    const QJsonValue inner = object.value().value(QLatin1String("error"));
    if (inner.isObject()) {
        const QJsonObject details = inner.toObject();
        error.message = string(details, QLatin1String("message"));
        error.reason = string(details, QLatin1String("reason"));
    } else if (inner.isString()) {
        error.oauthError = inner.toString();
        error.oauthDescription = string(object.value(), QLatin1String("error_description"));
    }
    return error;
}

} // namespace engine::spotifyjson
