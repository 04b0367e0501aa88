#include "hub/ratelimiter.h"

#include <algorithm>

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

} // namespace hub
