#pragma once

#include "engine/model/retrypolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace engine
{

// The numbers of RELIABILITY.md §6.2 (UP-1, the table, UP-4). The defaults are the requirements; tests
// shorten the delays where they check the policy rather than the wall clock.
struct SpotifyPolicy {
    // Requests on the wire at once; the rest wait in the client, Foreground before Background.
    int maxInFlight = 4;
    std::chrono::milliseconds transferTimeout = std::chrono::seconds(20);

    // 429 without QUOTA_EXCEEDED: every request waits behind one gate for Retry-After plus up to
    // gateJitter, so that several clients of one developer account do not come back in step.
    std::chrono::milliseconds defaultRetryAfter = std::chrono::seconds(5);
    std::chrono::milliseconds gateJitter = std::chrono::seconds(1);
    int maxRateLimitRetries = 3; // consecutive 429s of one request, then "Spotify is busy"
    // A Foreground request fails rather than wait longer than this behind a gate or a Retry-After; a
    // person is waiting for it. Background requests wait out the gate.
    std::chrono::milliseconds longestForegroundWait = std::chrono::seconds(60);

    // 5xx, resets and timeouts of idempotent requests: full jitter.
    std::chrono::milliseconds backoffBase = std::chrono::milliseconds(500);
    std::chrono::milliseconds backoffCap = std::chrono::seconds(8);
    int maxAttempts = 4;

    // Retry budget: retries at most retryRatio of the requests of the last retryWindow, but always
    // retryFloor, so that a quiet client can still retry a single failure.
    double retryRatio = 0.1;
    int retryFloor = 5;
    std::chrono::milliseconds retryWindow = std::chrono::seconds(60);

    // Circuit breaker on the upstream.
    int circuitThreshold = 5;
    std::chrono::milliseconds circuitHalfOpenAfter = std::chrono::seconds(30);
};

// How long Background requests pause after a 429 with QUOTA_EXCEEDED: until the next full hour, or for
// Retry-After when that is longer.
std::chrono::milliseconds quotaPause(const QDateTime &now, std::optional<std::chrono::milliseconds> retryAfter);

// Whether Development Mode took this operation away (SPOTIFY.md §1.3). `path` is relative to the API base
// ("/artists/{id}/top-tracks"), without the query.
bool isRemovedInDevelopmentMode(const QByteArray &method, const QString &path);

} // namespace engine
