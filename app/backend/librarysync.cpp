#include "librarysync.h"

#include "engine/spotify/librarywrites.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcLibrarySync, "tunescout.app.librarysync")

namespace
{

// Whether a failed write is worth sending again later: the failures that pass on their own or with a new sign-in.
bool mayPass(const engine::SpotifyError &error)
{
    using Kind = engine::SpotifyError::Kind;
    switch (error.kind) {
    case Kind::Network:
    case Kind::RateLimited:
    case Kind::QuotaExceeded:
    case Kind::SessionExpired:
    case Kind::ServerError:
    case Kind::CircuitOpen:
    case Kind::Cancelled:
        return true;
    case Kind::NotRegistered:
    case Kind::PremiumRequired:
    case Kind::NoActiveDevice:
    case Kind::Forbidden:
    case Kind::NotFound:
    case Kind::BadRequest:
    case Kind::EndpointUnavailable:
    case Kind::BadResponse:
        return false;
    }
    return false;
}

// Whether a failure that may pass came from Spotify itself asking to slow down or failing, so that the queue must
// wait before asking again.
bool asksToWait(const engine::SpotifyError &error)
{
    using Kind = engine::SpotifyError::Kind;
    return error.kind == Kind::RateLimited || error.kind == Kind::QuotaExceeded || error.kind == Kind::ServerError;
}

struct Loaded {
    QList<engine::PendingLibraryWrite> writes;
    engine::LibraryWriteBackoff backoff;
};

} // namespace

LibrarySync::LibrarySync(engine::StoreThread *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock([] {
        return QDateTime::currentMSecsSinceEpoch();
    })
    , m_random(QRandomGenerator::securelySeeded())
{
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &QTimer::timeout, this, &LibrarySync::flush);
}

void LibrarySync::setWallClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

void LibrarySync::setClient(engine::SpotifyClient *client)
{
    if (client == m_client) {
        return;
    }
    m_client = client;
    flush();
}

bool LibrarySync::mayHavePending() const
{
    return m_mayHavePending;
}

void LibrarySync::flush()
{
    m_mayHavePending = true;
    if (!m_client || !m_store) {
        return;
    }
    if (m_flushing) {
        m_flushAgain = true;
        return;
    }
    if (m_backoff.notBeforeMs > m_clock()) {
        waitForBackoff(); // the timer flushes then; nothing to read before
        return;
    }
    m_flushing = true;
    m_store->post(
        [](engine::Store &store) -> engine::Result<Loaded> {
            auto repository = engine::FeedbackRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            auto writes = repository.value().pendingLibraryWrites();
            if (!writes) {
                return writes.error();
            }
            const auto backoff = repository.value().libraryWriteBackoff();
            if (!backoff) {
                return backoff.error();
            }
            return Loaded{std::move(writes).value(), backoff.value()};
        },
        this,
        [this](const engine::Result<Loaded> &loaded) {
            if (!loaded) {
                qCWarning(lcLibrarySync) << "queued likes not read:" << loaded.error().message;
                finish();
                return;
            }
            m_backoff = loaded.value().backoff;
            if (m_backoff.notBeforeMs > m_clock() && !loaded.value().writes.isEmpty()) {
                // Stored by this or another LibrarySync, before a restart too.
                qCInfo(lcLibrarySync) << "queued likes wait" << (m_backoff.notBeforeMs - m_clock())
                                      << "ms more before Spotify is asked again";
                waitForBackoff();
                finish();
                return;
            }
            sendNext(loaded.value().writes);
        });
}

void LibrarySync::sendNext(QList<engine::PendingLibraryWrite> writes)
{
    if (writes.isEmpty() || !m_client) {
        // Everything read was answered; a like made meanwhile asked for another flush.
        m_mayHavePending = m_flushAgain || !m_client;
        finish();
        return;
    }
    const engine::PendingLibraryWrite write = writes.takeFirst();
    auto done = [this, write, writes](const engine::SpotifyResult<void> &answer) {
        if (answer) {
            endBackoff();
            clear(write);
            Q_EMIT sent(write.uri, write.saved);
            sendNext(writes);
            return;
        }
        const bool kept = mayPass(answer.error());
        qCInfo(lcLibrarySync) << (write.saved ? "like" : "unlike") << "not sent:" << answer.error().kindName()
                              << answer.error().status << (kept ? "(kept for later)" : "(dropped)");
        Q_EMIT failed(write.uri, write.saved, answer.error().message(), kept);
        if (kept) {
            if (asksToWait(answer.error())) {
                backOff(answer.error());
            }
            finish(); // the next ones would fail the same way
            return;
        }
        clear(write);
        sendNext(writes);
    };
    if (write.saved) {
        engine::saveToLibrary(*m_client, {write.uri}, this, done);
    } else {
        engine::removeFromLibrary(*m_client, {write.uri}, this, done);
    }
}

void LibrarySync::clear(const engine::PendingLibraryWrite &write)
{
    m_store->post(
        [write](engine::Store &store) -> engine::Result<bool> {
            auto repository = engine::FeedbackRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            const auto cleared = repository.value().clearLibraryWrite(write);
            if (!cleared) {
                return cleared.error();
            }
            return true;
        },
        this,
        [uri = write.uri](const engine::Result<bool> &cleared) {
            if (!cleared) {
                qCWarning(lcLibrarySync) << "sent write of" << uri << "not cleared:" << cleared.error().message;
            }
        });
}

void LibrarySync::backOff(const engine::SpotifyError &error)
{
    const int failures = std::min(m_backoff.failures + 1, 64);
    const std::chrono::milliseconds wait = error.retryAfter
        ? std::max(*error.retryAfter, std::chrono::milliseconds(0))
        : kBackoffBase + engine::fullJitterDelay(kBackoffBase, kBackoffCap, failures, m_random);
    qCInfo(lcLibrarySync) << "queued likes wait" << wait.count() << "ms"
                          << (error.retryAfter ? "(Retry-After)" : "(backoff)") << "after failure" << failures;
    m_backoff = {m_clock() + wait.count(), failures};
    storeBackoff(m_backoff);
    waitForBackoff();
}

void LibrarySync::endBackoff()
{
    if (m_backoff == engine::LibraryWriteBackoff{}) {
        return;
    }
    m_backoff = {};
    m_backoffTimer.stop();
    storeBackoff(m_backoff);
}

void LibrarySync::storeBackoff(const engine::LibraryWriteBackoff &backoff)
{
    m_store->post(
        [backoff](engine::Store &store) -> engine::Result<bool> {
            auto repository = engine::FeedbackRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            const auto stored = repository.value().setLibraryWriteBackoff(backoff);
            if (!stored) {
                return stored.error();
            }
            return true;
        },
        this,
        [](const engine::Result<bool> &stored) {
            if (!stored) {
                qCWarning(lcLibrarySync) << "wait of the queued likes not stored:" << stored.error().message;
            }
        });
}

void LibrarySync::waitForBackoff()
{
    const qint64 left = std::max<qint64>(m_backoff.notBeforeMs - m_clock(), 0);
    // A timer's interval is an int; a longer wait is measured again when it fires.
    const int interval = int(std::min<qint64>(left, std::numeric_limits<int>::max()));
    if (!m_backoffTimer.isActive() || m_backoffTimer.remainingTime() > interval) {
        m_backoffTimer.start(interval);
    }
}

void LibrarySync::finish()
{
    m_flushing = false;
    Q_EMIT flushed();
    if (m_flushAgain) {
        m_flushAgain = false;
        flush();
    }
}
