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

// HB-5: a token bucket per key (the hash of a device token), refilled at ratePerSecond up to burst, so a device
// may send a burst and then keep to the rate. Checked before the token is looked up, so a flood costs no
// database work. Thread-safe; times are passed in so tests need no clock.
class TokenBucketLimiter
{
public:
    struct Limits {
        double ratePerSecond = 20;
        int burst = 40;
    };

    explicit TokenBucketLimiter(Limits limits);

    // Takes a token and returns 0 when one was there, else the seconds until one will be (for Retry-After, at
    // least 1); a refused request takes nothing.
    int tryAcquire(const QByteArray &key, qint64 nowMs);

    const Limits &limits() const;

private:
    struct Bucket {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    const Limits m_limits;
    std::mutex m_mutex;
    int m_calls = 0;
    QHash<QByteArray, Bucket> m_buckets;
};

} // namespace hub
