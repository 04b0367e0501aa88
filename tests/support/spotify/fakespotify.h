#pragma once

#include "tests/support/spotify/fakespotifyaccounts.h"
#include "tests/support/spotify/fakespotifyapi.h"
#include "tests/support/spotify/fakespotifyfaults.h"
#include "tests/support/spotify/fakespotifyhttp.h"
#include "tests/support/spotify/fakespotifyjson.h"
#include "tests/support/spotify/fakespotifylibrary.h"
#include "tests/support/spotify/fakespotifyplayer.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace testsupport
{

// A fake Spotify (accounts.spotify.com and api.spotify.com/v1 on one port) serving real HTTP on
// 127.0.0.1 from its own threads, so that code under test talks to it through QNetworkAccessManager
// while the test's event loop runs. It follows Spotify as SPOTIFY.md describes it in 2026: PKCE with
// loopback redirects, rotating refresh tokens that expire 6 months after sign-in, Development Mode's
// removed endpoints and fields, Premium-only player commands, cursor and offset paging, and a
// generated library of ~300 artists, ~3000 tracks, playlists and two years of listening.
//
// Every public function but start() and stop() is thread-safe. Test hooks change the fake's state
// directly; scripted faults change how the next matching requests are answered. See
// tests/support/spotify/README.md.
//
//     testsupport::FakeSpotify spotify;
//     QVERIFY(spotify.start());
//     const auto tokens = spotify.issueTokens();       // or sign in through /authorize and /api/token
//     QNetworkRequest request(QUrl(spotify.apiUrl().toString() + QStringLiteral("/me/player")));
//     spotify.addFault(testsupport::FakeSpotifyFault::rateLimited(2, QStringLiteral("^/v1/me/player")));
class FakeSpotify
{
public:
    using Profile = FakeSpotifyProfile;
    using Consent = FakeSpotifyConsent;
    using RemovedAnswer = FakeSpotifyRemovedAnswer;
    using Fault = FakeSpotifyFault;
    using Tokens = FakeSpotifyTokens;

    struct Options {
        Profile profile = Profile::Development2026;
        QString clientId = QStringLiteral("tunescout-test-client"); // the only client /authorize and /api/token accept
        bool premium = true; // the signed-in user's subscription; without it player commands answer 403
        quint64 seed = 2026; // the generated library
        quint16 port = 0; // 0: an ephemeral port
        Consent consent = Consent::AutoApprove;
        QDateTime startTime; // the fake clock's start, and "now" for the generated history; invalid: now
        bool deviceActive = true; // start with an active device (GET /me/player answers 200, not 204)
    };

    struct RecordedRequest {
        FakeSpotifyRequest request; // method, path, query, headers, body (form fields via request.form())
        QString operation; // "GET /playlists/{playlist_id}/items" (OpenAPI template) or "POST /api/token"
        int status = 0;
        qint64 receivedAtMs = 0; // on the fake clock
    };

    FakeSpotify();
    explicit FakeSpotify(const Options &options);
    ~FakeSpotify();
    FakeSpotify(const FakeSpotify &) = delete;
    FakeSpotify &operator=(const FakeSpotify &) = delete;

    // Every scope the accounts service knows, space-separated.
    static QString allScopes();

    bool start(); // false when the port cannot be bound
    void stop(); // closes open connections too; the destructor calls it
    bool isRunning() const;
    quint16 port() const;
    QUrl accountsUrl() const; // http://127.0.0.1:P
    QUrl apiUrl() const; // http://127.0.0.1:P/v1
    QUrl authorizeUrl() const; // http://127.0.0.1:P/authorize
    QUrl tokenUrl() const; // http://127.0.0.1:P/api/token

    // Clock: wall time since start(), plus whatever tests add.
    qint64 nowMs() const;
    QDateTime now() const;
    void advanceClock(std::chrono::milliseconds by);

    // The accounts service: how it answers, and its grants and tokens.
    void setConsent(Consent consent);
    // false: refresh responses omit refresh_token, and the presented one stays valid.
    void setRotateRefreshTokens(bool rotate);
    // A grant as if the user had signed in now; the shortcut for tests that are not about sign-in.
    Tokens issueTokens(const QString &scope = allScopes());
    void expireAccessTokens(); // every access token issued so far answers "The access token expired"
    void revokeGrants(); // refresh: "Refresh token revoked"; access tokens: "Invalid access token"
    bool revokeGrant(const QString &refreshToken); // just the grant this (current) refresh token belongs to
    void ageGrants(std::chrono::milliseconds by); // moves every sign-in back, towards the 6-month expiry
    int tokenRequestCount(const QString &grantType = {}) const; // POST /api/token by grant_type; empty: all
    int grantCount() const;
    QStringList issuedSecrets() const; // every code, access and refresh token handed out (log canaries)

    // Every request either service saw, in order.
    QList<RecordedRequest> requests() const;
    // Requests with this method (empty: any) whose path matches the regular expression (empty: any).
    int requestCount(const QByteArray &method = {}, const QString &pathPattern = {}) const;
    void clearRequests();

    // Scripted answers: see FakeSpotifyFault.
    void addFault(const Fault &fault);
    void clearFaults();
    int pendingFaults() const;

    // What kind of account and app the fake plays.
    void setPremium(bool premium);
    bool isPremium() const;
    void setProfile(Profile profile);
    Profile profile() const;
    void setRemovedAnswer(RemovedAnswer answer);

    // The data behind the answers.
    // Runs `access` under the fake's lock: read anything, change anything (call reindex() after adding
    // catalogue objects or playlists). Do not call other FakeSpotify functions from inside.
    void withLibrary(const std::function<void(FakeSpotifyLibrary &)> &access);
    void withPlayer(const std::function<void(FakeSpotifyPlayer &, FakeSpotifyLibrary &)> &access);
    // The user listened to a track (at the fake's now by default); recently-played will show it.
    void appendPlay(const QString &trackId, const QString &contextUri = {}, qint64 playedAtMs = -1);
    FakeSpotifyPlayback playback() const;
    void deactivateDevices(); // nothing active: GET /me/player answers 204, commands NO_ACTIVE_DEVICE
    bool activateDevice(const QString &deviceId);

    // The OpenAPI path template of a Web API request path ("/v1/…"); empty when there is no route.
    QString operationPath(const QByteArray &method, const QString &path) const;
    QStringList removedOperations() const; // "GET /recommendations", …

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace testsupport
