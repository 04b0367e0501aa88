#include "librarysync.h"

#include "engine/spotify/librarywrites.h"

#include <QLoggingCategory>

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

} // namespace

LibrarySync::LibrarySync(engine::StoreThread *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
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
    m_flushing = true;
    m_store->post(
        [](engine::Store &store) -> engine::Result<QList<engine::PendingLibraryWrite>> {
            auto repository = engine::FeedbackRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            return repository.value().pendingLibraryWrites();
        },
        this,
        [this](const engine::Result<QList<engine::PendingLibraryWrite>> &writes) {
            if (!writes) {
                qCWarning(lcLibrarySync) << "queued likes not read:" << writes.error().message;
                finish();
                return;
            }
            sendNext(writes.value());
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

void LibrarySync::finish()
{
    m_flushing = false;
    Q_EMIT flushed();
    if (m_flushAgain) {
        m_flushAgain = false;
        flush();
    }
}
