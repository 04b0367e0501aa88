#pragma once

#include "engine/discover/feedbackrepository.h"
#include "engine/ingest/storethread.h"
#include "engine/spotify/spotifyclient.h"

#include <QObject>
#include <QPointer>

// Likes and unlikes on their way to the Spotify library (PUT/DELETE /me/library?uris=). FeedbackRepository queues
// each one in the cache in the same transaction as its feedback event (migrations/client/0007), so a like made
// offline or signed out survives a restart; flush() sends what waits, oldest first, one request after the other,
// and drops each write once Spotify answered it. A failure that may pass (no network, Spotify busy or down, the
// session to renew) stops the flush and leaves the rest queued for the next one; a refusal that will not pass (a
// bad URI, a missing scope) drops the write, since sending it again cannot help.
class LibrarySync : public QObject
{
    Q_OBJECT

public:
    // `store` outlives this object.
    explicit LibrarySync(engine::StoreThread *store, QObject *parent = nullptr);

    // The client to send with; null when nobody is signed in. A new client flushes at once.
    void setClient(engine::SpotifyClient *client);
    // Sends what is queued; while a flush runs, another follows it. Nothing happens without a client.
    void flush();
    // Whether writes may still be waiting: true until a flush found the queue empty, and again after every like.
    bool mayHavePending() const;

Q_SIGNALS:
    // Spotify answered one write.
    void sent(const QString &uri, bool saved);
    // Spotify did not take one write; `kept`: it stays queued and is sent again by the next flush.
    void failed(const QString &uri, bool saved, const QString &message, bool kept);
    // A flush ended: everything sent, or stopped at a failure that may pass.
    void flushed();

private:
    void sendNext(QList<engine::PendingLibraryWrite> writes);
    void clear(const engine::PendingLibraryWrite &write);
    void finish();

    engine::StoreThread *m_store;
    QPointer<engine::SpotifyClient> m_client;
    bool m_flushing = false;
    bool m_flushAgain = false;
    bool m_mayHavePending = true;
};
