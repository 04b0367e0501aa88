#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <deque>
#include <optional>

class QRandomGenerator;

namespace engine
{

// The retry rules every upstream shares (RELIABILITY.md §6.2, UP-4): Spotify's client and the hub's client use
// them alike, each with its own numbers (SpotifyPolicy, HubClient::Options).

// Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in
// [0, min(cap, base * 2^(retry - 1))], where `retry` counts the retries of one request from 1.
std::chrono::milliseconds
fullJitterDelay(std::chrono::milliseconds base, std::chrono::milliseconds cap, int retry, QRandomGenerator &random);

// Retry-After as delta-seconds or as an HTTP-date (RFC 9110 §10.2.3), relative to `now`; a date in the
// past is zero. nullopt when the header is absent or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now);

// UP-4's retry budget over a rolling window: retries at most `ratio` of the requests of the last `window`, but
// always `floor`, so that a quiet client can still retry a single failure. Times are milliseconds of a
// monotonic clock.
class RetryBudget
{
public:
    RetryBudget(double ratio, int floor, std::chrono::milliseconds window);

    void recordRequest(qint64 nowMs);
    // True, and the retry counted, when the budget allows one more.
    bool tryRetry(qint64 nowMs);
    // When the oldest retry of the window leaves it, and so the budget has room again (at the latest).
    qint64 nextRoomAtMs(qint64 nowMs);

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
class CircuitBreaker
{
public:
    enum class Admission {
        Admit,
        Probe, // admitted as the half-open probe; its outcome decides
        Wait, // a probe is out: hold the request until it returns
        Reject,
    };

    CircuitBreaker(int threshold, std::chrono::milliseconds halfOpenAfter);

    Admission admit(qint64 nowMs);
    void recordSuccess();
    void recordFailure(qint64 nowMs);
    // The probe ended without an answer to judge (it was cancelled): let the next request probe.
    void probeAbandoned();
    bool isOpen() const;
    // When an open breaker lets its probe through.
    qint64 halfOpensAtMs() const;

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
