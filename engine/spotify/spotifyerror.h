#pragma once

#include "engine/model/result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <chrono>
#include <optional>

namespace engine
{

// A 2xx answer of the Web API.
struct SpotifyResponse {
    int status = 0;
    QByteArray body; // empty for 204
    QList<QPair<QByteArray, QByteArray>> headers;

    // The first header of this name, compared case-insensitively; empty when absent.
    QByteArray header(const QByteArray &name) const;
};

// Why a call to the Web API did not succeed: `kind` for callers to branch on, message() for a person.
struct SpotifyError {
    Q_GADGET

public:
    enum class Kind {
        Network, // no answer: offline, reset, timed out
        RateLimited, // 429 that outlasted the retries: "Spotify is busy"
        QuotaExceeded, // 429 with QUOTA_EXCEEDED: the developer account's quota is spent until the next hour
        SessionExpired, // 401 after a refresh, or the refresh failed: sign in again
        NotRegistered, // 403 of Development Mode: the user is not allow-listed, or the app owner lacks Premium
        PremiumRequired, // 403 PREMIUM_REQUIRED: player commands need the user's Premium
        NoActiveDevice, // 404 NO_ACTIVE_DEVICE
        Forbidden, // any other 403 (a missing scope, someone else's playlist)
        NotFound,
        BadRequest, // 400 and the other 4xx: a bug on our side, never retried
        ServerError, // 5xx that outlasted the retries
        EndpointUnavailable, // Development Mode removed the endpoint; answered without asking Spotify
        CircuitOpen, // Spotify failed too often in a row; not asked until the circuit half-opens
        Cancelled,
        BadResponse, // a 2xx whose body is not what the endpoint documents, or a status Spotify never sends
    };
    Q_ENUM(Kind)

    Kind kind = Kind::Network;
    int status = 0; // the HTTP status; 0 when Spotify did not answer
    QString reason; // Spotify's `reason`: PREMIUM_REQUIRED, NO_ACTIVE_DEVICE, QUOTA_EXCEEDED …
    QString detail; // Spotify's own words or what failed on the way, for the log; never shown to people
    // How long Spotify asked to wait (a 429's or 503's Retry-After), or how long the client's 429 gate still holds
    // for a request failed without being sent; nullopt when nobody said. Callers that keep work for later (the
    // queued likes of LibrarySync) wait this long before asking again.
    std::optional<std::chrono::milliseconds> retryAfter;

    // What happened and what to do about it, in words for the person using TuneScout.
    QString message() const;
    QString kindName() const;
};

// What an answer outside 2xx means (SPOTIFY.md §2, RELIABILITY.md OA-11), from its status and body.
SpotifyError spotifyErrorFor(int status, const QByteArray &body);

// A value or a SpotifyError. Not an engine::Error, because callers must tell "sign in again", "quota spent"
// and "Premium required" apart, which Error::Code cannot carry.
template<typename T>
using SpotifyResult = Result<T, SpotifyError>;

} // namespace engine
