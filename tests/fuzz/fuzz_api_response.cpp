// fuzz_api_response (RELIABILITY.md FZ-1 #3): bytes → JSON → the Spotify mappings of engine::spotifyjson and
// the error classification of engine::spotifyErrorFor.
//
// The first byte picks the mapping ('a' profile, 'b' top artists, 'c' top tracks, 'd' saved tracks,
// 'e' playlists, 'f' playlist items, 'g' recently played, 'h' followed artists, 'i' one track, 'j' token
// response, 'k' error body under every status, 'l' timestamp; other bytes wrap around), the rest is the
// body. Besides "no crash", every input is checked against what the rest of TuneScout relies on (FZ-2); a
// broken property aborts with its name:
// - a body that is not a JSON object is an error; an error is InvalidInput with a bounded message that
//   quotes nothing of the body;
// - what is accepted satisfies the mapping's promises (ids and names where required, non-negative counts
//   and durations, every list item either mapped or counted as skipped);
// - round trip: parse(serialize(parse(x))) == parse(x), with a serializer writing Spotify's documented shape;
// - the error kind follows the status as SPOTIFY.md §2 says.
#include "engine/spotify/spotifyerror.h"
#include "engine/spotify/spotifyjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace engine;
using namespace engine::spotifyjson;

namespace
{

void require(bool holds, const char *property)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz_api_response: property broken: %s\n", property);
        std::abort();
    }
}

// --- Serializing back into Spotify's shape (reference/spotify-web-api.openapi.yml) ---

QJsonArray images(const QString &url)
{
    return url.isEmpty() ? QJsonArray()
                         : QJsonArray{QJsonObject{{QStringLiteral("url"), url}, {QStringLiteral("width"), 640}}};
}

QJsonArray toJson(const QList<ArtistRef> &refs)
{
    QJsonArray array;
    for (const ArtistRef &ref : refs) {
        array.append(QJsonObject{{QStringLiteral("id"), ref.spotifyId}, {QStringLiteral("name"), ref.name}});
    }
    return array;
}

QJsonObject toJson(const Artist &artist)
{
    return {{QStringLiteral("id"), artist.spotifyId},
            {QStringLiteral("name"), artist.name},
            {QStringLiteral("type"), QStringLiteral("artist")},
            {QStringLiteral("images"), images(artist.imageUrl)},
            {QStringLiteral("genres"), QJsonArray::fromStringList(artist.genres)}};
}

QJsonValue toJson(const Album &album)
{
    if (album == Album{}) {
        return QJsonValue::Null;
    }
    return QJsonObject{{QStringLiteral("id"), album.spotifyId},
                       {QStringLiteral("name"), album.name},
                       {QStringLiteral("album_type"), album.albumType},
                       {QStringLiteral("release_date"), album.releaseDate},
                       {QStringLiteral("release_date_precision"), album.releaseDatePrecision},
                       {QStringLiteral("total_tracks"), album.totalTracks},
                       {QStringLiteral("images"), images(album.imageUrl)},
                       {QStringLiteral("external_ids"), QJsonObject{{QStringLiteral("upc"), album.upc}}},
                       {QStringLiteral("artists"), toJson(album.artists)}};
}

QJsonObject toJson(const Track &track)
{
    return {{QStringLiteral("id"), track.spotifyId},
            {QStringLiteral("name"), track.name},
            {QStringLiteral("type"), QStringLiteral("track")},
            {QStringLiteral("is_local"), track.isLocal},
            {QStringLiteral("album"), toJson(track.album)},
            {QStringLiteral("artists"), toJson(track.artists)},
            {QStringLiteral("duration_ms"), double(track.durationMs)},
            {QStringLiteral("explicit"), track.isExplicit},
            {QStringLiteral("disc_number"), track.discNumber},
            {QStringLiteral("track_number"), track.trackNumber},
            {QStringLiteral("external_ids"), QJsonObject{{QStringLiteral("isrc"), track.isrc}}},
            {QStringLiteral("preview_url"), track.previewUrl}};
}

QString timestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject toJson(const SavedTrack &saved)
{
    return {{QStringLiteral("added_at"), timestamp(saved.addedAtMs)}, {QStringLiteral("track"), toJson(saved.track)}};
}

QJsonObject toJson(const PlaylistSummary &playlist)
{
    QJsonObject object{
        {QStringLiteral("id"), playlist.spotifyId},
        {QStringLiteral("name"), playlist.name},
        {QStringLiteral("description"), playlist.description},
        {QStringLiteral("owner"),
         QJsonObject{{QStringLiteral("id"), playlist.ownerId}, {QStringLiteral("display_name"), playlist.ownerName}}},
        {QStringLiteral("collaborative"), playlist.collaborative},
        {QStringLiteral("snapshot_id"), playlist.snapshotId},
        {QStringLiteral("items"), QJsonObject{{QStringLiteral("total"), playlist.itemCount}}},
        {QStringLiteral("images"), images(playlist.imageUrl)}};
    object.insert(QStringLiteral("public"), playlist.isPublic ? QJsonValue(*playlist.isPublic) : QJsonValue::Null);
    return object;
}

QJsonObject toJson(const PlaylistEntry &entry)
{
    return {{QStringLiteral("added_at"), timestamp(entry.addedAtMs)},
            {QStringLiteral("added_by"), QJsonObject{{QStringLiteral("id"), entry.addedBy}}},
            {QStringLiteral("item"), toJson(entry.track)}};
}

QJsonObject toJson(const Play &play)
{
    return {{QStringLiteral("played_at"), timestamp(play.playedAtMs)},
            {QStringLiteral("track"), toJson(play.track)},
            {QStringLiteral("context"),
             QJsonObject{{QStringLiteral("uri"), play.contextUri}, {QStringLiteral("type"), play.contextType}}}};
}

template<typename T>
QJsonArray items(const QList<T> &list)
{
    QJsonArray array;
    for (const T &item : list) {
        array.append(toJson(item));
    }
    return array;
}

template<typename T>
QJsonObject toJson(const OffsetPage<T> &page)
{
    return {{QStringLiteral("items"), items(page.items)},
            {QStringLiteral("total"), page.total},
            {QStringLiteral("offset"), page.offset},
            {QStringLiteral("limit"), page.limit}};
}

template<typename T>
QJsonObject toJson(const CursorPage<T> &page)
{
    return {{QStringLiteral("items"), items(page.items)},
            {QStringLiteral("limit"), page.limit},
            {QStringLiteral("cursors"),
             QJsonObject{{QStringLiteral("after"), page.after}, {QStringLiteral("before"), page.before}}}};
}

QByteArray bytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// --- What the mappings promise ---

void requireRef(const ArtistRef &ref)
{
    require(!ref.name.isEmpty(), "an artist reference without a name");
}

void requireValid(const Artist &artist)
{
    require(!artist.spotifyId.isEmpty() && !artist.name.isEmpty(), "an artist without an id or a name");
}

void requireValid(const Track &track)
{
    require(!track.name.isEmpty(), "a track without a name");
    require(!track.spotifyId.isEmpty() || track.isLocal, "a catalogue track without an id");
    require(track.durationMs >= 0, "a negative duration");
    require(track.discNumber >= 0 && track.trackNumber >= 0, "a negative disc or track number");
    require(track.album == Album{} || !track.album.name.isEmpty(), "an album without a name");
    require(track.album.totalTracks >= 0, "a negative album track count");
    for (const ArtistRef &ref : track.artists + track.album.artists) {
        requireRef(ref);
    }
}

void requireValid(const SavedTrack &saved)
{
    requireValid(saved.track);
}

void requireValid(const PlaylistSummary &playlist)
{
    require(!playlist.spotifyId.isEmpty(), "a playlist without an id");
    require(playlist.itemCount >= 0, "a negative playlist item count");
}

void requireValid(const PlaylistEntry &entry)
{
    requireValid(entry.track);
}

void requireValid(const Play &play)
{
    requireValid(play.track);
    require(!play.track.spotifyId.isEmpty(), "a play of a track without an id");
    require(play.source == Play::Source::Polled && !play.msPlayed && !play.skipped && !play.shuffle && !play.offline,
            "a polled play with details only an export has");
}

// Errors name what was wrong without quoting the body: Spotify's answer may hold anything, including a token.
template<typename T>
void requireShapeError(const Result<T> &result)
{
    const Error &error = result.error();
    require(error.code == Error::Code::InvalidInput, "a mapping error that is not InvalidInput");
    require(error.message.startsWith(QLatin1String("Spotify sent an unexpected answer: "))
                && error.message.size() <= 160,
            "a mapping error that is not the bounded, body-free message");
}

// What a body must at least be for a mapping to accept it, found independently of the mapping.
QJsonObject independentObject(const QByteArray &body, bool accepted)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    require(!accepted || document.isObject(), "a body that is not a JSON object accepted");
    return document.object();
}

template<typename Page>
void requirePageShape(const Page &page, const QJsonObject &object)
{
    require(page.limit >= 0 && page.skippedItems >= 0, "negative paging numbers");
    require(page.items.size() + page.skippedItems == object.value(QLatin1String("items")).toArray().size(),
            "list items neither mapped nor counted as skipped");
    for (const auto &item : page.items) {
        requireValid(item);
    }
}

template<typename T>
bool sameOffsetPage(const OffsetPage<T> &a, const OffsetPage<T> &b)
{
    return a.items == b.items && a.total == b.total && a.offset == b.offset && a.limit == b.limit;
}

template<typename T>
bool sameCursorPage(const CursorPage<T> &a, const CursorPage<T> &b)
{
    return a.items == b.items && a.limit == b.limit && a.after == b.after && a.before == b.before;
}

template<typename T>
void checkOffsetPage(Result<OffsetPage<T>> (*parse)(const QByteArray &), const QByteArray &body)
{
    const auto page = parse(body);
    const QJsonObject object = independentObject(body, bool(page));
    if (!page) {
        requireShapeError(page);
        return;
    }
    require(page.value().total >= 0 && page.value().offset >= 0, "negative paging numbers");
    requirePageShape(page.value(), object);
    const auto again = parse(bytes(toJson(page.value())));
    require(again && sameOffsetPage(again.value(), page.value()), "an offset page that does not survive a round trip");
}

template<typename T>
void checkCursorPage(const Result<CursorPage<T>> &page,
                     const QJsonObject &object,
                     Result<CursorPage<T>> (*parse)(const QByteArray &),
                     const QJsonObject &serialized)
{
    requirePageShape(page.value(), object);
    const auto again = parse(bytes(serialized));
    require(again && sameCursorPage(again.value(), page.value()), "a cursor page that does not survive a round trip");
}

void checkProfile(const QByteArray &body)
{
    const auto profile = parseProfile(body);
    independentObject(body, bool(profile));
    if (!profile) {
        requireShapeError(profile);
        return;
    }
    const UserProfile &me = profile.value();
    require(!me.spotifyUserId.isEmpty(), "a profile without a user id");
    const auto again = parseProfile(bytes({{QStringLiteral("account_id"), me.accountId},
                                           {QStringLiteral("id"), me.spotifyUserId},
                                           {QStringLiteral("display_name"), me.displayName},
                                           {QStringLiteral("images"), images(me.imageUrl)},
                                           {QStringLiteral("product"), me.product}}));
    require(again && again.value() == me, "a profile that does not survive a round trip");
}

void checkRecentlyPlayed(const QByteArray &body)
{
    const auto page = parseRecentlyPlayed(body);
    const QJsonObject object = independentObject(body, bool(page));
    if (!page) {
        requireShapeError(page);
        return;
    }
    checkCursorPage(page, object, parseRecentlyPlayed, toJson(page.value()));
}

void checkFollowedArtists(const QByteArray &body)
{
    const auto page = parseFollowedArtists(body);
    const QJsonObject object = independentObject(body, bool(page));
    if (!page) {
        requireShapeError(page);
        return;
    }
    checkCursorPage(page,
                    object.value(QLatin1String("artists")).toObject(),
                    parseFollowedArtists,
                    QJsonObject{{QStringLiteral("artists"), toJson(page.value())}});
}

void checkTrack(const QByteArray &body)
{
    const auto track = parseTrack(body);
    independentObject(body, bool(track));
    if (!track) {
        requireShapeError(track);
        return;
    }
    requireValid(track.value());
    const auto again = parseTrack(bytes(toJson(track.value())));
    require(again && again.value() == track.value(), "a track that does not survive a round trip");
}

void checkTokenResponse(const QByteArray &body)
{
    const auto token = parseTokenResponse(body);
    independentObject(body, bool(token));
    if (!token) {
        requireShapeError(token);
        return;
    }
    const TokenResponse &value = token.value();
    require(!value.accessToken.isEmpty() && value.expiresInS > 0, "a token without an access token or a lifetime");
    const auto again =
        parseTokenResponse(bytes({{QStringLiteral("access_token"), QString::fromUtf8(value.accessToken)},
                                  {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                  {QStringLiteral("refresh_token"), QString::fromUtf8(value.refreshToken)},
                                  {QStringLiteral("scope"), value.scope},
                                  {QStringLiteral("expires_in"), value.expiresInS}}));
    require(again && again.value().accessToken == value.accessToken && again.value().refreshToken == value.refreshToken
                && again.value().scope == value.scope && again.value().expiresInS == value.expiresInS,
            "a token response that does not survive a round trip");
}

SpotifyError::Kind expectedKind(int status, const ApiError &parsed, const SpotifyError &error)
{
    using Kind = SpotifyError::Kind;
    switch (status) {
    case 401:
        return Kind::SessionExpired;
    case 403:
        return parsed.reason.compare(QLatin1String("PREMIUM_REQUIRED"), Qt::CaseInsensitive) == 0
            ? Kind::PremiumRequired
            : error.kind == Kind::NotRegistered ? Kind::NotRegistered
                                                : Kind::Forbidden;
    case 404:
        return error.kind == Kind::NoActiveDevice ? Kind::NoActiveDevice : Kind::NotFound;
    case 429:
        return parsed.reason.compare(QLatin1String("QUOTA_EXCEEDED"), Qt::CaseInsensitive) == 0 ? Kind::QuotaExceeded
                                                                                                : Kind::RateLimited;
    default:
        return status >= 500 && status <= 599 ? Kind::ServerError
            : status >= 400 && status <= 499  ? Kind::BadRequest
                                              : Kind::BadResponse;
    }
}

void checkErrors(const QByteArray &body)
{
    for (const int status : {0, 200, 204, 302, 400, 401, 403, 404, 405, 413, 429, 499, 500, 502, 503, 599, 600, -1}) {
        const ApiError parsed = parseError(status, body);
        require(parsed.status == status, "an error that lost its status");
        const SpotifyError error = spotifyErrorFor(status, body);
        require(error.status == status && error.reason == parsed.reason,
                "an error classification that lost its source");
        require(error.kind == expectedKind(status, parsed, error), "an error kind that does not follow the status");
        require(!error.message().isEmpty() && !error.kindName().isEmpty(), "an error without words for a person");

        ApiError written;
        QJsonObject envelope;
        if (!parsed.message.isEmpty() || !parsed.reason.isEmpty()) {
            envelope.insert(QStringLiteral("error"),
                            QJsonObject{{QStringLiteral("status"), status},
                                        {QStringLiteral("message"), parsed.message},
                                        {QStringLiteral("reason"), parsed.reason}});
        } else if (!parsed.oauthError.isEmpty() || !parsed.oauthDescription.isEmpty()) {
            envelope.insert(QStringLiteral("error"), parsed.oauthError);
            envelope.insert(QStringLiteral("error_description"), parsed.oauthDescription);
        }
        const ApiError again = parseError(status, bytes(envelope));
        require(again.message == parsed.message && again.reason == parsed.reason
                    && again.oauthError == parsed.oauthError && again.oauthDescription == parsed.oauthDescription,
                "an error body that does not survive a round trip");
    }
}

void checkTimestamp(const QByteArray &body)
{
    const auto ms = parseTimestampMs(QString::fromUtf8(body));
    if (ms) {
        require(parseTimestampMs(timestamp(*ms)) == ms, "a timestamp that does not survive a round trip");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (std::uint8_t(data[0] - 'a') % 12) {
    case 0:
        checkProfile(body);
        break;
    case 1:
        checkOffsetPage<Artist>(parseArtistPage, body);
        break;
    case 2:
        checkOffsetPage<Track>(parseTrackPage, body);
        break;
    case 3:
        checkOffsetPage<SavedTrack>(parseSavedTrackPage, body);
        break;
    case 4:
        checkOffsetPage<PlaylistSummary>(parsePlaylistPage, body);
        break;
    case 5:
        checkOffsetPage<PlaylistEntry>(parsePlaylistItemPage, body);
        break;
    case 6:
        checkRecentlyPlayed(body);
        break;
    case 7:
        checkFollowedArtists(body);
        break;
    case 8:
        checkTrack(body);
        break;
    case 9:
        checkTokenResponse(body);
        break;
    case 10:
        checkErrors(body);
        break;
    default:
        checkTimestamp(body);
        break;
    }
    return 0;
}
