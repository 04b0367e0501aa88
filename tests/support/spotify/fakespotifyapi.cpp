#include "tests/support/spotify/fakespotifyapi.h"

#include "tests/support/spotify/fakespotifyfaults.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <optional>

namespace testsupport
{

struct FakeSpotifyApi::Call {
    const FakeSpotifyRequest &request;
    FakeSpotifyApiContext &context;
    QStringList captures;
    QStringList scopes;
    QString openApiPath;
    FakeSpotifyJson json;

    FakeSpotifyLibrary &library()
    {
        return context.library;
    }
    bool extended() const
    {
        return context.profile == FakeSpotifyProfile::Extended;
    }
    bool hasScope(const QString &scope) const
    {
        return scopes.contains(scope);
    }
    QString query(const char *key) const
    {
        return request.queryValue(QLatin1String(key));
    }
    bool hasQuery(const char *key) const
    {
        return request.hasQueryItem(QLatin1String(key));
    }
};

using Call = FakeSpotifyApi::Call;
using Response = FakeSpotifyResponse;

namespace
{

// Error answers in Spotify's words where they are known.
Response badRequest(const QString &message)
{
    return Response::apiError(400, message);
}

Response notFound(const QString &message = QStringLiteral("Resource not found"))
{
    return Response::apiError(404, message);
}

Response forbidden(const QString &message)
{
    return Response::apiError(403, message);
}

Response insufficientScope()
{
    return forbidden(QStringLiteral("Insufficient client scope"));
}

Response ok(const QJsonObject &object)
{
    return Response::json(200, QJsonDocument(object));
}

Response ok(const QJsonArray &array)
{
    return Response::json(200, QJsonDocument(array));
}

Response emptyOk()
{
    return Response::noContent(200);
}

struct Paging {
    int limit = 20;
    int offset = 0;
    std::optional<Response> error;
};

Paging readPaging(const Call &call, int defaultLimit, int maxLimit, int maxOffset = -1)
{
    Paging paging;
    paging.limit = defaultLimit;
    if (call.hasQuery("limit")) {
        bool valid = false;
        paging.limit = call.query("limit").toInt(&valid);
        if (!valid || paging.limit < 1 || paging.limit > maxLimit) {
            paging.error = badRequest(QStringLiteral("Invalid limit"));
            return paging;
        }
    }
    if (call.hasQuery("offset")) {
        bool valid = false;
        paging.offset = call.query("offset").toInt(&valid);
        if (!valid || paging.offset < 0 || (maxOffset >= 0 && paging.offset > maxOffset))
            paging.error = badRequest(QStringLiteral("Invalid offset"));
    }
    return paging;
}

// Query items that a paged answer repeats in its href/next/previous links.
FakeSpotifyQuery echoed(const Call &call, const QStringList &keys)
{
    FakeSpotifyQuery out;
    for (const QString &key : keys) {
        if (call.request.hasQueryItem(key))
            out.append({key, call.request.queryValue(key)});
    }
    return out;
}

template<typename T, typename Map>
Response page(Call &call, const QList<T> &all, const Paging &paging, const FakeSpotifyQuery &extra, Map map)
{
    QJsonArray items;
    for (qsizetype i = paging.offset; i < all.size() && i < qsizetype(paging.offset) + paging.limit; ++i)
        items.append(map(all.at(i)));
    return ok(call.json.offsetPage(call.request.path.mid(3), extra, items, paging.offset, paging.limit, all.size()));
}

std::optional<QJsonObject> jsonBody(const Call &call)
{
    if (call.request.body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(call.request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

Response parseError()
{
    return badRequest(QStringLiteral("Error parsing json"));
}

// Comma-separated base62 IDs, at most `max`.
std::optional<Response> readIds(const QString &value, int max, QStringList *ids)
{
    *ids = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (ids->isEmpty())
        return badRequest(QStringLiteral("Missing required parameter: ids"));
    if (ids->size() > max)
        return badRequest(QStringLiteral("Too many ids requested"));
    for (QString &id : *ids) {
        id = id.trimmed();
        if (!isSpotifyId(id))
            return badRequest(QStringLiteral("Invalid base62 id"));
    }
    return std::nullopt;
}

Response me(Call &call)
{
    return ok(call.json.privateUser(call.context.premium));
}

std::optional<FakeSpotifyTimeRange> timeRange(const Call &call)
{
    const QString value = call.hasQuery("time_range") ? call.query("time_range") : QStringLiteral("medium_term");
    if (value == QLatin1String("short_term"))
        return FakeSpotifyTimeRange::ShortTerm;
    if (value == QLatin1String("medium_term"))
        return FakeSpotifyTimeRange::MediumTerm;
    if (value == QLatin1String("long_term"))
        return FakeSpotifyTimeRange::LongTerm;
    return std::nullopt;
}

Response topArtists(Call &call)
{
    const auto range = timeRange(call);
    if (!range)
        return badRequest(QStringLiteral("Invalid time range"));
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    const QStringList ids = call.library().topArtistIds(*range, call.context.nowMs);
    return page(call, ids, paging, echoed(call, {QStringLiteral("time_range")}), [&call](const QString &id) {
        return call.json.artist(*call.library().artist(id));
    });
}

Response topTracks(Call &call)
{
    const auto range = timeRange(call);
    if (!range)
        return badRequest(QStringLiteral("Invalid time range"));
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    const QStringList ids = call.library().topTrackIds(*range, call.context.nowMs);
    return page(call, ids, paging, echoed(call, {QStringLiteral("time_range")}), [&call](const QString &id) {
        return call.json.track(*call.library().track(id));
    });
}

Response recentlyPlayed(Call &call)
{
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    if (call.hasQuery("after") && call.hasQuery("before"))
        return badRequest(QStringLiteral("Only one of after and before may be specified"));
    bool valid = true;
    const qint64 after = call.hasQuery("after") ? call.query("after").toLongLong(&valid) : -1;
    if (!valid)
        return badRequest(QStringLiteral("Invalid after"));
    const qint64 before = call.hasQuery("before") ? call.query("before").toLongLong(&valid) : -1;
    if (!valid)
        return badRequest(QStringLiteral("Invalid before"));

    const QList<FakeSpotifyPlay> reachable = call.library().reachablePlays(); // newest first
    QList<FakeSpotifyPlay> selected;
    bool more = false;
    if (after >= 0) {
        QList<FakeSpotifyPlay> newer;
        for (const FakeSpotifyPlay &play : reachable) {
            if (play.playedAtMs > after)
                newer.append(play);
        }
        // The page closest to the cursor, so that following `next` walks towards the present.
        selected = newer.mid(std::max<qsizetype>(0, newer.size() - paging.limit));
        more = newer.size() > paging.limit;
    } else {
        QList<FakeSpotifyPlay> older;
        for (const FakeSpotifyPlay &play : reachable) {
            if (before < 0 || play.playedAtMs < before)
                older.append(play);
        }
        selected = older.mid(0, paging.limit);
        more = older.size() > paging.limit;
    }

    QJsonArray items;
    for (const FakeSpotifyPlay &play : std::as_const(selected))
        items.append(call.json.playHistory(play));
    const QString path = QStringLiteral("/me/player/recently-played");
    FakeSpotifyQuery hrefQuery{{QStringLiteral("limit"), QString::number(paging.limit)}};
    hrefQuery.append(echoed(call, {QStringLiteral("after"), QStringLiteral("before")}));
    QJsonValue next;
    QJsonValue cursors;
    if (!selected.isEmpty()) {
        const QString newest = QString::number(selected.first().playedAtMs);
        const QString oldest = QString::number(selected.last().playedAtMs);
        cursors = QJsonObject{{QStringLiteral("after"), newest}, {QStringLiteral("before"), oldest}};
        if (more && after >= 0)
            next = call.json.pageUrl(
                path,
                {{QStringLiteral("after"), newest}, {QStringLiteral("limit"), QString::number(paging.limit)}});
        else if (more)
            next = call.json.pageUrl(
                path,
                {{QStringLiteral("before"), oldest}, {QStringLiteral("limit"), QString::number(paging.limit)}});
    }
    return ok(
        call.json.cursorPage(call.json.pageUrl(path, hrefQuery), items, paging.limit, next, cursors, reachable.size()));
}

Response savedTracks(Call &call)
{
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    return page(call,
                call.library().savedTracks,
                paging,
                echoed(call, {QStringLiteral("market")}),
                [&call](const FakeSpotifySavedItem &saved) {
                    return call.json.savedTrack(saved);
                });
}

Response savedAlbums(Call &call)
{
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    return page(call,
                call.library().savedAlbums,
                paging,
                echoed(call, {QStringLiteral("market")}),
                [&call](const FakeSpotifySavedItem &saved) {
                    return call.json.savedAlbum(saved);
                });
}

Response emptyLibraryPage(Call &call)
{
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    return page(call, QList<int>(), paging, {}, [](int) {
        return QJsonObject();
    });
}

Response followedArtists(Call &call)
{
    if (call.query("type") != QLatin1String("artist"))
        return badRequest(QStringLiteral("Invalid type"));
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    const QString after = call.query("after");
    if (call.hasQuery("after") && !isSpotifyId(after))
        return badRequest(QStringLiteral("Invalid after"));
    const QStringList &all = call.library().followedArtistIds; // ascending, so the cursor is an ID
    const auto first = call.hasQuery("after") ? std::upper_bound(all.cbegin(), all.cend(), after) : all.cbegin();
    QJsonArray items;
    QString last;
    auto it = first;
    for (; it != all.cend() && items.size() < paging.limit; ++it) {
        items.append(call.json.artist(*call.library().artist(*it)));
        last = *it;
    }
    const bool more = it != all.cend();
    const QString path = QStringLiteral("/me/following");
    FakeSpotifyQuery hrefQuery{{QStringLiteral("type"), QStringLiteral("artist")}};
    hrefQuery.append(echoed(call, {QStringLiteral("after")}));
    hrefQuery.append({QStringLiteral("limit"), QString::number(paging.limit)});
    QJsonValue next;
    if (more) {
        next = call.json.pageUrl(path,
                                 {{QStringLiteral("type"), QStringLiteral("artist")},
                                  {QStringLiteral("after"), last},
                                  {QStringLiteral("limit"), QString::number(paging.limit)}});
    }
    const QJsonObject cursors{{QStringLiteral("after"), more ? QJsonValue(last) : QJsonValue()}};
    return ok(QJsonObject{
        {QStringLiteral("artists"),
         call.json.cursorPage(call.json.pageUrl(path, hrefQuery), items, paging.limit, next, cursors, all.size())}});
}

struct LibraryUri {
    QString type;
    QString id;
};

// The kinds of URI /me/library takes, and the scopes writing and reading each kind needs.
std::optional<Response> readLibraryUris(Call &call, bool write, QList<LibraryUri> *uris)
{
    const QStringList raw = call.query("uris").split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (raw.isEmpty())
        return badRequest(QStringLiteral("Missing required parameter: uris"));
    if (raw.size() > 40)
        return badRequest(QStringLiteral("Too many ids requested"));
    static const QStringList types{QStringLiteral("track"),
                                   QStringLiteral("album"),
                                   QStringLiteral("episode"),
                                   QStringLiteral("show"),
                                   QStringLiteral("audiobook"),
                                   QStringLiteral("artist"),
                                   QStringLiteral("user"),
                                   QStringLiteral("playlist")};
    for (const QString &uri : raw) {
        const QStringList parts = uri.trimmed().split(QLatin1Char(':'));
        if (parts.size() != 3 || parts.at(0) != QLatin1String("spotify") || !types.contains(parts.at(1))
            || (parts.at(1) != QLatin1String("user") && !isSpotifyId(parts.at(2))))
            return badRequest(QStringLiteral("Invalid URI: %1").arg(uri));
        uris->append({parts.at(1), parts.at(2)});
    }
    for (const LibraryUri &uri : std::as_const(*uris)) {
        QString scope;
        if (uri.type == QLatin1String("artist") || uri.type == QLatin1String("user"))
            scope = write ? QStringLiteral("user-follow-modify") : QStringLiteral("user-follow-read");
        else if (uri.type == QLatin1String("playlist"))
            scope = write ? QStringLiteral("playlist-modify-public") : QStringLiteral("playlist-read-private");
        else
            scope = write ? QStringLiteral("user-library-modify") : QStringLiteral("user-library-read");
        if (!call.hasScope(scope))
            return insufficientScope();
    }
    return std::nullopt;
}

bool libraryItemExists(const FakeSpotifyLibrary &library, const LibraryUri &uri)
{
    if (uri.type == QLatin1String("track"))
        return library.track(uri.id);
    if (uri.type == QLatin1String("album"))
        return library.album(uri.id);
    if (uri.type == QLatin1String("artist"))
        return library.artist(uri.id);
    if (uri.type == QLatin1String("playlist"))
        return library.playlist(uri.id);
    if (uri.type == QLatin1String("user"))
        return library.user(uri.id);
    return false; // the fake has no podcasts or audiobooks
}

Response changeLibrary(Call &call, bool save)
{
    QList<LibraryUri> uris;
    if (auto error = readLibraryUris(call, true, &uris))
        return *error;
    FakeSpotifyLibrary &library = call.library();
    for (const LibraryUri &uri : std::as_const(uris)) {
        if (!libraryItemExists(library, uri))
            return badRequest(QStringLiteral("Payload contains a non-existing ID"));
    }
    for (const LibraryUri &uri : std::as_const(uris)) {
        if (uri.type == QLatin1String("track"))
            save ? library.saveTracks({uri.id}, call.context.nowMs) : library.removeSavedTracks({uri.id});
        else if (uri.type == QLatin1String("album"))
            save ? library.saveAlbums({uri.id}, call.context.nowMs) : library.removeSavedAlbums({uri.id});
        else if (uri.type == QLatin1String("artist"))
            save ? library.followArtists({uri.id}) : library.unfollowArtists({uri.id});
        else if (uri.type == QLatin1String("playlist"))
            save ? library.followPlaylist(uri.id) : library.unfollowPlaylist(uri.id);
        else if (save && !library.followedUserIds.contains(uri.id))
            library.followedUserIds.append(uri.id);
        else if (!save)
            library.followedUserIds.removeAll(uri.id);
    }
    return emptyOk();
}

Response saveToLibrary(Call &call)
{
    return changeLibrary(call, true);
}

Response removeFromLibrary(Call &call)
{
    return changeLibrary(call, false);
}

Response libraryContains(Call &call)
{
    QList<LibraryUri> uris;
    if (auto error = readLibraryUris(call, false, &uris))
        return *error;
    const FakeSpotifyLibrary &library = call.library();
    QJsonArray out;
    for (const LibraryUri &uri : std::as_const(uris)) {
        bool contained = false;
        if (uri.type == QLatin1String("track"))
            contained = library.isSavedTrack(uri.id);
        else if (uri.type == QLatin1String("album"))
            contained = library.isSavedAlbum(uri.id);
        else if (uri.type == QLatin1String("artist"))
            contained = library.isFollowedArtist(uri.id);
        else if (uri.type == QLatin1String("playlist"))
            contained = library.myPlaylistIds.contains(uri.id);
        else if (uri.type == QLatin1String("user"))
            contained = library.followedUserIds.contains(uri.id);
        out.append(contained);
    }
    return ok(out);
}

// The type-specific library endpoints that Development Mode lost (/me/tracks, /me/albums, /me/following).
QStringList idsFromQueryOrBody(Call &call, bool *valid)
{
    *valid = true;
    if (call.hasQuery("ids"))
        return call.query("ids").split(QLatin1Char(','), Qt::SkipEmptyParts);
    const auto body = jsonBody(call);
    if (!body) {
        *valid = false;
        return {};
    }
    QStringList ids;
    for (const QJsonValue &value : body->value(QStringLiteral("ids")).toArray())
        ids.append(value.toString());
    return ids;
}

Response legacyLibraryChange(Call &call, const QString &kind, bool save)
{
    bool valid = false;
    QStringList ids = idsFromQueryOrBody(call, &valid);
    if (!valid)
        return parseError();
    if (auto error = readIds(ids.join(QLatin1Char(',')), kind == QLatin1String("album") ? 20 : 50, &ids))
        return *error;
    FakeSpotifyLibrary &library = call.library();
    for (const QString &id : std::as_const(ids)) {
        if (kind == QLatin1String("track") ? !library.track(id) : !library.album(id))
            return badRequest(QStringLiteral("Payload contains a non-existing ID"));
    }
    if (kind == QLatin1String("track"))
        save ? library.saveTracks(ids, call.context.nowMs) : library.removeSavedTracks(ids);
    else
        save ? library.saveAlbums(ids, call.context.nowMs) : library.removeSavedAlbums(ids);
    return emptyOk();
}

Response legacyContains(Call &call, const QString &kind)
{
    QStringList ids;
    if (auto error = readIds(call.query("ids"), kind == QLatin1String("album") ? 20 : 50, &ids))
        return *error;
    QJsonArray out;
    for (const QString &id : std::as_const(ids)) {
        if (kind == QLatin1String("track"))
            out.append(call.library().isSavedTrack(id));
        else if (kind == QLatin1String("album"))
            out.append(call.library().isSavedAlbum(id));
        else
            out.append(call.library().isFollowedArtist(id));
    }
    return ok(out);
}

Response legacyFollow(Call &call, bool follow)
{
    const QString type = call.query("type");
    if (type != QLatin1String("artist") && type != QLatin1String("user"))
        return badRequest(QStringLiteral("Invalid type"));
    bool valid = false;
    const QStringList ids = idsFromQueryOrBody(call, &valid);
    if (!valid)
        return parseError();
    if (ids.isEmpty() || ids.size() > 50)
        return badRequest(QStringLiteral("Invalid ids"));
    FakeSpotifyLibrary &library = call.library();
    if (type == QLatin1String("artist")) {
        for (const QString &id : ids) {
            if (!library.artist(id))
                return badRequest(QStringLiteral("Payload contains a non-existing ID"));
        }
        follow ? library.followArtists(ids) : library.unfollowArtists(ids);
    } else {
        for (const QString &id : ids) {
            library.followedUserIds.removeAll(id);
            if (follow)
                library.followedUserIds.append(id);
        }
    }
    return Response::noContent(204);
}

Response legacyFollowContains(Call &call)
{
    const QString type = call.query("type");
    if (type != QLatin1String("artist") && type != QLatin1String("user"))
        return badRequest(QStringLiteral("Invalid type"));
    const QStringList ids = call.query("ids").split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (ids.isEmpty() || ids.size() > 50)
        return badRequest(QStringLiteral("Invalid ids"));
    QJsonArray out;
    for (const QString &id : ids)
        out.append(type == QLatin1String("artist") ? call.library().isFollowedArtist(id)
                                                   : call.library().followedUserIds.contains(id));
    return ok(out);
}

// How a handler finds a catalogue item by id, and how it writes one.
template<typename T>
using Find = const T *(FakeSpotifyLibrary::*)(const QString &) const;
template<typename T>
using ToJson = QJsonObject (FakeSpotifyJson::*)(const T &) const;

// The item the path's id names: 400 for what cannot be an id, 404 for one the library does not hold.
template<typename T>
std::optional<Response> lookup(Call &call, const T **out, Find<T> find)
{
    const QString id = call.captures.value(0);
    if (!isSpotifyId(id))
        return badRequest(QStringLiteral("Invalid base62 id"));
    *out = (call.library().*find)(id);
    if (!*out)
        return notFound();
    return std::nullopt;
}

Response getTrack(Call &call)
{
    const FakeSpotifyTrack *track = nullptr;
    if (auto error = lookup(call, &track, &FakeSpotifyLibrary::track))
        return *error;
    return ok(call.json.track(*track));
}

Response getArtist(Call &call)
{
    const FakeSpotifyArtist *artist = nullptr;
    if (auto error = lookup(call, &artist, &FakeSpotifyLibrary::artist))
        return *error;
    return ok(call.json.artist(*artist));
}

Response getAlbum(Call &call)
{
    const FakeSpotifyAlbum *album = nullptr;
    if (auto error = lookup(call, &album, &FakeSpotifyLibrary::album))
        return *error;
    return ok(call.json.album(*album));
}

Response albumTracks(Call &call)
{
    const FakeSpotifyAlbum *album = nullptr;
    if (auto error = lookup(call, &album, &FakeSpotifyLibrary::album))
        return *error;
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    return page(call, album->trackIds, paging, {}, [&call](const QString &id) {
        return call.json.simplifiedTrack(*call.library().track(id));
    });
}

Response artistAlbums(Call &call)
{
    const FakeSpotifyArtist *artist = nullptr;
    if (auto error = lookup(call, &artist, &FakeSpotifyLibrary::artist))
        return *error;
    const Paging paging = call.extended() ? readPaging(call, 20, 50) : readPaging(call, 5, 10);
    if (paging.error)
        return *paging.error;
    const QStringList groups = call.hasQuery("include_groups") ? call.query("include_groups").split(QLatin1Char(','))
                                                               : QStringList{QStringLiteral("album"),
                                                                             QStringLiteral("single"),
                                                                             QStringLiteral("compilation"),
                                                                             QStringLiteral("appears_on")};
    QStringList ids;
    for (const QString &id : artist->albumIds) {
        if (groups.contains(call.library().album(id)->albumType))
            ids.append(id);
    }
    return page(call,
                ids,
                paging,
                echoed(call, {QStringLiteral("include_groups")}),
                [&call, artist](const QString &id) {
                    return call.json.discographyAlbum(*call.library().album(id), artist->id);
                });
}

template<typename T>
Response several(Call &call, const char *key, int max, Find<T> find, ToJson<T> toJson)
{
    QStringList ids;
    if (auto error = readIds(call.query("ids"), max, &ids))
        return *error;
    QJsonArray out;
    for (const QString &id : std::as_const(ids)) {
        const T *item = (call.library().*find)(id);
        out.append(item ? QJsonValue((call.json.*toJson)(*item)) : QJsonValue());
    }
    return ok(QJsonObject{{QLatin1String(key), out}});
}

Response severalTracks(Call &call)
{
    return several(call, "tracks", 50, &FakeSpotifyLibrary::track, &FakeSpotifyJson::track);
}

Response severalArtists(Call &call)
{
    return several(call, "artists", 50, &FakeSpotifyLibrary::artist, &FakeSpotifyJson::artist);
}

Response severalAlbums(Call &call)
{
    return several(call, "albums", 20, &FakeSpotifyLibrary::album, &FakeSpotifyJson::album);
}

Response severalAudioFeatures(Call &call)
{
    return several(call, "audio_features", 100, &FakeSpotifyLibrary::track, &FakeSpotifyJson::audioFeatures);
}

Response audioFeatures(Call &call)
{
    const FakeSpotifyTrack *track = nullptr;
    if (auto error = lookup(call, &track, &FakeSpotifyLibrary::track))
        return *error;
    return ok(call.json.audioFeatures(*track));
}

QList<const FakeSpotifyTrack *> tracksByPopularity(const FakeSpotifyLibrary &library, const FakeSpotifyArtist &artist)
{
    QList<const FakeSpotifyTrack *> all;
    for (const QString &albumId : artist.albumIds) {
        for (const QString &trackId : library.album(albumId)->trackIds)
            all.append(library.track(trackId));
    }
    std::stable_sort(all.begin(), all.end(), [](const FakeSpotifyTrack *a, const FakeSpotifyTrack *b) {
        return a->popularity > b->popularity;
    });
    return all;
}

Response artistTopTracks(Call &call)
{
    const FakeSpotifyArtist *artist = nullptr;
    if (auto error = lookup(call, &artist, &FakeSpotifyLibrary::artist))
        return *error;
    QJsonArray tracks;
    for (const FakeSpotifyTrack *track : tracksByPopularity(call.library(), *artist).mid(0, 10))
        tracks.append(call.json.track(*track));
    return ok(QJsonObject{{QStringLiteral("tracks"), tracks}});
}

QList<const FakeSpotifyArtist *>
relatedArtists(const FakeSpotifyLibrary &library, const FakeSpotifyArtist &artist, int max)
{
    QList<QPair<int, const FakeSpotifyArtist *>> scored;
    for (const FakeSpotifyArtist &other : library.artists) {
        if (other.id == artist.id)
            continue;
        int shared = 0;
        for (const QString &genre : other.genres)
            shared += artist.genres.contains(genre) ? 1 : 0;
        if (shared > 0)
            scored.append({shared * 1000 + other.popularity, &other});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) {
        return a.first > b.first;
    });
    QList<const FakeSpotifyArtist *> out;
    for (qsizetype i = 0; i < scored.size() && i < max; ++i)
        out.append(scored.at(i).second);
    return out;
}

Response artistRelated(Call &call)
{
    const FakeSpotifyArtist *artist = nullptr;
    if (auto error = lookup(call, &artist, &FakeSpotifyLibrary::artist))
        return *error;
    QJsonArray artists;
    for (const FakeSpotifyArtist *other : relatedArtists(call.library(), *artist, 20))
        artists.append(call.json.artist(*other));
    return ok(QJsonObject{{QStringLiteral("artists"), artists}});
}

QStringList allGenres(const FakeSpotifyLibrary &library)
{
    QSet<QString> genres;
    for (const FakeSpotifyArtist &artist : library.artists) {
        for (const QString &genre : artist.genres)
            genres.insert(genre);
    }
    QStringList out(genres.cbegin(), genres.cend());
    out.sort();
    return out;
}

Response genreSeeds(Call &call)
{
    return ok(QJsonObject{{QStringLiteral("genres"), QJsonArray::fromStringList(allGenres(call.library()))}});
}

Response recommendations(Call &call)
{
    const QStringList artistSeeds = call.query("seed_artists").split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList trackSeeds = call.query("seed_tracks").split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList genreSeeds = call.query("seed_genres").split(QLatin1Char(','), Qt::SkipEmptyParts);
    const qsizetype seedCount = artistSeeds.size() + trackSeeds.size() + genreSeeds.size();
    if (seedCount == 0 || seedCount > 5)
        return badRequest(QStringLiteral("invalid request"));
    const Paging paging = readPaging(call, 20, 100);
    if (paging.error)
        return *paging.error;
    const FakeSpotifyLibrary &library = call.library();
    QList<const FakeSpotifyArtist *> pool;
    QJsonArray seeds;
    for (const QString &id : artistSeeds) {
        const FakeSpotifyArtist *artist = library.artist(id);
        if (!artist)
            return badRequest(QStringLiteral("invalid request"));
        pool.append(artist);
        pool.append(relatedArtists(library, *artist, 10));
        seeds.append(call.json.recommendationSeed(QStringLiteral("ARTIST"), id));
    }
    for (const QString &id : trackSeeds) {
        const FakeSpotifyTrack *track = library.track(id);
        if (!track)
            return badRequest(QStringLiteral("invalid request"));
        const FakeSpotifyArtist *artist = library.artist(track->artistIds.first());
        pool.append(artist);
        pool.append(relatedArtists(library, *artist, 10));
        seeds.append(call.json.recommendationSeed(QStringLiteral("TRACK"), id));
    }
    for (const QString &genre : genreSeeds) {
        for (const FakeSpotifyArtist &artist : library.artists) {
            if (artist.genres.contains(genre))
                pool.append(&artist);
        }
        seeds.append(call.json.recommendationSeed(QStringLiteral("GENRE"), genre));
    }
    QJsonArray tracks;
    QSet<QString> seen;
    for (int round = 0; round < 10 && tracks.size() < paging.limit; ++round) {
        for (const FakeSpotifyArtist *artist : std::as_const(pool)) {
            const auto byPopularity = tracksByPopularity(library, *artist);
            if (round < byPopularity.size() && !seen.contains(byPopularity.at(round)->id)
                && tracks.size() < paging.limit) {
                seen.insert(byPopularity.at(round)->id);
                tracks.append(call.json.track(*byPopularity.at(round)));
            }
        }
    }
    return ok(QJsonObject{{QStringLiteral("seeds"), seeds}, {QStringLiteral("tracks"), tracks}});
}

Response markets(Call &)
{
    static const char *const codes[] = {"AT", "AU", "BE", "BR", "CA", "CH", "DE", "DK", "ES", "FI",
                                        "FR", "GB", "IE", "IT", "JP", "NL", "NO", "PL", "SE", "US"};
    QJsonArray out;
    for (const char *code : codes)
        out.append(QLatin1String(code));
    return ok(QJsonObject{{QStringLiteral("markets"), out}});
}

Response newReleases(Call &call)
{
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    QList<const FakeSpotifyAlbum *> albums;
    for (const FakeSpotifyAlbum &album : call.library().albums)
        albums.append(&album);
    std::stable_sort(albums.begin(), albums.end(), [](const FakeSpotifyAlbum *a, const FakeSpotifyAlbum *b) {
        return a->releaseDate > b->releaseDate;
    });
    albums = albums.mid(0, 100);
    QJsonArray items;
    for (qsizetype i = paging.offset; i < albums.size() && i < qsizetype(paging.offset) + paging.limit; ++i)
        items.append(call.json.simplifiedAlbum(*albums.at(i)));
    return ok(QJsonObject{{QStringLiteral("albums"),
                           call.json.offsetPage(QStringLiteral("/browse/new-releases"),
                                                {},
                                                items,
                                                paging.offset,
                                                paging.limit,
                                                albums.size())}});
}

Response notModelled(Call &)
{
    return notFound(QStringLiteral("Service not found"));
}

struct SearchQuery {
    QStringList terms;
    QHash<QString, QString> filters;
};

SearchQuery parseSearch(const QString &q)
{
    static const QRegularExpression token(QStringLiteral("(\\w+):\"([^\"]*)\"|(\\w+):(\\S+)|\"([^\"]*)\"|(\\S+)"));
    SearchQuery out;
    auto it = token.globalMatch(q);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (!match.captured(1).isEmpty())
            out.filters.insert(match.captured(1).toLower(), match.captured(2).toLower());
        else if (!match.captured(3).isEmpty())
            out.filters.insert(match.captured(3).toLower(), match.captured(4).toLower());
        else if (!match.captured(5).isEmpty())
            out.terms.append(match.captured(5).toLower());
        else
            out.terms.append(match.captured(6).toLower());
    }
    return out;
}

bool containsAll(const QString &haystack, const QStringList &terms)
{
    const QString lower = haystack.toLower();
    return std::all_of(terms.cbegin(), terms.cend(), [&lower](const QString &term) {
        return lower.contains(term);
    });
}

bool yearMatches(const QString &filter, const QString &releaseDate)
{
    if (filter.isEmpty())
        return true;
    const int year = releaseDate.left(4).toInt();
    const QStringList bounds = filter.split(QLatin1Char('-'));
    if (bounds.size() == 2)
        return year >= bounds.at(0).toInt() && year <= bounds.at(1).toInt();
    return year == filter.toInt();
}

QString artistNames(const FakeSpotifyLibrary &library, const QStringList &ids)
{
    QStringList names;
    for (const QString &id : ids)
        names.append(library.artist(id)->name);
    return names.join(QLatin1Char(' '));
}

Response search(Call &call)
{
    const QString q = call.query("q").trimmed();
    if (q.isEmpty())
        return badRequest(QStringLiteral("No search query"));
    if (!call.hasQuery("type"))
        return badRequest(QStringLiteral("Missing parameter type"));
    static const QStringList knownTypes{QStringLiteral("album"),
                                        QStringLiteral("artist"),
                                        QStringLiteral("playlist"),
                                        QStringLiteral("track"),
                                        QStringLiteral("show"),
                                        QStringLiteral("episode"),
                                        QStringLiteral("audiobook")};
    const QStringList types = call.query("type").split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &type : types) {
        if (!knownTypes.contains(type))
            return badRequest(QStringLiteral("Bad search type field %1").arg(type));
    }
    // Development Mode: default 5, at most 10 (February 2026); extended quota keeps 20 and 50.
    const Paging paging = call.extended() ? readPaging(call, 20, 50, 1000) : readPaging(call, 5, 10, 1000);
    if (paging.error)
        return *paging.error;

    const FakeSpotifyLibrary &library = call.library();
    const SearchQuery query = parseSearch(q);
    const QString artistFilter = query.filters.value(QStringLiteral("artist"));
    const QString albumFilter = query.filters.value(QStringLiteral("album"));
    const QString trackFilter = query.filters.value(QStringLiteral("track"));
    const QString yearFilter = query.filters.value(QStringLiteral("year"));
    const QString isrcFilter = query.filters.value(QStringLiteral("isrc"));
    const QString genreFilter = query.filters.value(QStringLiteral("genre"));
    const QString upcFilter = query.filters.value(QStringLiteral("upc"));
    const FakeSpotifyQuery extra{{QStringLiteral("query"), call.query("q")},
                                 {QStringLiteral("type"), call.query("type")}};
    QJsonObject out;
    auto addResults = [&](const QString &type, const QJsonArray &items, qsizetype total) {
        out.insert(type + QLatin1Char('s'),
                   call.json.offsetPage(QStringLiteral("/search"), extra, items, paging.offset, paging.limit, total));
    };
    auto window = [&](qsizetype index) {
        return index >= paging.offset && index < qsizetype(paging.offset) + paging.limit;
    };

    for (const QString &type : types) {
        QJsonArray items;
        qsizetype total = 0;
        if (type == QLatin1String("track")) {
            QList<const FakeSpotifyTrack *> hits;
            for (const FakeSpotifyTrack &track : library.tracks) {
                const FakeSpotifyAlbum *album = library.album(track.albumId);
                const QString artists = artistNames(library, track.artistIds);
                if (!containsAll(track.name + QLatin1Char(' ') + artists + QLatin1Char(' ') + album->name, query.terms)
                    || (!trackFilter.isEmpty() && !track.name.toLower().contains(trackFilter))
                    || (!artistFilter.isEmpty() && !artists.toLower().contains(artistFilter))
                    || (!albumFilter.isEmpty() && !album->name.toLower().contains(albumFilter))
                    || (!isrcFilter.isEmpty() && track.isrc.toLower() != isrcFilter)
                    || !yearMatches(yearFilter, album->releaseDate))
                    continue;
                if (!genreFilter.isEmpty() && !library.artist(track.artistIds.first())->genres.contains(genreFilter))
                    continue;
                hits.append(&track);
            }
            std::stable_sort(hits.begin(), hits.end(), [](const FakeSpotifyTrack *a, const FakeSpotifyTrack *b) {
                return a->popularity > b->popularity;
            });
            for (qsizetype i = 0; i < hits.size(); ++i) {
                if (window(i))
                    items.append(call.json.track(*hits.at(i)));
            }
            total = hits.size();
        } else if (type == QLatin1String("artist")) {
            QList<const FakeSpotifyArtist *> hits;
            for (const FakeSpotifyArtist &artist : library.artists) {
                if (!containsAll(artist.name, query.terms)
                    || (!artistFilter.isEmpty() && !artist.name.toLower().contains(artistFilter))
                    || (!genreFilter.isEmpty() && !artist.genres.contains(genreFilter)))
                    continue;
                hits.append(&artist);
            }
            std::stable_sort(hits.begin(), hits.end(), [](const FakeSpotifyArtist *a, const FakeSpotifyArtist *b) {
                return a->popularity > b->popularity;
            });
            for (qsizetype i = 0; i < hits.size(); ++i) {
                if (window(i))
                    items.append(call.json.artist(*hits.at(i)));
            }
            total = hits.size();
        } else if (type == QLatin1String("album")) {
            QList<const FakeSpotifyAlbum *> hits;
            for (const FakeSpotifyAlbum &album : library.albums) {
                const QString artists = artistNames(library, album.artistIds);
                if (!containsAll(album.name + QLatin1Char(' ') + artists, query.terms)
                    || (!albumFilter.isEmpty() && !album.name.toLower().contains(albumFilter))
                    || (!artistFilter.isEmpty() && !artists.toLower().contains(artistFilter))
                    || (!upcFilter.isEmpty() && album.upc != upcFilter) || !yearMatches(yearFilter, album.releaseDate))
                    continue;
                hits.append(&album);
            }
            std::stable_sort(hits.begin(), hits.end(), [](const FakeSpotifyAlbum *a, const FakeSpotifyAlbum *b) {
                return a->popularity > b->popularity;
            });
            for (qsizetype i = 0; i < hits.size(); ++i) {
                if (window(i))
                    items.append(call.json.simplifiedAlbum(*hits.at(i)));
            }
            total = hits.size();
        } else if (type == QLatin1String("playlist")) {
            QList<const FakeSpotifyPlaylist *> hits;
            for (const FakeSpotifyPlaylist &playlist : library.playlists) {
                if ((playlist.isPublic || library.ownsOrCollaborates(playlist))
                    && containsAll(playlist.name + QLatin1Char(' ') + playlist.description, query.terms))
                    hits.append(&playlist);
            }
            for (qsizetype i = 0; i < hits.size(); ++i) {
                if (window(i))
                    items.append(call.json.simplifiedPlaylist(*hits.at(i)));
            }
            total = hits.size();
        }
        addResults(type, items, total);
    }
    return ok(out);
}

bool readablePlaylist(const Call &call, const FakeSpotifyPlaylist &playlist)
{
    if (playlist.ownerId == call.context.library.me.id && !playlist.collaborative && !playlist.isPublic)
        return call.hasScope(QStringLiteral("playlist-read-private"));
    if (playlist.collaborative)
        return call.hasScope(QStringLiteral("playlist-read-collaborative"));
    return true;
}

Response myPlaylists(Call &call)
{
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    // Without the read scopes Spotify leaves the private and collaborative playlists out.
    QList<const FakeSpotifyPlaylist *> visible;
    for (const QString &id : std::as_const(call.library().myPlaylistIds)) {
        const FakeSpotifyPlaylist *playlist = call.library().playlist(id);
        if (playlist && readablePlaylist(call, *playlist))
            visible.append(playlist);
    }
    return page(call, visible, paging, {}, [&call](const FakeSpotifyPlaylist *playlist) {
        return call.json.simplifiedPlaylist(*playlist);
    });
}

Response userPlaylists(Call &call)
{
    const QString userId = call.captures.value(0);
    if (!call.library().user(userId))
        return notFound(QStringLiteral("No such user"));
    const Paging paging = readPaging(call, 20, 50);
    if (paging.error)
        return *paging.error;
    QList<const FakeSpotifyPlaylist *> owned;
    for (const FakeSpotifyPlaylist &playlist : call.library().playlists) {
        if (playlist.ownerId == userId && (playlist.isPublic || userId == call.library().me.id))
            owned.append(&playlist);
    }
    return page(call, owned, paging, {}, [&call](const FakeSpotifyPlaylist *playlist) {
        return call.json.simplifiedPlaylist(*playlist);
    });
}

Response getUser(Call &call)
{
    const FakeSpotifyUser *user = call.library().user(call.captures.value(0));
    if (!user)
        return notFound(QStringLiteral("No such user"));
    return ok(call.json.publicUser(*user));
}

Response createPlaylist(Call &call)
{
    if (!call.captures.isEmpty() && call.captures.first() != call.library().me.id)
        return forbidden(QStringLiteral("You cannot create a playlist for another user"));
    const auto body = jsonBody(call);
    if (!body)
        return parseError();
    const QString name = body->value(QStringLiteral("name")).toString();
    if (name.isEmpty())
        return badRequest(QStringLiteral("Missing required field: name"));
    const bool isPublic = body->value(QStringLiteral("public")).toBool(true);
    const bool collaborative = body->value(QStringLiteral("collaborative")).toBool(false);
    if (collaborative && isPublic)
        return badRequest(QStringLiteral("Collaborative playlists can only be private."));
    if (!call.hasScope(isPublic ? QStringLiteral("playlist-modify-public") : QStringLiteral("playlist-modify-private")))
        return insufficientScope();
    FakeSpotifyPlaylist playlist;
    do {
        playlist.id = call.context.random.base62(22);
    } while (call.library().playlist(playlist.id));
    playlist.name = name;
    playlist.description = body->value(QStringLiteral("description")).toString();
    playlist.ownerId = call.library().me.id;
    playlist.isPublic = isPublic;
    playlist.collaborative = collaborative;
    call.library().playlists.append(playlist);
    call.library().myPlaylistIds.prepend(playlist.id);
    call.library().reindex();
    return Response::json(201, QJsonDocument(call.json.playlist(playlist, true)));
}

// Development Mode hides Spotify's own (algorithmic and editorial) playlists entirely.
std::optional<Response> findPlaylist(Call &call, FakeSpotifyPlaylist **out)
{
    const QString id = call.captures.value(0);
    if (!isSpotifyId(id))
        return badRequest(QStringLiteral("Invalid base62 id"));
    *out = call.library().playlist(id);
    if (!*out || (!call.extended() && (*out)->ownerId == QLatin1String("spotify")))
        return notFound();
    return std::nullopt;
}

Response getPlaylist(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = findPlaylist(call, &playlist))
        return *error;
    return ok(call.json.playlist(*playlist, call.extended() || call.library().ownsOrCollaborates(*playlist)));
}

Response changePlaylistDetails(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = findPlaylist(call, &playlist))
        return *error;
    if (playlist->ownerId != call.library().me.id)
        return forbidden(QStringLiteral("You cannot change details of a playlist you don't own."));
    const auto body = jsonBody(call);
    if (!body)
        return parseError();
    if (body->contains(QStringLiteral("name")))
        playlist->name = body->value(QStringLiteral("name")).toString();
    if (body->contains(QStringLiteral("description")))
        playlist->description = body->value(QStringLiteral("description")).toString();
    if (body->contains(QStringLiteral("public")))
        playlist->isPublic = body->value(QStringLiteral("public")).toBool();
    if (body->contains(QStringLiteral("collaborative")))
        playlist->collaborative = body->value(QStringLiteral("collaborative")).toBool();
    ++playlist->version;
    return emptyOk();
}

Response playlistImages(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = findPlaylist(call, &playlist))
        return *error;
    return ok(playlist->entries.isEmpty() ? QJsonArray() : call.json.images(playlist->id, {0}));
}

Response playlistItems(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = findPlaylist(call, &playlist))
        return *error;
    // February 2026: items only of playlists the user owns or collaborates on.
    if (!call.extended() && !call.library().ownsOrCollaborates(*playlist))
        return forbidden(QStringLiteral("Forbidden"));
    // The spec says at most 50, but the page embedded in GET /playlists/{id} links to limit=100.
    const Paging paging = readPaging(call, 20, 100);
    if (paging.error)
        return *paging.error;
    return page(call,
                playlist->entries,
                paging,
                echoed(call, {QStringLiteral("market"), QStringLiteral("additional_types")}),
                [&call](const FakeSpotifyPlaylistEntry &entry) {
                    return call.json.playlistItem(entry);
                });
}

std::optional<Response> writablePlaylist(Call &call, FakeSpotifyPlaylist **playlist)
{
    if (auto error = findPlaylist(call, playlist))
        return error;
    if (!call.library().ownsOrCollaborates(**playlist))
        return forbidden(QStringLiteral("You cannot add tracks to a playlist you don't own."));
    return std::nullopt;
}

std::optional<Response> readTrackUris(const FakeSpotifyLibrary &library, const QStringList &uris, QStringList *ids)
{
    if (uris.size() > 100)
        return badRequest(QStringLiteral("You can add a maximum of 100 tracks per request."));
    for (const QString &uri : uris) {
        const QString id = uri.trimmed().section(QLatin1Char(':'), 2);
        if (!uri.trimmed().startsWith(QLatin1String("spotify:track:")) || !isSpotifyId(id))
            return badRequest(QStringLiteral("Invalid track uri: %1").arg(uri));
        if (!library.track(id))
            return badRequest(QStringLiteral("Payload contains a non-existing ID"));
        ids->append(id);
    }
    return std::nullopt;
}

Response snapshot(Call &call, int status, const FakeSpotifyPlaylist &playlist)
{
    return Response::json(status, QJsonDocument(call.json.snapshot(playlist)));
}

Response addPlaylistItems(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = writablePlaylist(call, &playlist))
        return *error;
    const auto body = jsonBody(call);
    if (!body)
        return parseError();
    QStringList uris;
    if (call.hasQuery("uris")) {
        uris = call.query("uris").split(QLatin1Char(','), Qt::SkipEmptyParts);
    } else {
        for (const QJsonValue &value : body->value(QStringLiteral("uris")).toArray())
            uris.append(value.toString());
    }
    QStringList ids;
    if (auto error = readTrackUris(call.library(), uris, &ids))
        return *error;
    if (ids.isEmpty())
        return badRequest(QStringLiteral("No uris provided"));
    qsizetype position = playlist->entries.size();
    bool valid = true;
    if (call.hasQuery("position"))
        position = call.query("position").toInt(&valid);
    else if (body->contains(QStringLiteral("position")))
        position = body->value(QStringLiteral("position")).toInt(-1);
    if (!valid || position < 0 || position > playlist->entries.size())
        return badRequest(QStringLiteral("Index out of bounds"));
    for (const QString &id : std::as_const(ids))
        playlist->entries.insert(position++, {id, call.context.nowMs, call.library().me.id});
    ++playlist->version;
    return snapshot(call, 201, *playlist);
}

Response removePlaylistItems(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = writablePlaylist(call, &playlist))
        return *error;
    const auto body = jsonBody(call);
    if (!body)
        return parseError();
    // /items takes "items"; the legacy /tracks took "tracks".
    QJsonArray entries = body->value(QStringLiteral("items")).toArray();
    if (entries.isEmpty())
        entries = body->value(QStringLiteral("tracks")).toArray();
    if (entries.isEmpty())
        return badRequest(QStringLiteral("Missing required field: items"));
    if (entries.size() > 100)
        return badRequest(QStringLiteral("Too many tracks"));
    QStringList ids;
    QStringList uris;
    for (const QJsonValue &entry : std::as_const(entries))
        uris.append(entry.toObject().value(QStringLiteral("uri")).toString());
    if (auto error = readTrackUris(call.library(), uris, &ids))
        return *error;
    playlist->entries.removeIf([&ids](const FakeSpotifyPlaylistEntry &entry) {
        return ids.contains(entry.trackId);
    });
    ++playlist->version;
    return snapshot(call, 200, *playlist);
}

Response replaceOrReorderPlaylistItems(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = writablePlaylist(call, &playlist))
        return *error;
    const auto body = jsonBody(call);
    if (!body)
        return parseError();
    if (call.hasQuery("uris") || body->contains(QStringLiteral("uris"))) {
        QStringList uris;
        if (call.hasQuery("uris")) {
            uris = call.query("uris").split(QLatin1Char(','), Qt::SkipEmptyParts);
        } else {
            for (const QJsonValue &value : body->value(QStringLiteral("uris")).toArray())
                uris.append(value.toString());
        }
        QStringList ids;
        if (auto error = readTrackUris(call.library(), uris, &ids))
            return *error;
        playlist->entries.clear();
        for (const QString &id : std::as_const(ids))
            playlist->entries.append({id, call.context.nowMs, call.library().me.id});
        ++playlist->version;
        return snapshot(call, 200, *playlist);
    }
    const int start = body->value(QStringLiteral("range_start")).toInt(-1);
    const int insertBefore = body->value(QStringLiteral("insert_before")).toInt(-1);
    const int length = body->value(QStringLiteral("range_length")).toInt(1);
    const int size = int(playlist->entries.size());
    if (start < 0 || insertBefore < 0 || length < 1 || start + length > size || insertBefore > size)
        return badRequest(QStringLiteral("Index out of bounds"));
    const QList<FakeSpotifyPlaylistEntry> moved = playlist->entries.mid(start, length);
    playlist->entries.remove(start, length);
    const int target = insertBefore > start ? insertBefore - length : insertBefore;
    for (int i = 0; i < moved.size(); ++i)
        playlist->entries.insert(target + i, moved.at(i));
    ++playlist->version;
    return snapshot(call, 200, *playlist);
}

Response followPlaylist(Call &call, bool follow)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = findPlaylist(call, &playlist))
        return *error;
    follow ? call.library().followPlaylist(playlist->id) : call.library().unfollowPlaylist(playlist->id);
    return emptyOk();
}

Response playlistFollowersContain(Call &call)
{
    FakeSpotifyPlaylist *playlist = nullptr;
    if (auto error = findPlaylist(call, &playlist))
        return *error;
    const QStringList ids =
        call.hasQuery("ids") ? call.query("ids").split(QLatin1Char(',')) : QStringList{call.library().me.id};
    QJsonArray out;
    for (const QString &id : ids)
        out.append(id == call.library().me.id && call.library().myPlaylistIds.contains(playlist->id));
    return ok(out);
}

Response playerResult(const FakeSpotifyPlayerError &error)
{
    if (error.failed())
        return Response::apiError(error.status, error.message, error.reason);
    return Response::noContent(204);
}

Response playbackState(Call &call)
{
    const FakeSpotifyPlayer &player = call.context.player;
    if (player.playback().activeDeviceIndex() < 0 || player.playback().currentTrackId.isEmpty())
        return Response::noContent(204);
    return ok(call.json.playbackState(player, call.context.nowMs, true));
}

Response currentlyPlaying(Call &call)
{
    const FakeSpotifyPlayer &player = call.context.player;
    if (player.playback().activeDeviceIndex() < 0 || player.playback().currentTrackId.isEmpty())
        return Response::noContent(204);
    return ok(call.json.playbackState(player, call.context.nowMs, false));
}

Response devices(Call &call)
{
    QJsonArray out;
    for (const FakeSpotifyDevice &device : call.context.player.playback().devices)
        out.append(call.json.device(device));
    return ok(QJsonObject{{QStringLiteral("devices"), out}});
}

Response queue(Call &call)
{
    if (call.context.player.playback().activeDeviceIndex() < 0)
        return ok(
            QJsonObject{{QStringLiteral("currently_playing"), QJsonValue()}, {QStringLiteral("queue"), QJsonArray()}});
    return ok(call.json.queue(call.context.player));
}

Response transfer(Call &call)
{
    const auto body = jsonBody(call);
    if (!body)
        return parseError();
    const QJsonArray ids = body->value(QStringLiteral("device_ids")).toArray();
    if (ids.isEmpty())
        return badRequest(QStringLiteral("Missing required field: device_ids"));
    if (ids.size() > 1)
        return badRequest(QStringLiteral("Can only transfer to one device"));
    return playerResult(call.context.player.transfer(call.context.nowMs,
                                                     ids.first().toString(),
                                                     body->value(QStringLiteral("play")).toBool(false)));
}

Response play(Call &call)
{
    const auto body = jsonBody(call);
    if (!body)
        return parseError();
    FakeSpotifyPlayer::PlayRequest request;
    request.contextUri = body->value(QStringLiteral("context_uri")).toString();
    for (const QJsonValue &value : body->value(QStringLiteral("uris")).toArray())
        request.uris.append(value.toString());
    if (!request.contextUri.isEmpty() && !request.uris.isEmpty())
        return badRequest(QStringLiteral("Only one of context_uri and uris can be specified"));
    request.resume = request.contextUri.isEmpty() && request.uris.isEmpty();
    const QJsonObject offset = body->value(QStringLiteral("offset")).toObject();
    if (offset.contains(QStringLiteral("position"))) {
        request.offsetPosition = offset.value(QStringLiteral("position")).toInt(-1);
        if (request.offsetPosition < 0)
            return badRequest(QStringLiteral("Invalid offset"));
    }
    request.offsetUri = offset.value(QStringLiteral("uri")).toString();
    if (body->contains(QStringLiteral("position_ms"))) {
        request.positionMs = qint64(body->value(QStringLiteral("position_ms")).toDouble(-1));
        if (request.positionMs < 0)
            return badRequest(QStringLiteral("Invalid position_ms"));
    }
    if (request.resume && request.positionMs >= 0) {
        // Resuming with a position seeks and resumes, like Spotify's own clients do.
        FakeSpotifyPlayerError error =
            call.context.player.seek(call.library(), call.context.nowMs, call.query("device_id"), request.positionMs);
        if (error.failed())
            return playerResult(error);
    }
    return playerResult(call.context.player.play(call.library(), call.context.nowMs, call.query("device_id"), request));
}

Response pause(Call &call)
{
    return playerResult(call.context.player.pause(call.context.nowMs, call.query("device_id")));
}

Response next(Call &call)
{
    return playerResult(call.context.player.next(call.library(), call.context.nowMs, call.query("device_id")));
}

Response previous(Call &call)
{
    return playerResult(call.context.player.previous(call.library(), call.context.nowMs, call.query("device_id")));
}

Response seek(Call &call)
{
    bool valid = false;
    const qint64 position = call.query("position_ms").toLongLong(&valid);
    if (!valid || position < 0)
        return badRequest(QStringLiteral("Missing required field: position_ms"));
    return playerResult(
        call.context.player.seek(call.library(), call.context.nowMs, call.query("device_id"), position));
}

Response volume(Call &call)
{
    bool valid = false;
    const int percent = call.query("volume_percent").toInt(&valid);
    if (!valid || percent < 0 || percent > 100)
        return badRequest(QStringLiteral("Invalid volume percent"));
    return playerResult(call.context.player.setVolume(call.context.nowMs, call.query("device_id"), percent));
}

Response shuffle(Call &call)
{
    const QString state = call.query("state");
    if (state != QLatin1String("true") && state != QLatin1String("false"))
        return badRequest(QStringLiteral("Invalid state"));
    return playerResult(
        call.context.player.setShuffle(call.context.nowMs, call.query("device_id"), state == QLatin1String("true")));
}

Response repeat(Call &call)
{
    const QString state = call.query("state");
    if (state != QLatin1String("track") && state != QLatin1String("context") && state != QLatin1String("off"))
        return badRequest(QStringLiteral("Invalid state"));
    return playerResult(call.context.player.setRepeat(call.context.nowMs, call.query("device_id"), state));
}

Response addToQueue(Call &call)
{
    const QString uri = call.query("uri");
    const QString id = uri.section(QLatin1Char(':'), 2);
    if (!uri.startsWith(QLatin1String("spotify:track:")) || !call.library().track(id))
        return badRequest(QStringLiteral("Invalid uri"));
    return playerResult(call.context.player.addToQueue(call.context.nowMs, call.query("device_id"), id));
}

// Templates hold only letters, '/', '-' and {parameters}, none of them special in a pattern.
QRegularExpression patternFor(const QString &openApiPath)
{
    QString pattern = QStringLiteral("/v1") + openApiPath;
    pattern.replace(QRegularExpression(QStringLiteral("\\{[a-z_]+\\}")), QStringLiteral("([^/]+)"));
    return QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$'));
}

} // namespace

FakeSpotifyApi::FakeSpotifyApi()
{
    const QString libraryRead = QStringLiteral("user-library-read");
    const QStringList playlistModify{QStringLiteral("playlist-modify-public"),
                                     QStringLiteral("playlist-modify-private")};
    const QStringList playbackRead{QStringLiteral("user-read-playback-state")};

    add("GET", "/me", me);
    add("GET", "/me/top/artists", topArtists, {QStringLiteral("user-top-read")});
    add("GET", "/me/top/tracks", topTracks, {QStringLiteral("user-top-read")});
    add("GET", "/me/player/recently-played", recentlyPlayed, {QStringLiteral("user-read-recently-played")});
    add("GET", "/me/tracks", savedTracks, {libraryRead});
    add("GET", "/me/albums", savedAlbums, {libraryRead});
    add("GET", "/me/shows", emptyLibraryPage, {libraryRead});
    add("GET", "/me/episodes", emptyLibraryPage, {libraryRead});
    add("GET", "/me/audiobooks", emptyLibraryPage, {libraryRead});
    add("GET", "/me/following", followedArtists, {QStringLiteral("user-follow-read")});
    add("PUT", "/me/library", saveToLibrary);
    add("DELETE", "/me/library", removeFromLibrary);
    add("GET", "/me/library/contains", libraryContains);
    add("GET", "/me/playlists", myPlaylists);
    add("POST", "/me/playlists", createPlaylist, playlistModify);
    add("GET", "/playlists/{playlist_id}", getPlaylist);
    add("PUT", "/playlists/{playlist_id}", changePlaylistDetails, playlistModify);
    add("GET", "/playlists/{playlist_id}/images", playlistImages);
    add("GET", "/playlists/{playlist_id}/items", playlistItems);
    add("POST", "/playlists/{playlist_id}/items", addPlaylistItems, playlistModify);
    add("PUT", "/playlists/{playlist_id}/items", replaceOrReorderPlaylistItems, playlistModify);
    add("DELETE", "/playlists/{playlist_id}/items", removePlaylistItems, playlistModify);
    add("GET", "/tracks/{id}", getTrack);
    add("GET", "/artists/{id}", getArtist);
    add("GET", "/artists/{id}/albums", artistAlbums);
    add("GET", "/albums/{id}", getAlbum);
    add("GET", "/albums/{id}/tracks", albumTracks);
    add("GET", "/search", search);

    add("GET", "/me/player", playbackState, playbackRead);
    add("GET", "/me/player/devices", devices, playbackRead);
    add("GET",
        "/me/player/currently-playing",
        currentlyPlaying,
        {QStringLiteral("user-read-currently-playing"), QStringLiteral("user-read-playback-state")});
    add("GET",
        "/me/player/queue",
        queue,
        {QStringLiteral("user-read-currently-playing"), QStringLiteral("user-read-playback-state")});
    addPlayerCommand("PUT", "/me/player", transfer);
    addPlayerCommand("PUT", "/me/player/play", play);
    addPlayerCommand("PUT", "/me/player/pause", pause);
    addPlayerCommand("POST", "/me/player/next", next);
    addPlayerCommand("POST", "/me/player/previous", previous);
    addPlayerCommand("PUT", "/me/player/seek", seek);
    addPlayerCommand("PUT", "/me/player/volume", volume);
    addPlayerCommand("PUT", "/me/player/shuffle", shuffle);
    addPlayerCommand("PUT", "/me/player/repeat", repeat);
    addPlayerCommand("POST", "/me/player/queue", addToQueue);

    // Development Mode lost these (SPOTIFY.md §1.3); the extended profile serves what the fake models.
    addRemoved("GET", "/tracks", severalTracks);
    addRemoved("GET", "/artists", severalArtists);
    addRemoved("GET", "/albums", severalAlbums);
    addRemoved("GET", "/artists/{id}/top-tracks", artistTopTracks);
    addRemoved("GET", "/artists/{id}/related-artists", artistRelated);
    addRemoved("GET", "/recommendations", recommendations);
    addRemoved("GET", "/recommendations/available-genre-seeds", genreSeeds);
    addRemoved("GET", "/audio-features", severalAudioFeatures);
    addRemoved("GET", "/audio-features/{id}", audioFeatures);
    addRemoved("GET", "/markets", markets);
    addRemoved("GET", "/browse/new-releases", newReleases);
    addRemoved("GET", "/users/{user_id}", getUser);
    addRemoved("GET", "/users/{user_id}/playlists", userPlaylists);
    addRemoved("POST", "/users/{user_id}/playlists", createPlaylist, playlistModify);
    addRemoved("PUT",
               "/me/tracks",
               [](Call &call) {
                   return legacyLibraryChange(call, QStringLiteral("track"), true);
               },
               {QStringLiteral("user-library-modify")});
    addRemoved("DELETE",
               "/me/tracks",
               [](Call &call) {
                   return legacyLibraryChange(call, QStringLiteral("track"), false);
               },
               {QStringLiteral("user-library-modify")});
    addRemoved("GET",
               "/me/tracks/contains",
               [](Call &call) {
                   return legacyContains(call, QStringLiteral("track"));
               },
               {libraryRead});
    addRemoved("PUT",
               "/me/albums",
               [](Call &call) {
                   return legacyLibraryChange(call, QStringLiteral("album"), true);
               },
               {QStringLiteral("user-library-modify")});
    addRemoved("DELETE",
               "/me/albums",
               [](Call &call) {
                   return legacyLibraryChange(call, QStringLiteral("album"), false);
               },
               {QStringLiteral("user-library-modify")});
    addRemoved("GET",
               "/me/albums/contains",
               [](Call &call) {
                   return legacyContains(call, QStringLiteral("album"));
               },
               {libraryRead});
    addRemoved("PUT",
               "/me/following",
               [](Call &call) {
                   return legacyFollow(call, true);
               },
               {QStringLiteral("user-follow-modify")});
    addRemoved("DELETE",
               "/me/following",
               [](Call &call) {
                   return legacyFollow(call, false);
               },
               {QStringLiteral("user-follow-modify")});
    addRemoved("GET", "/me/following/contains", legacyFollowContains, {QStringLiteral("user-follow-read")});
    addRemoved("GET", "/playlists/{playlist_id}/tracks", playlistItems);
    addRemoved("POST", "/playlists/{playlist_id}/tracks", addPlaylistItems, playlistModify);
    addRemoved("PUT", "/playlists/{playlist_id}/tracks", replaceOrReorderPlaylistItems, playlistModify);
    addRemoved("DELETE", "/playlists/{playlist_id}/tracks", removePlaylistItems, playlistModify);
    addRemoved(
        "PUT",
        "/playlists/{playlist_id}/followers",
        [](Call &call) {
            return followPlaylist(call, true);
        },
        playlistModify);
    addRemoved(
        "DELETE",
        "/playlists/{playlist_id}/followers",
        [](Call &call) {
            return followPlaylist(call, false);
        },
        playlistModify);
    addRemoved("GET", "/playlists/{playlist_id}/followers/contains", playlistFollowersContain);

    // Removed too, but the fake has no model for them (no podcasts, audiobooks, analyses or
    // browse categories): Development Mode answers as removed, the extended profile 404.
    for (const char *path : {"/audio-analysis/{id}",
                             "/browse/featured-playlists",
                             "/browse/categories",
                             "/browse/categories/{category_id}",
                             "/browse/categories/{category_id}/playlists",
                             "/shows",
                             "/episodes",
                             "/audiobooks",
                             "/chapters",
                             "/me/shows/contains",
                             "/me/episodes/contains",
                             "/me/audiobooks/contains"})
        addRemoved("GET", path, notModelled);
    for (const char *path : {"/me/shows", "/me/episodes", "/me/audiobooks"}) {
        addRemoved("PUT", path, notModelled);
        addRemoved("DELETE", path, notModelled);
    }
}

void FakeSpotifyApi::add(const char *method, const char *openApiPath, Handler handler, QStringList scopes)
{
    const QString path = QString::fromLatin1(openApiPath);
    m_routes.append({QByteArray(method), path, patternFor(path), std::move(scopes), false, false, std::move(handler)});
}

void FakeSpotifyApi::addRemoved(const char *method, const char *openApiPath, Handler handler, QStringList scopes)
{
    add(method, openApiPath, std::move(handler), std::move(scopes));
    m_routes.last().removedInDevelopmentMode = true;
}

void FakeSpotifyApi::addPlayerCommand(const char *method, const char *openApiPath, Handler handler)
{
    add(method, openApiPath, std::move(handler), {QStringLiteral("user-modify-playback-state")});
    m_routes.last().playerCommand = true;
}

QString FakeSpotifyApi::operationPath(const QByteArray &method, const QString &path) const
{
    for (const Route &route : m_routes) {
        if (route.method == method && route.pattern.match(path).hasMatch())
            return route.openApiPath;
    }
    return {};
}

QStringList FakeSpotifyApi::removedOperations() const
{
    QStringList out;
    for (const Route &route : m_routes) {
        if (route.removedInDevelopmentMode)
            out.append(QString::fromLatin1(route.method) + QLatin1Char(' ') + route.openApiPath);
    }
    return out;
}

FakeSpotifyResponse FakeSpotifyApi::handle(const FakeSpotifyRequest &request, FakeSpotifyApiContext &context) const
{
    const Route *found = nullptr;
    QStringList captures;
    bool pathKnown = false;
    for (const Route &route : m_routes) {
        const QRegularExpressionMatch match = route.pattern.match(request.path);
        if (!match.hasMatch())
            continue;
        pathKnown = true;
        if (route.method != request.method)
            continue;
        found = &route;
        captures = match.capturedTexts().mid(1);
        break;
    }
    if (!found)
        return pathKnown ? Response::apiError(405, QStringLiteral("Method not allowed"))
                         : notFound(QStringLiteral("Service not found"));

    const FakeSpotifyAccounts::BearerCheck bearer =
        context.accounts.checkBearer(request.header("Authorization"), context.nowMs);
    switch (bearer.status) {
    case FakeSpotifyAccounts::BearerStatus::Missing:
        return Response::apiError(401, QStringLiteral("No token provided"));
    case FakeSpotifyAccounts::BearerStatus::NotBearer:
        return badRequest(QStringLiteral("Only valid bearer authentication supported"));
    case FakeSpotifyAccounts::BearerStatus::Unknown:
        return Response::apiError(401, QStringLiteral("Invalid access token"));
    case FakeSpotifyAccounts::BearerStatus::Expired:
        return Response::apiError(401, QStringLiteral("The access token expired"));
    case FakeSpotifyAccounts::BearerStatus::Valid:
        break;
    }

    if (found->removedInDevelopmentMode && context.profile == FakeSpotifyProfile::Development2026) {
        if (context.removedAnswer == FakeSpotifyRemovedAnswer::Forbidden)
            return forbidden(QStringLiteral("Forbidden"));
        return notFound(QStringLiteral("Service not found"));
    }
    if (!found->scopes.isEmpty()
        && std::none_of(found->scopes.cbegin(), found->scopes.cend(), [&bearer](const QString &scope) {
               return bearer.scopes.contains(scope);
           }))
        return insufficientScope();
    if (found->playerCommand && !context.premium)
        return Response::apiError(403,
                                  FakeSpotifyFault::playerMessage(QStringLiteral("PREMIUM_REQUIRED")),
                                  QStringLiteral("PREMIUM_REQUIRED"));

    context.player.advance(context.library, context.nowMs);
    Call call{request,
              context,
              captures,
              bearer.scopes,
              found->openApiPath,
              FakeSpotifyJson(context.library, context.rootUrl, context.profile)};
    return found->handler(call);
}

} // namespace testsupport
