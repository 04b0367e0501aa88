#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QtGlobal>

#include <mutex>

namespace hub
{

// Attempts per key (a client address) in sliding windows: HB-2 allows pairing 5 times a minute and 20 times
// an hour from one address, so an invite code cannot be guessed by brute force. Thread-safe. Times are passed
// in so tests need no clock.
class RateLimiter
{
public:
    struct Window {
        qint64 lengthMs;
        int maxAttempts;
    };

    explicit RateLimiter(QList<Window> windows);

    // Counts an attempt and returns 0 when it is allowed, else the seconds until one would be (for Retry-After);
    // a refused attempt is not counted.
    int tryAcquire(const QByteArray &key, qint64 nowMs);

private:
    const QList<Window> m_windows;
    qint64 m_longestMs = 0;
    std::mutex m_mutex;
    int m_calls = 0;
    QHash<QByteArray, QList<qint64>> m_attempts; // per key, oldest first
};

} // namespace hub
