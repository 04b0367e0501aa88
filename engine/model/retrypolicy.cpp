#include "engine/model/retrypolicy.h"

#include <QRandomGenerator>
#include <QString>

#include <algorithm>

namespace engine
{

std::chrono::milliseconds
fullJitterDelay(std::chrono::milliseconds base, std::chrono::milliseconds cap, int retry, QRandomGenerator &random)
{
    // Doubling stops at the cap; the shift is bounded so that it cannot overflow.
    qint64 ceiling = base.count();
    for (int i = 1; i < retry && ceiling < cap.count(); ++i) {
        ceiling *= 2;
    }
    ceiling = std::clamp<qint64>(ceiling, 0, cap.count());
    return std::chrono::milliseconds(qint64(random.bounded(double(ceiling) + 1.0)));
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return std::nullopt;
    }
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < 0) {
            return std::nullopt;
        }
        // A day is already "come back tomorrow"; the bound keeps the arithmetic far from overflow.
        return std::chrono::seconds(std::min<qint64>(seconds, 86400));
    }
    // IMF-fixdate ends in "GMT", which Qt 6.4's RFC 2822 parser does not take; asctime parses as it is.
    QString text = QString::fromLatin1(trimmed);
    if (text.endsWith(QLatin1String(" GMT"))) {
        text.chop(4);
        text += QLatin1String(" +0000");
    }
    const QDateTime date = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!date.isValid()) {
        return std::nullopt;
    }
    const qint64 delta = now.msecsTo(date);
    return std::chrono::milliseconds(std::clamp<qint64>(delta, 0, 86400 * 1000));
}

RetryBudget::RetryBudget(double ratio, int floor, std::chrono::milliseconds window)
    : m_ratio(ratio)
    , m_floor(floor)
    , m_windowMs(window.count())
{
}

void RetryBudget::recordRequest(qint64 nowMs)
{
    forget(nowMs);
    m_requests.push_back(nowMs);
}

bool RetryBudget::tryRetry(qint64 nowMs)
{
    forget(nowMs);
    const double allowed = std::max(double(m_floor), m_ratio * double(m_requests.size()));
    if (double(m_retries.size()) + 1.0 > allowed) {
        return false;
    }
    m_retries.push_back(nowMs);
    return true;
}

qint64 RetryBudget::nextRoomAtMs(qint64 nowMs)
{
    forget(nowMs);
    return m_retries.empty() ? nowMs : m_retries.front() + m_windowMs;
}

void RetryBudget::forget(qint64 nowMs)
{
    for (std::deque<qint64> *times : {&m_requests, &m_retries}) {
        while (!times->empty() && times->front() <= nowMs - m_windowMs) {
            times->pop_front();
        }
    }
}

CircuitBreaker::CircuitBreaker(int threshold, std::chrono::milliseconds halfOpenAfter)
    : m_threshold(threshold)
    , m_halfOpenAfterMs(halfOpenAfter.count())
{
}

CircuitBreaker::Admission CircuitBreaker::admit(qint64 nowMs)
{
    switch (m_state) {
    case State::Closed:
        return Admission::Admit;
    case State::Open:
        if (nowMs - m_openedAtMs < m_halfOpenAfterMs) {
            return Admission::Reject;
        }
        m_state = State::HalfOpen;
        m_probing = false;
        break;
    case State::HalfOpen:
        break;
    }
    if (m_probing) {
        return Admission::Wait;
    }
    m_probing = true;
    return Admission::Probe;
}

void CircuitBreaker::recordSuccess()
{
    m_state = State::Closed;
    m_failures = 0;
    m_probing = false;
}

void CircuitBreaker::recordFailure(qint64 nowMs)
{
    ++m_failures;
    if (m_state == State::HalfOpen || m_failures >= m_threshold) {
        m_state = State::Open;
        m_openedAtMs = nowMs;
        m_probing = false;
    }
}

void CircuitBreaker::probeAbandoned()
{
    m_probing = false;
}

bool CircuitBreaker::isOpen() const
{
    return m_state == State::Open;
}

qint64 CircuitBreaker::halfOpensAtMs() const
{
    return m_openedAtMs + m_halfOpenAfterMs;
}

} // namespace engine
