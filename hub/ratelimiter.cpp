#include "hub/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace hub
{

namespace
{

// Forgetting idle keys keeps the table bounded by the addresses seen in the longest window.
constexpr int pruneEvery = 256;

} // namespace

RateLimiter::RateLimiter(QList<Window> windows)
    : m_windows(std::move(windows))
{
    for (const Window &window : m_windows) {
        m_longestMs = std::max(m_longestMs, window.lengthMs);
    }
}

int RateLimiter::tryAcquire(const QByteArray &key, qint64 nowMs)
{
    const std::lock_guard lock(m_mutex);
    if (++m_calls % pruneEvery == 0) {
        for (auto it = m_attempts.begin(); it != m_attempts.end();) {
            it = (it->isEmpty() || it->constLast() <= nowMs - m_longestMs) ? m_attempts.erase(it) : std::next(it);
        }
    }
    QList<qint64> &attempts = m_attempts[key];
    while (!attempts.isEmpty() && attempts.constFirst() <= nowMs - m_longestMs) {
        attempts.removeFirst();
    }
    qint64 waitMs = 0;
    for (const Window &window : m_windows) {
        // The attempts inside this window, newest last; the oldest of the last maxAttempts leaves it first.
        const auto inside = std::count_if(attempts.cbegin(), attempts.cend(), [&](qint64 time) {
            return time > nowMs - window.lengthMs;
        });
        if (inside >= window.maxAttempts) {
            const qint64 oldestCounted = attempts.at(attempts.size() - window.maxAttempts);
            waitMs = std::max(waitMs, oldestCounted + window.lengthMs - nowMs);
        }
    }
    if (waitMs > 0) {
        return int((waitMs + 999) / 1000);
    }
    attempts.append(nowMs);
    return 0;
}

TokenBucketLimiter::TokenBucketLimiter(Limits limits)
    : m_limits(limits)
{
}

const TokenBucketLimiter::Limits &TokenBucketLimiter::limits() const
{
    return m_limits;
}

int TokenBucketLimiter::tryAcquire(const QByteArray &key, qint64 nowMs)
{
    const std::lock_guard lock(m_mutex);
    // A bucket that has filled up again is the same as no bucket: forgetting it bounds the table by the keys
    // seen in the last burst / rate seconds.
    const qint64 refillMs = qint64(std::ceil(m_limits.burst * 1000.0 / m_limits.ratePerSecond));
    if (++m_calls % pruneEvery == 0) {
        for (auto it = m_buckets.begin(); it != m_buckets.end();) {
            it = it->updatedMs + refillMs <= nowMs ? m_buckets.erase(it) : std::next(it);
        }
    }
    auto bucket = m_buckets.find(key);
    if (bucket == m_buckets.end()) {
        bucket = m_buckets.insert(key, Bucket{double(m_limits.burst), nowMs});
    }
    const qint64 elapsedMs = std::max<qint64>(0, nowMs - bucket->updatedMs);
    bucket->tokens = std::min(double(m_limits.burst), bucket->tokens + elapsedMs * m_limits.ratePerSecond / 1000.0);
    bucket->updatedMs = std::max(bucket->updatedMs, nowMs);
    if (bucket->tokens >= 1) {
        bucket->tokens -= 1;
        return 0;
    }
    return std::max(1, int(std::ceil((1 - bucket->tokens) / m_limits.ratePerSecond)));
}

} // namespace hub
