#include "engine/enrich/tokenbucket.h"

#include <algorithm>

namespace engine
{

TokenBucket::TokenBucket(int capacity, std::chrono::milliseconds refillEvery)
    : m_capacityMs(std::max(1, capacity) * std::max<qint64>(1, refillEvery.count()))
    , m_refillMs(std::max<qint64>(1, refillEvery.count()))
    , m_creditMs(m_capacityMs)
{
}

qint64 TokenBucket::creditAt(qint64 nowMs) const
{
    if (nowMs < m_creditAtMs) {
        return 0;
    }
    return std::min(m_capacityMs, m_creditMs + (nowMs - m_creditAtMs));
}

qint64 TokenBucket::msUntilToken(qint64 nowMs) const
{
    if (nowMs < m_creditAtMs) {
        return (m_creditAtMs - nowMs) + std::max<qint64>(0, m_refillMs - m_creditMs);
    }
    return std::max<qint64>(0, m_refillMs - creditAt(nowMs));
}

bool TokenBucket::tryTake(qint64 nowMs)
{
    const qint64 credit = creditAt(nowMs);
    if (credit < m_refillMs) {
        return false;
    }
    m_creditMs = credit - m_refillMs;
    m_creditAtMs = nowMs;
    return true;
}

void TokenBucket::pauseUntil(qint64 untilMs)
{
    m_creditAtMs = std::max(m_creditAtMs, untilMs - m_refillMs);
    m_creditMs = 0;
}

} // namespace engine
