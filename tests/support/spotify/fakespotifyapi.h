#pragma once

#include "tests/support/spotify/fakespotifyaccounts.h"
#include "tests/support/spotify/fakespotifyhttp.h"
#include "tests/support/spotify/fakespotifyjson.h"
#include "tests/support/spotify/fakespotifylibrary.h"
#include "tests/support/spotify/fakespotifyplayer.h"
#include "tests/support/spotify/fakespotifyrandom.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <functional>

namespace testsupport
{

// How endpoints removed for Development Mode apps answer in the development-2026 profile. Spotify's
// 404 is what SPOTIFY.md §2 records; some removed endpoints have been seen answering 403, so a client
// must survive both.
enum class FakeSpotifyRemovedAnswer {
    NotFound, // 404 {"error":{"status":404,"message":"Service not found"}}, like a path that never existed
    Forbidden, // 403 {"error":{"status":403,"message":"Forbidden"}}
};

// Everything a Web API call may read or change; FakeSpotify builds one per request under its lock.
struct FakeSpotifyApiContext {
    FakeSpotifyLibrary &library;
    FakeSpotifyPlayer &player;
    const FakeSpotifyAccounts &accounts;
    FakeSpotifyRandom &random;
    QString rootUrl; // http://127.0.0.1:<port>
    FakeSpotifyProfile profile = FakeSpotifyProfile::Development2026;
    FakeSpotifyRemovedAnswer removedAnswer = FakeSpotifyRemovedAnswer::NotFound;
    bool premium = true;
    qint64 nowMs = 0;
};

// api.spotify.com/v1: one table of routes, each with its OpenAPI path template, the scopes it needs,
// whether Development Mode lost it, and whether it is a Premium-only player command.
class FakeSpotifyApi
{
public:
    FakeSpotifyApi();

    // `request.path` starts with /v1.
    FakeSpotifyResponse handle(const FakeSpotifyRequest &request, FakeSpotifyApiContext &context) const;

    // The OpenAPI path template a request maps to, e.g. "/playlists/{playlist_id}/items"; empty when
    // the fake has no such route.
    QString operationPath(const QByteArray &method, const QString &path) const;

    // Method and template of every route that Development Mode apps lost.
    QStringList removedOperations() const;

    struct Call;
    using Handler = std::function<FakeSpotifyResponse(Call &)>;

private:
    struct Route {
        QByteArray method;
        QString openApiPath;
        QRegularExpression pattern;
        QStringList scopes; // any one of them suffices; empty: none needed
        bool removedInDevelopmentMode = false;
        bool playerCommand = false;
        Handler handler;
    };

    void add(const char *method, const char *openApiPath, Handler handler, QStringList scopes = {});
    void addRemoved(const char *method, const char *openApiPath, Handler handler, QStringList scopes = {});
    void addPlayerCommand(const char *method, const char *openApiPath, Handler handler);

    QList<Route> m_routes;
};

} // namespace testsupport
