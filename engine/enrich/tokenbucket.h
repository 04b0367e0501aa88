#pragma once

#include <QtGlobal>

#include <chrono>

namespace engine
{

// A token bucket on a monotonic millisecond clock that starts at 0 (QElapsedTimer::elapsed()): `capacity`
// tokens at most, full at first, one more every `refillEvery`. A request takes a token as it is sent, so once
// the burst of `capacity` is spent no two requests are closer than `refillEvery`; with a capacity of 1 there
// is no burst at all.
class TokenBucket
{
public:
    TokenBucket(int capacity, std::chrono::milliseconds refillEvery);

    // How long until a token is there: 0 when one is there now.
    qint64 msUntilToken(qint64 nowMs) const;
    // Takes a token when one is there.
    bool tryTake(qint64 nowMs);
    // Empties the bucket so that the next token is there at `untilMs` (a server's Retry-After), and never
    // sooner than one refill after the last token taken.
    void pauseUntil(qint64 untilMs);

private:
    qint64 creditAt(qint64 nowMs) const;

    // Credit in milliseconds of refill: a token is worth m_refillMs and the bucket holds m_capacityMs.
    // m_creditMs is what there was at m_creditAtMs; before m_creditAtMs there is nothing.
    qint64 m_capacityMs;
    qint64 m_refillMs;
    qint64 m_creditMs;
    qint64 m_creditAtMs = 0;
};

} // namespace engine
