#include "tests/support/spotify/fakespotifydump.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <httplib.h>

namespace testsupport
{

namespace
{

using namespace std::chrono_literals;

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray location;

    QJsonObject object() const
    {
        return QJsonDocument::fromJson(body).object();
    }
};

QString profileName(FakeSpotifyProfile profile)
{
    return profile == FakeSpotifyProfile::Extended ? QStringLiteral("extended") : QStringLiteral("development-2026");
}

QByteArray form(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &field : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return out;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString challengeFor(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The IDs the requests below need, picked from the generated library.
struct Ids {
    QString me;
    QString otherUser;
    QString ownPlaylist; // more than 40 entries
    QString emptyPlaylist;
    QString followedPlaylist; // someone else's, neither owned nor collaborated on
    QString spotifyPlaylist;
    QString savedTrack;
    QString unsavedTrack;
    QString track2;
    QString artist;
    QString album;
    QString phone; // the device that cannot set its volume
    QString laptop;
    QString speaker;
};

Ids pickIds(FakeSpotify &fake)
{
    Ids ids;
    fake.withLibrary([&ids](FakeSpotifyLibrary &library) {
        ids.me = library.me.id;
        ids.otherUser = library.otherUsers.first().id;
        for (const QString &id : std::as_const(library.myPlaylistIds)) {
            const FakeSpotifyPlaylist *playlist = library.playlist(id);
            if (playlist->ownerId == library.me.id && playlist->entries.size() > 40 && ids.ownPlaylist.isEmpty())
                ids.ownPlaylist = id;
            else if (playlist->ownerId == library.me.id && playlist->entries.isEmpty())
                ids.emptyPlaylist = id;
            else if (playlist->ownerId == QLatin1String("spotify"))
                ids.spotifyPlaylist = id;
            else if (!library.ownsOrCollaborates(*playlist))
                ids.followedPlaylist = id;
        }
        ids.savedTrack = library.savedTracks.first().id;
        for (const FakeSpotifyTrack &track : std::as_const(library.tracks)) {
            if (!library.isSavedTrack(track.id)) {
                ids.unsavedTrack = track.id;
                break;
            }
        }
        ids.track2 = library.tracks.at(7).id;
        ids.artist = library.followedArtistIds.first();
        ids.album = library.artist(ids.artist)->albumIds.first();
    });
    const FakeSpotifyPlayback playback = fake.playback();
    ids.speaker = playback.devices.at(0).id;
    ids.laptop = playback.devices.at(1).id;
    ids.phone = playback.devices.at(2).id;
    return ids;
}

class Dumper
{
public:
    Dumper(FakeSpotify &fake, const QDir &directory, const QString &profile, QJsonArray &index, QStringList &failures)
        : m_fake(fake)
        , m_client("127.0.0.1", fake.port())
        , m_directory(directory)
        , m_profile(profile)
        , m_index(index)
        , m_failures(failures)
    {
        m_client.set_connection_timeout(5s);
        m_client.set_read_timeout(10s);
    }

    void setToken(const QString &token)
    {
        m_token = token;
    }

    Reply send(const QByteArray &method,
               const QString &target,
               const QByteArray &body = {},
               const QByteArray &contentType = {},
               const QByteArray &authorization = QByteArrayLiteral("<token>"))
    {
        httplib::Headers headers;
        if (authorization == "<token>")
            headers.emplace("Authorization", "Bearer " + m_token.toStdString());
        else if (!authorization.isEmpty())
            headers.emplace("Authorization", authorization.toStdString());
        const std::string path = target.toStdString();
        const std::string type = contentType.isEmpty() ? std::string("application/json") : contentType.toStdString();
        auto perform = [&]() {
            if (method == "GET")
                return m_client.Get(path, headers);
            if (method == "POST")
                return m_client.Post(path, headers, body.toStdString(), type);
            if (method == "PUT")
                return m_client.Put(path, headers, body.toStdString(), type);
            return m_client.Delete(path, headers, body.toStdString(), type);
        };
        const httplib::Result result = perform();
        Reply reply;
        if (!result) {
            m_failures.append(QStringLiteral("%1 %2: no response (%3)")
                                  .arg(QString::fromLatin1(method), target)
                                  .arg(int(result.error())));
            return reply;
        }
        reply.status = result->status;
        reply.body = QByteArray::fromStdString(result->body);
        reply.contentType = QByteArray::fromStdString(result->get_header_value("Content-Type"));
        reply.location = QByteArray::fromStdString(result->get_header_value("Location"));
        return reply;
    }

    // One Web API request; its body (if any) becomes a file and an index entry.
    // Most of the script reads: a GET with the test token.
    Reply get(const QString &label, const QString &target, int expected)
    {
        return api(label, "GET", target, expected);
    }

    Reply api(const QString &label,
              const QByteArray &method,
              const QString &target,
              int expected,
              const QByteArray &body = {},
              const QByteArray &authorization = QByteArrayLiteral("<token>"))
    {
        const Reply reply = send(method, QStringLiteral("/v1") + target, body, {}, authorization);
        const QString path = QUrl(target).path();
        const QString operation = m_fake.operationPath(method, QStringLiteral("/v1") + path);
        if (operation.isEmpty())
            m_failures.append(
                QStringLiteral("%1 %2: the fake has no route for it").arg(QString::fromLatin1(method), path));
        record(label,
               method,
               operation.isEmpty() ? path : operation,
               QStringLiteral("/v1") + target,
               QStringLiteral("api"),
               expected,
               reply);
        return reply;
    }

    Reply token(const QString &label,
                const QByteArray &body,
                int expected,
                const QByteArray &contentType = QByteArrayLiteral("application/x-www-form-urlencoded"))
    {
        const Reply reply = send("POST", QStringLiteral("/api/token"), body, contentType, {});
        record(label,
               "POST",
               QStringLiteral("/api/token"),
               QStringLiteral("/api/token"),
               QStringLiteral("accounts"),
               expected,
               reply);
        return reply;
    }

    // /authorize answers with a redirect (no body, not recorded) or an HTML error page (recorded).
    Reply authorize(const QString &label, const QList<QPair<QString, QString>> &query, int expected)
    {
        const QString target = QStringLiteral("/authorize?") + QString::fromLatin1(form(query));
        const Reply reply = send("GET", target, {}, {}, {});
        if (reply.status == 302)
            check(label, expected, reply);
        else
            record(label,
                   "GET",
                   QStringLiteral("/authorize"),
                   target,
                   QStringLiteral("accounts-page"),
                   expected,
                   reply);
        return reply;
    }

    QString signIn(const QString &verifier, const QString &redirectUri)
    {
        const Reply reply = authorize(QStringLiteral("authorize"),
                                      {{QStringLiteral("client_id"), m_clientId},
                                       {QStringLiteral("response_type"), QStringLiteral("code")},
                                       {QStringLiteral("redirect_uri"), redirectUri},
                                       {QStringLiteral("scope"), FakeSpotify::allScopes()},
                                       {QStringLiteral("state"), QStringLiteral("dump-state")},
                                       {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
                                       {QStringLiteral("code_challenge"), challengeFor(verifier)}},
                                      302);
        const QUrl location(QString::fromUtf8(reply.location));
        for (const auto &item : FakeSpotifyRequest::parseUrlEncoded(location.query(QUrl::FullyEncoded).toLatin1())) {
            if (item.first == QLatin1String("code"))
                return item.second;
        }
        m_failures.append(QStringLiteral("/authorize gave no code: %1").arg(QString::fromUtf8(reply.location)));
        return {};
    }

    void setClientId(const QString &clientId)
    {
        m_clientId = clientId;
    }

private:
    void check(const QString &label, int expected, const Reply &reply)
    {
        if (reply.status != expected) {
            m_failures.append(QStringLiteral("%1/%2: expected %3, got %4: %5")
                                  .arg(m_profile, label)
                                  .arg(expected)
                                  .arg(reply.status)
                                  .arg(QString::fromUtf8(reply.body.left(300))));
        }
    }

    void record(const QString &label,
                const QByteArray &method,
                const QString &operationPath,
                const QString &target,
                const QString &service,
                int expected,
                const Reply &reply)
    {
        check(label, expected, reply);
        const bool isJson = reply.contentType.startsWith("application/json");
        QJsonValue file;
        if (!reply.body.isEmpty()) {
            const QString extension = isJson                ? QStringLiteral("json")
                : reply.contentType.startsWith("text/html") ? QStringLiteral("html")
                                                            : QStringLiteral("txt");
            const QString name = QStringLiteral("%1/%2-%3.%4")
                                     .arg(m_profile)
                                     .arg(++m_counter, 4, 10, QLatin1Char('0'))
                                     .arg(label, extension);
            QFile out(m_directory.filePath(name));
            if (!out.open(QIODevice::WriteOnly) || out.write(reply.body) != reply.body.size())
                m_failures.append(QStringLiteral("cannot write %1").arg(out.fileName()));
            file = name;
        }
        m_index.append(QJsonObject{{QStringLiteral("file"), file},
                                   {QStringLiteral("label"), label},
                                   {QStringLiteral("method"), QString::fromLatin1(method)},
                                   {QStringLiteral("path"), operationPath},
                                   {QStringLiteral("request"), target},
                                   {QStringLiteral("status"), reply.status},
                                   {QStringLiteral("profile"), m_profile},
                                   {QStringLiteral("service"), service},
                                   {QStringLiteral("content_type"), QString::fromLatin1(reply.contentType)}});
    }

    FakeSpotify &m_fake;
    httplib::Client m_client;
    QDir m_directory;
    QString m_profile;
    QJsonArray &m_index;
    QStringList &m_failures;
    QString m_token;
    QString m_clientId;
    int m_counter = 0;
};

void dumpAccounts(FakeSpotify &fake, Dumper &dump, const QString &clientId)
{
    const QString redirect = QStringLiteral("http://127.0.0.1:48123/callback");
    const QString verifier = QStringLiteral("dump-verifier-0123456789abcdefghijklmnopqrstuvwxyz");
    auto codeExchange = [&](const QString &code, const QString &codeVerifier, const QString &redirectUri) {
        QList<QPair<QString, QString>> fields{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                              {QStringLiteral("code"), code},
                                              {QStringLiteral("redirect_uri"), redirectUri},
                                              {QStringLiteral("client_id"), clientId}};
        if (!codeVerifier.isEmpty())
            fields.append({QStringLiteral("code_verifier"), codeVerifier});
        return form(fields);
    };
    auto refresh = [&](const QString &refreshToken) {
        return form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                     {QStringLiteral("refresh_token"), refreshToken},
                     {QStringLiteral("client_id"), clientId}});
    };

    const QString code = dump.signIn(verifier, redirect);
    const QJsonObject tokens =
        dump.token(QStringLiteral("token-authorization-code"), codeExchange(code, verifier, redirect), 200).object();
    dump.token(QStringLiteral("token-code-reused"), codeExchange(code, verifier, redirect), 400);
    dump.token(QStringLiteral("token-wrong-verifier"),
               codeExchange(dump.signIn(verifier, redirect), verifier + QLatin1Char('x'), redirect),
               400);
    dump.token(
        QStringLiteral("token-redirect-mismatch"),
        codeExchange(dump.signIn(verifier, redirect), verifier, QStringLiteral("http://127.0.0.1:48124/callback")),
        400);
    dump.token(QStringLiteral("token-verifier-missing"),
               codeExchange(dump.signIn(verifier, redirect), {}, redirect),
               400);
    dump.token(QStringLiteral("token-client-id-missing"),
               form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                     {QStringLiteral("code"), QStringLiteral("x")}}),
               400);
    dump.token(QStringLiteral("token-unknown-client"),
               form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                     {QStringLiteral("refresh_token"), QStringLiteral("x")},
                     {QStringLiteral("client_id"), QStringLiteral("someone-else")}}),
               400);
    dump.token(QStringLiteral("token-client-credentials"),
               form({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                     {QStringLiteral("client_id"), clientId}}),
               400);
    dump.token(QStringLiteral("token-json-body"),
               json({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")}}),
               400,
               QByteArrayLiteral("application/json"));
    dump.token(
        QStringLiteral("token-unsupported-grant"),
        form({{QStringLiteral("grant_type"), QStringLiteral("password")}, {QStringLiteral("client_id"), clientId}}),
        400);

    const QString firstRefresh = tokens.value(QStringLiteral("refresh_token")).toString();
    const QString secondRefresh = dump.token(QStringLiteral("token-refresh-rotated"), refresh(firstRefresh), 200)
                                      .object()
                                      .value(QStringLiteral("refresh_token"))
                                      .toString();
    dump.token(QStringLiteral("token-refresh-reused"), refresh(firstRefresh), 400);
    dump.token(QStringLiteral("token-refresh-missing"),
               form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                     {QStringLiteral("client_id"), clientId}}),
               400);
    fake.setRotateRefreshTokens(false);
    dump.token(QStringLiteral("token-refresh-not-rotated"), refresh(secondRefresh), 200);
    fake.setRotateRefreshTokens(true);
    const auto sixMonths = std::chrono::milliseconds(184LL * 24 * 3600 * 1000);
    fake.ageGrants(sixMonths);
    dump.token(QStringLiteral("token-refresh-expired"), refresh(secondRefresh), 400);
    fake.ageGrants(-sixMonths);
    fake.revokeGrants();
    dump.token(QStringLiteral("token-refresh-revoked"), refresh(secondRefresh), 400);

    fake.addFault(FakeSpotifyFault::rateLimited(3, QStringLiteral("^/api/token$")));
    dump.token(QStringLiteral("token-fault-429"), refresh(secondRefresh), 429);
    fake.addFault(FakeSpotifyFault::serverError(503, QStringLiteral("^/api/token$"), 1, 5));
    dump.token(QStringLiteral("token-fault-503"), refresh(secondRefresh), 503);
    fake.addFault(FakeSpotifyFault::serverError(500, QStringLiteral("^/api/token$")));
    dump.token(QStringLiteral("token-fault-500"), refresh(secondRefresh), 500);

    const QList<QPair<QString, QString>> base{{QStringLiteral("response_type"), QStringLiteral("code")},
                                              {QStringLiteral("state"), QStringLiteral("s")},
                                              {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
                                              {QStringLiteral("code_challenge"), challengeFor(verifier)}};
    QList<QPair<QString, QString>> unknownClient = base;
    unknownClient.append(
        {{QStringLiteral("client_id"), QStringLiteral("someone-else")}, {QStringLiteral("redirect_uri"), redirect}});
    dump.authorize(QStringLiteral("authorize-unknown-client"), unknownClient, 400);
    QList<QPair<QString, QString>> localhost = base;
    localhost.append({{QStringLiteral("client_id"), clientId},
                      {QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:48123/callback")}});
    dump.authorize(QStringLiteral("authorize-localhost-redirect"), localhost, 400);
}

void dumpPagedReads(Dumper &dump, const Ids &ids, bool extended)
{
    dump.get(QStringLiteral("me"), QStringLiteral("/me"), 200);
    for (const QString &type : {QStringLiteral("artists"), QStringLiteral("tracks")}) {
        dump.get(QStringLiteral("top-%1-first").arg(type), QStringLiteral("/me/top/%1").arg(type), 200);
        dump.get(QStringLiteral("top-%1-later").arg(type),
                 QStringLiteral("/me/top/%1?time_range=long_term&offset=20&limit=20").arg(type),
                 200);
        dump.get(QStringLiteral("top-%1-short").arg(type),
                 QStringLiteral("/me/top/%1?time_range=short_term&limit=50").arg(type),
                 200);
        dump.get(QStringLiteral("top-%1-empty").arg(type), QStringLiteral("/me/top/%1?offset=500").arg(type), 200);
    }
    dump.get(QStringLiteral("top-bad-range"), QStringLiteral("/me/top/artists?time_range=forever"), 400);

    const QJsonObject recent =
        dump.get(QStringLiteral("recently-played-first"), QStringLiteral("/me/player/recently-played"), 200).object();
    const QJsonObject cursors = recent.value(QStringLiteral("cursors")).toObject();
    dump.get(QStringLiteral("recently-played-later"),
             QStringLiteral("/me/player/recently-played?before=%1&limit=20")
                 .arg(cursors.value(QStringLiteral("before")).toString()),
             200);
    dump.get(
        QStringLiteral("recently-played-empty"),
        QStringLiteral("/me/player/recently-played?after=%1").arg(cursors.value(QStringLiteral("after")).toString()),
        200);
    dump.get(QStringLiteral("recently-played-both-cursors"),
             QStringLiteral("/me/player/recently-played?after=1&before=2"),
             400);

    for (const QString &kind : {QStringLiteral("tracks"), QStringLiteral("albums"), QStringLiteral("playlists")}) {
        dump.get(QStringLiteral("me-%1-first").arg(kind), QStringLiteral("/me/%1").arg(kind), 200);
        dump.get(QStringLiteral("me-%1-later").arg(kind), QStringLiteral("/me/%1?offset=20&limit=10").arg(kind), 200);
        dump.get(QStringLiteral("me-%1-empty").arg(kind), QStringLiteral("/me/%1?offset=5000").arg(kind), 200);
    }
    for (const QString &kind : {QStringLiteral("shows"), QStringLiteral("episodes"), QStringLiteral("audiobooks")})
        dump.get(QStringLiteral("me-%1-empty").arg(kind), QStringLiteral("/me/%1").arg(kind), 200);
    dump.get(QStringLiteral("invalid-limit"), QStringLiteral("/me/tracks?limit=51"), 400);
    dump.get(QStringLiteral("invalid-offset"), QStringLiteral("/me/tracks?offset=-1"), 400);

    const QJsonObject followed =
        dump.get(QStringLiteral("following-first"), QStringLiteral("/me/following?type=artist&limit=50"), 200).object();
    const QString after = followed.value(QStringLiteral("artists"))
                              .toObject()
                              .value(QStringLiteral("cursors"))
                              .toObject()
                              .value(QStringLiteral("after"))
                              .toString();
    dump.get(QStringLiteral("following-last"),
             QStringLiteral("/me/following?type=artist&limit=50&after=%1").arg(after),
             200);
    dump.get(QStringLiteral("following-empty"),
             QStringLiteral("/me/following?type=artist&after=zzzzzzzzzzzzzzzzzzzzzz"),
             200);
    dump.get(QStringLiteral("following-bad-type"), QStringLiteral("/me/following?type=user"), 400);

    dump.get(QStringLiteral("playlist-own"), QStringLiteral("/playlists/%1").arg(ids.ownPlaylist), 200);
    dump.get(QStringLiteral("playlist-empty"), QStringLiteral("/playlists/%1").arg(ids.emptyPlaylist), 200);
    dump.get(QStringLiteral("playlist-followed"), QStringLiteral("/playlists/%1").arg(ids.followedPlaylist), 200);
    dump.get(QStringLiteral("playlist-spotify-owned"),
             QStringLiteral("/playlists/%1").arg(ids.spotifyPlaylist),
             extended ? 200 : 404);
    dump.get(QStringLiteral("playlist-images"), QStringLiteral("/playlists/%1/images").arg(ids.ownPlaylist), 200);
    dump.get(QStringLiteral("playlist-items-first"), QStringLiteral("/playlists/%1/items").arg(ids.ownPlaylist), 200);
    dump.get(QStringLiteral("playlist-items-later"),
             QStringLiteral("/playlists/%1/items?offset=20&limit=20").arg(ids.ownPlaylist),
             200);
    dump.get(QStringLiteral("playlist-items-empty"), QStringLiteral("/playlists/%1/items").arg(ids.emptyPlaylist), 200);
    dump.get(QStringLiteral("playlist-items-not-owner"),
             QStringLiteral("/playlists/%1/items").arg(ids.followedPlaylist),
             extended ? 200 : 403);
    dump.get(QStringLiteral("playlist-bad-id"), QStringLiteral("/playlists/not-an-id"), 400);

    dump.get(QStringLiteral("track"), QStringLiteral("/tracks/%1").arg(ids.savedTrack), 200);
    dump.get(QStringLiteral("track-unknown"), QStringLiteral("/tracks/0000000000000000000000"), 404);
    dump.get(QStringLiteral("artist"), QStringLiteral("/artists/%1").arg(ids.artist), 200);
    dump.get(QStringLiteral("artist-albums"), QStringLiteral("/artists/%1/albums").arg(ids.artist), 200);
    dump.get(QStringLiteral("album"), QStringLiteral("/albums/%1").arg(ids.album), 200);
    dump.get(QStringLiteral("album-tracks"), QStringLiteral("/albums/%1/tracks?limit=5").arg(ids.album), 200);

    dump.get(QStringLiteral("search-first"), QStringLiteral("/search?q=the&type=track,artist,album,playlist"), 200);
    dump.get(QStringLiteral("search-later"), QStringLiteral("/search?q=the&type=track&offset=5&limit=5"), 200);
    dump.get(QStringLiteral("search-empty"),
             QStringLiteral("/search?q=qqqzzzxxx&type=track,show,episode,audiobook"),
             200);
    dump.get(QStringLiteral("search-limit"),
             QStringLiteral("/search?q=the&type=track&limit=%1").arg(extended ? 51 : 11),
             400);
    dump.get(QStringLiteral("search-no-query"), QStringLiteral("/search?type=track"), 400);
}

void dumpWrites(Dumper &dump, const Ids &ids)
{
    const QByteArray created =
        dump.api(QStringLiteral("create-playlist"),
                 "POST",
                 QStringLiteral("/me/playlists"),
                 201,
                 json({{QStringLiteral("name"), QStringLiteral("Dumped")}, {QStringLiteral("public"), false}}))
            .body;
    const QString playlist = QJsonDocument::fromJson(created).object().value(QStringLiteral("id")).toString();
    dump.api(QStringLiteral("create-playlist-no-name"), "POST", QStringLiteral("/me/playlists"), 400, json({}));
    dump.api(QStringLiteral("change-playlist"),
             "PUT",
             QStringLiteral("/playlists/%1").arg(playlist),
             200,
             json({{QStringLiteral("name"), QStringLiteral("Renamed")}}));
    const QJsonArray uris{QString(QStringLiteral("spotify:track:") + ids.savedTrack),
                          QString(QStringLiteral("spotify:track:") + ids.track2)};
    dump.api(QStringLiteral("add-items"),
             "POST",
             QStringLiteral("/playlists/%1/items").arg(playlist),
             201,
             json({{QStringLiteral("uris"), uris}}));
    dump.api(QStringLiteral("add-items-bad-uri"),
             "POST",
             QStringLiteral("/playlists/%1/items?uris=spotify:track:nope").arg(playlist),
             400);
    dump.api(QStringLiteral("add-items-not-owner"),
             "POST",
             QStringLiteral("/playlists/%1/items").arg(ids.followedPlaylist),
             403,
             json({{QStringLiteral("uris"), uris}}));
    dump.api(QStringLiteral("reorder-items"),
             "PUT",
             QStringLiteral("/playlists/%1/items").arg(playlist),
             200,
             json({{QStringLiteral("range_start"), 0}, {QStringLiteral("insert_before"), 2}}));
    dump.api(QStringLiteral("remove-items"),
             "DELETE",
             QStringLiteral("/playlists/%1/items").arg(playlist),
             200,
             json({{QStringLiteral("items"), QJsonArray{QJsonObject{{QStringLiteral("uri"), uris.first()}}}}}));

    const QString save = QStringLiteral("spotify:track:%1,spotify:album:%2,spotify:artist:%3")
                             .arg(ids.unsavedTrack, ids.album, ids.artist);
    dump.api(QStringLiteral("library-save"), "PUT", QStringLiteral("/me/library?uris=") + save, 200);
    dump.get(QStringLiteral("library-contains"), QStringLiteral("/me/library/contains?uris=") + save, 200);
    dump.api(QStringLiteral("library-remove"), "DELETE", QStringLiteral("/me/library?uris=") + save, 200);
    dump.api(QStringLiteral("library-bad-uri"), "PUT", QStringLiteral("/me/library?uris=spotify:track:nope"), 400);
    dump.api(QStringLiteral("library-unknown-id"),
             "PUT",
             QStringLiteral("/me/library?uris=spotify:track:0000000000000000000000"),
             400);
}

void dumpPlayer(FakeSpotify &fake, Dumper &dump, const Ids &ids)
{
    dump.get(QStringLiteral("player-state"), QStringLiteral("/me/player"), 200);
    dump.get(QStringLiteral("player-devices"), QStringLiteral("/me/player/devices"), 200);
    dump.get(QStringLiteral("player-currently-playing"), QStringLiteral("/me/player/currently-playing"), 200);
    dump.get(QStringLiteral("player-queue"), QStringLiteral("/me/player/queue"), 200);
    dump.api(QStringLiteral("player-play-context"),
             "PUT",
             QStringLiteral("/me/player/play"),
             204,
             json({{QStringLiteral("context_uri"), QString(QStringLiteral("spotify:album:") + ids.album)},
                   {QStringLiteral("offset"), QJsonObject{{QStringLiteral("position"), 0}}}}));
    dump.get(QStringLiteral("player-state-playing"), QStringLiteral("/me/player"), 200);
    dump.api(QStringLiteral("player-play-already"), "PUT", QStringLiteral("/me/player/play"), 403);
    dump.api(QStringLiteral("player-pause"), "PUT", QStringLiteral("/me/player/pause"), 204);
    dump.api(QStringLiteral("player-pause-already"), "PUT", QStringLiteral("/me/player/pause"), 403);
    dump.api(QStringLiteral("player-resume"), "PUT", QStringLiteral("/me/player/play"), 204);
    dump.api(QStringLiteral("player-queue-add"),
             "POST",
             QStringLiteral("/me/player/queue?uri=spotify:track:%1").arg(ids.track2),
             204);
    dump.get(QStringLiteral("player-queue-with-item"), QStringLiteral("/me/player/queue"), 200);
    dump.api(QStringLiteral("player-next"), "POST", QStringLiteral("/me/player/next"), 204);
    dump.api(QStringLiteral("player-previous"), "POST", QStringLiteral("/me/player/previous"), 204);
    dump.api(QStringLiteral("player-seek"), "PUT", QStringLiteral("/me/player/seek?position_ms=1000"), 204);
    dump.api(QStringLiteral("player-seek-missing"), "PUT", QStringLiteral("/me/player/seek"), 400);
    dump.api(QStringLiteral("player-volume"), "PUT", QStringLiteral("/me/player/volume?volume_percent=30"), 204);
    dump.api(QStringLiteral("player-volume-invalid"),
             "PUT",
             QStringLiteral("/me/player/volume?volume_percent=101"),
             400);
    dump.api(QStringLiteral("player-shuffle"), "PUT", QStringLiteral("/me/player/shuffle?state=true"), 204);
    dump.api(QStringLiteral("player-repeat"), "PUT", QStringLiteral("/me/player/repeat?state=context"), 204);
    dump.api(QStringLiteral("player-repeat-invalid"), "PUT", QStringLiteral("/me/player/repeat?state=always"), 400);
    dump.api(QStringLiteral("player-transfer-two"),
             "PUT",
             QStringLiteral("/me/player"),
             400,
             json({{QStringLiteral("device_ids"), QJsonArray{ids.laptop, ids.phone}}}));
    dump.api(QStringLiteral("player-transfer-unknown"),
             "PUT",
             QStringLiteral("/me/player"),
             404,
             json({{QStringLiteral("device_ids"), QJsonArray{QStringLiteral("nope")}}}));
    dump.api(QStringLiteral("player-transfer"),
             "PUT",
             QStringLiteral("/me/player"),
             204,
             json({{QStringLiteral("device_ids"), QJsonArray{ids.phone}}}));
    dump.api(QStringLiteral("player-volume-disallowed"),
             "PUT",
             QStringLiteral("/me/player/volume?volume_percent=30"),
             403);

    fake.setPremium(false);
    dump.api(QStringLiteral("player-premium-required"), "PUT", QStringLiteral("/me/player/pause"), 403);
    fake.setPremium(true);

    fake.deactivateDevices();
    dump.get(QStringLiteral("player-state-idle"), QStringLiteral("/me/player"), 204);
    dump.get(QStringLiteral("player-currently-playing-idle"), QStringLiteral("/me/player/currently-playing"), 204);
    dump.get(QStringLiteral("player-queue-idle"), QStringLiteral("/me/player/queue"), 200);
    dump.api(QStringLiteral("player-no-active-device"), "POST", QStringLiteral("/me/player/next"), 404);
    dump.api(QStringLiteral("player-play-on-device"),
             "PUT",
             QStringLiteral("/me/player/play?device_id=%1").arg(ids.speaker),
             204,
             json({{QStringLiteral("uris"), QJsonArray{QString(QStringLiteral("spotify:track:") + ids.track2)}}}));
}

void dumpRemoved(FakeSpotify &fake, Dumper &dump, const Ids &ids, bool extended)
{
    struct Removed {
        const char *method;
        QString target;
        int extendedStatus;
        QByteArray body;
    };
    const QString uris = QStringLiteral("spotify:track:") + ids.unsavedTrack;
    const QList<Removed> removed{
        {"GET", QStringLiteral("/tracks?ids=%1,%2,0000000000000000000000").arg(ids.savedTrack, ids.track2), 200, {}},
        {"GET", QStringLiteral("/artists?ids=%1").arg(ids.artist), 200, {}},
        {"GET", QStringLiteral("/albums?ids=%1").arg(ids.album), 200, {}},
        {"GET", QStringLiteral("/artists/%1/top-tracks").arg(ids.artist), 200, {}},
        {"GET", QStringLiteral("/artists/%1/related-artists").arg(ids.artist), 200, {}},
        {"GET", QStringLiteral("/recommendations?seed_artists=%1&limit=10").arg(ids.artist), 200, {}},
        {"GET", QStringLiteral("/recommendations/available-genre-seeds"), 200, {}},
        {"GET", QStringLiteral("/audio-features/%1").arg(ids.savedTrack), 200, {}},
        {"GET", QStringLiteral("/audio-features?ids=%1,%2").arg(ids.savedTrack, ids.track2), 200, {}},
        {"GET", QStringLiteral("/audio-analysis/%1").arg(ids.savedTrack), 404, {}},
        {"GET", QStringLiteral("/markets"), 200, {}},
        {"GET", QStringLiteral("/browse/new-releases?limit=5"), 200, {}},
        {"GET", QStringLiteral("/browse/featured-playlists"), 404, {}},
        {"GET", QStringLiteral("/browse/categories"), 404, {}},
        {"GET", QStringLiteral("/users/%1").arg(ids.otherUser), 200, {}},
        {"GET", QStringLiteral("/users/%1/playlists").arg(ids.me), 200, {}},
        {"POST",
         QStringLiteral("/users/%1/playlists").arg(ids.me),
         201,
         json({{QStringLiteral("name"), QStringLiteral("Legacy")}})},
        {"PUT", QStringLiteral("/me/tracks?ids=%1").arg(ids.unsavedTrack), 200, {}},
        {"GET", QStringLiteral("/me/tracks/contains?ids=%1,%2").arg(ids.unsavedTrack, ids.track2), 200, {}},
        {"DELETE", QStringLiteral("/me/tracks?ids=%1").arg(ids.unsavedTrack), 200, {}},
        {"PUT", QStringLiteral("/me/albums?ids=%1").arg(ids.album), 200, {}},
        {"GET", QStringLiteral("/me/albums/contains?ids=%1").arg(ids.album), 200, {}},
        {"PUT", QStringLiteral("/me/following?type=artist&ids=%1").arg(ids.artist), 204, {}},
        {"GET", QStringLiteral("/me/following/contains?type=artist&ids=%1").arg(ids.artist), 200, {}},
        {"GET", QStringLiteral("/playlists/%1/tracks?limit=5").arg(ids.ownPlaylist), 200, {}},
        {"POST", QStringLiteral("/playlists/%1/tracks?uris=%2").arg(ids.ownPlaylist, uris), 201, {}},
        {"PUT", QStringLiteral("/playlists/%1/followers").arg(ids.followedPlaylist), 200, {}},
        {"GET", QStringLiteral("/playlists/%1/followers/contains").arg(ids.followedPlaylist), 200, {}},
        {"GET", QStringLiteral("/shows?ids=%1").arg(ids.album), 404, {}},
    };
    int n = 0;
    for (const Removed &call : removed)
        dump.api(QStringLiteral("removed-%1").arg(++n),
                 call.method,
                 call.target,
                 extended ? call.extendedStatus : 404,
                 call.body);
    if (!extended) {
        fake.setRemovedAnswer(FakeSpotifyRemovedAnswer::Forbidden);
        dump.get(QStringLiteral("removed-forbidden"), QStringLiteral("/audio-features/%1").arg(ids.savedTrack), 403);
        fake.setRemovedAnswer(FakeSpotifyRemovedAnswer::NotFound);
    }
}

void dumpErrors(FakeSpotify &fake, Dumper &dump, const QString &validToken)
{
    dump.api(QStringLiteral("no-token"), "GET", QStringLiteral("/me"), 401, {}, QByteArray());
    dump.api(QStringLiteral("invalid-token"),
             "GET",
             QStringLiteral("/me"),
             401,
             {},
             QByteArrayLiteral("Bearer not-a-token"));
    dump.api(QStringLiteral("not-bearer"),
             "GET",
             QStringLiteral("/me"),
             400,
             {},
             QByteArrayLiteral("Basic Zm9vOmJhcg=="));
    dump.setToken(fake.issueTokens(QStringLiteral("user-read-private")).accessToken);
    dump.get(QStringLiteral("insufficient-scope"), QStringLiteral("/me/top/tracks"), 403);
    dump.setToken(validToken);

    struct Scripted {
        QString label;
        FakeSpotifyFault fault;
        QString target;
        const char *method;
    };
    QList<Scripted> scripted{
        {QStringLiteral("fault-token-expired"), FakeSpotifyFault::accessTokenExpired(), QStringLiteral("/me"), "GET"},
        {QStringLiteral("fault-not-registered"), FakeSpotifyFault::userNotRegistered(), QStringLiteral("/me"), "GET"},
        {QStringLiteral("fault-owner-premium"),
         FakeSpotifyFault::ownerNeedsPremium(),
         QStringLiteral("/me/top/artists"),
         "GET"},
        {QStringLiteral("fault-rate-limited"),
         FakeSpotifyFault::rateLimited(2),
         QStringLiteral("/me/player/recently-played"),
         "GET"},
        {QStringLiteral("fault-quota"), FakeSpotifyFault::quotaExceeded(60), QStringLiteral("/me/tracks"), "GET"},
        {QStringLiteral("fault-500"), FakeSpotifyFault::serverError(500), QStringLiteral("/me/playlists"), "GET"},
        {QStringLiteral("fault-502"),
         FakeSpotifyFault::serverError(502),
         QStringLiteral("/me/following?type=artist"),
         "GET"},
        {QStringLiteral("fault-503"), FakeSpotifyFault::serverError(503), QStringLiteral("/me"), "GET"},
        {QStringLiteral("fault-503-retry-after"),
         FakeSpotifyFault::serverError(503, {}, 1, 4),
         QStringLiteral("/me/player"),
         "GET"},
        {QStringLiteral("fault-slow"), FakeSpotifyFault::slow(50), QStringLiteral("/me"), "GET"},
    };
    for (const QString &reason : FakeSpotifyFault::playerReasons())
        scripted.append({QStringLiteral("fault-player-%1").arg(reason.toLower()),
                         FakeSpotifyFault::playerError(reason),
                         QStringLiteral("/me/player/pause"),
                         "PUT"});
    for (const Scripted &entry : std::as_const(scripted)) {
        fake.addFault(entry.fault);
        const int expected = entry.fault.status == 0 ? 200 : entry.fault.status;
        dump.api(entry.label, entry.method, entry.target, expected);
    }
    fake.expireAccessTokens();
    dump.get(QStringLiteral("expired-token"), QStringLiteral("/me"), 401);
}

} // namespace

int dumpFakeSpotify(const QString &directory, const FakeSpotify::Options &options, QTextStream &errors)
{
    const QDir dir(directory);
    QJsonArray index;
    QStringList failures;
    for (const FakeSpotifyProfile profile : {FakeSpotifyProfile::Development2026, FakeSpotifyProfile::Extended}) {
        const QString name = profileName(profile);
        if (!dir.mkpath(name)) {
            errors << "cannot create " << dir.filePath(name) << Qt::endl;
            return 1;
        }
        FakeSpotify::Options profileOptions = options;
        profileOptions.profile = profile;
        profileOptions.port = 0;
        profileOptions.consent = FakeSpotifyConsent::AutoApprove;
        profileOptions.premium = true;
        FakeSpotify fake(profileOptions);
        if (!fake.start()) {
            errors << "cannot start the fake" << Qt::endl;
            return 1;
        }
        Dumper dump(fake, dir, name, index, failures);
        dump.setClientId(profileOptions.clientId);
        dumpAccounts(fake, dump, profileOptions.clientId);

        const QString token = fake.issueTokens().accessToken;
        dump.setToken(token);
        const Ids ids = pickIds(fake);
        const bool extended = profile == FakeSpotifyProfile::Extended;
        dumpPagedReads(dump, ids, extended);
        dumpWrites(dump, ids);
        dumpPlayer(fake, dump, ids);
        dumpRemoved(fake, dump, ids, extended);
        dumpErrors(fake, dump, token);
    }

    QFile indexFile(dir.filePath(QStringLiteral("index.json")));
    const QJsonObject document{{QStringLiteral("generator"), QStringLiteral("tunescout-fake-spotify --dump")},
                               {QStringLiteral("seed"), QString::number(options.seed)},
                               {QStringLiteral("bodies"), index}};
    if (!indexFile.open(QIODevice::WriteOnly)
        || indexFile.write(QJsonDocument(document).toJson(QJsonDocument::Indented)) < 0) {
        errors << "cannot write " << indexFile.fileName() << Qt::endl;
        return 1;
    }
    for (const QString &failure : std::as_const(failures))
        errors << failure << Qt::endl;
    return failures.isEmpty() ? 0 : 1;
}

} // namespace testsupport
