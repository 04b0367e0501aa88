#pragma once

#include "tests/support/spotify/fakespotifyhttp.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace testsupport
{

// A scripted answer for the next `times` requests that match `method` and `pathPattern`, on the
// accounts service and the Web API alike. Faults are checked before anything else (authentication
// included) in the order they were added; each matching request uses up one of `times`.
struct FakeSpotifyFault {
    QByteArray method; // empty: any method
    QString pathPattern; // QRegularExpression, searched in the path (e.g. "^/v1/me/player"); empty: any
    int status = 0; // 0: answer normally, after delayMs
    QString message; // empty: Spotify's message for the status (and reason)
    QString reason; // the error envelope's "reason", e.g. PREMIUM_REQUIRED or QUOTA_EXCEEDED
    int retryAfterS = -1; // >= 0: send Retry-After
    int times = 1; // -1: until FakeSpotify::clearFaults()
    int delayMs = 0; // wait before answering (the wait ends early when the fake stops)
    QByteArray rawBody; // non-empty: sent instead of the JSON envelope
    QByteArray rawContentType;

    // 401 {"error":{"status":401,"message":"The access token expired"}}
    static FakeSpotifyFault accessTokenExpired(const QString &pathPattern = {}, int times = 1);
    // 403 "Player command failed: …" with `reason`; NO_ACTIVE_DEVICE answers 404 like Spotify does.
    static FakeSpotifyFault
    playerError(const QString &reason, const QString &pathPattern = QStringLiteral("^/v1/me/player"), int times = 1);
    // Development Mode allow-list: 403 in plain text, as Spotify words it.
    static FakeSpotifyFault userNotRegistered(const QString &pathPattern = {}, int times = 1);
    // Development Mode apps stop working when the app owner's Premium lapses.
    static FakeSpotifyFault ownerNeedsPremium(const QString &pathPattern = {}, int times = 1);
    static FakeSpotifyFault rateLimited(int retryAfterS, const QString &pathPattern = {}, int times = 1);
    // The quota 429 of July 2026: {"error":{…,"reason":"QUOTA_EXCEEDED"}}.
    static FakeSpotifyFault quotaExceeded(int retryAfterS, const QString &pathPattern = {}, int times = 1);
    // 500, 502 or 503; 503 may carry Retry-After.
    static FakeSpotifyFault
    serverError(int status, const QString &pathPattern = {}, int times = 1, int retryAfterS = -1);
    static FakeSpotifyFault slow(int delayMs, const QString &pathPattern = {}, int times = 1);

    // The player error reasons of Spotify's player error documentation, in its order.
    static QStringList playerReasons();
    static QString playerMessage(const QString &reason);
    // Spotify's message for an error status without a more specific one.
    static QString defaultMessage(int status);

    bool matches(const QByteArray &requestMethod, const QString &path) const;
    FakeSpotifyResponse response() const;
};

class FakeSpotifyFaultList
{
public:
    void add(const FakeSpotifyFault &fault);
    void clear();
    int pending() const; // faults with uses left
    // The first matching fault, with one use taken; nullopt when none matches.
    std::optional<FakeSpotifyFault> take(const QByteArray &method, const QString &path);

private:
    QList<FakeSpotifyFault> m_faults;
};

} // namespace testsupport
