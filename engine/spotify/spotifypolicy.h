#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <deque>
#include <optional>

class QRandomGenerator;

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

// Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in
// [0, min(cap, base * 2^(retry - 1))], where `retry` counts the retries of one request from 1.
std::chrono::milliseconds
fullJitterDelay(std::chrono::milliseconds base, std::chrono::milliseconds cap, int retry, QRandomGenerator &random);

// Retry-After as delta-seconds or as an HTTP-date (RFC 9110 §10.2.3), relative to `now`; a date in the
// past is zero. nullopt when the header is absent or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now);

// How long Background requests pause after a 429 with QUOTA_EXCEEDED: until the next full hour, or for
// Retry-After when that is longer.
std::chrono::milliseconds quotaPause(const QDateTime &now, std::optional<std::chrono::milliseconds> retryAfter);

// Whether Development Mode took this operation away (SPOTIFY.md §1.3). `path` is relative to the API base
// ("/artists/{id}/top-tracks"), without the query.
bool isRemovedInDevelopmentMode(const QByteArray &method, const QString &path);

// UP-4's retry budget over a rolling window. Times are milliseconds of a monotonic clock.
class SpotifyRetryBudget
{
public:
    SpotifyRetryBudget(double ratio, int floor, std::chrono::milliseconds window);

    void recordRequest(qint64 nowMs);
    // True, and the retry counted, when the budget allows one more.
    bool tryRetry(qint64 nowMs);

private:
    void forget(qint64 nowMs);

    double m_ratio;
    int m_floor;
    qint64 m_windowMs;
    std::deque<qint64> m_requests;
    std::deque<qint64> m_retries;
};

// UP-4's circuit breaker: opens after `threshold` consecutive failures of the upstream (no answer, or a
// 5xx), rejects while open, and after `halfOpenAfter` lets one probe through whose outcome closes or
// reopens it. Times are milliseconds of a monotonic clock.
class SpotifyCircuitBreaker
{
public:
    enum class Admission {
        Admit,
        Probe, // admitted as the half-open probe; its outcome decides
        Wait, // a probe is out: hold the request until it returns
        Reject,
    };

    SpotifyCircuitBreaker(int threshold, std::chrono::milliseconds halfOpenAfter);

    Admission admit(qint64 nowMs);
    void recordSuccess();
    void recordFailure(qint64 nowMs);
    // The probe ended without an answer to judge (it was cancelled): let the next request probe.
    void probeAbandoned();

private:
    enum class State { Closed, Open, HalfOpen };

    int m_threshold;
    qint64 m_halfOpenAfterMs;
    State m_state = State::Closed;
    int m_failures = 0;
    qint64 m_openedAtMs = 0;
    bool m_probing = false;
};

} // namespace engine
