#pragma once

#include "engine/discover/feedbackrepository.h"
#include "engine/ingest/storethread.h"
#include "engine/spotify/spotifyclient.h"

#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <chrono>
#include <functional>

// Likes and unlikes on their way to the Spotify library (PUT/DELETE /me/library?uris=). FeedbackRepository queues
// each one in the cache in the same transaction as its feedback event (migrations/client/0007), so a like made
// offline or signed out survives a restart; flush() sends what waits, oldest first, one request after the other,
// and drops each write once Spotify answered it. A failure that may pass (no network, Spotify busy or down, the
// session to renew) stops the flush and leaves the rest queued for the next one; a refusal that will not pass (a
// bad URI, a missing scope) drops the write, since sending it again cannot help.
//
// When Spotify asked to slow down (429) or failed (5xx), the whole queue waits before the next try: for the
// Retry-After Spotify sent, else for an exponential backoff with jitter (kBackoffBase doubling up to kBackoffCap).
// The wait is kept in the cache (FeedbackRepository::libraryWriteBackoff), so neither the flushes every player
// poll asks for nor a restart send anything before it has passed; a timer flushes when it ends. Failures without
// an answer (offline, the circuit open) set no wait: the next good answer from Spotify flushes anyway.
class LibrarySync : public QObject
{
    Q_OBJECT

public:
    // `store` outlives this object.
    explicit LibrarySync(engine::StoreThread *store, QObject *parent = nullptr);

    // Without Retry-After, the n-th failure in a row waits kBackoffBase plus a full jitter over
    // min(kBackoffCap, kBackoffBase · 2^(n−1)).
    static constexpr std::chrono::milliseconds kBackoffBase = std::chrono::seconds(5);
    static constexpr std::chrono::milliseconds kBackoffCap = std::chrono::minutes(10);

    // The clock the wait is measured on (Unix ms); tests set it.
    void setWallClock(std::function<qint64()> clock);

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
    // Spotify asked to wait, or failed: the queue waits, in memory and in the cache, and a timer flushes after.
    void backOff(const engine::SpotifyError &error);
    // Spotify took a write: a wait that was stored ends.
    void endBackoff();
    void storeBackoff(const engine::LibraryWriteBackoff &backoff);
    // Arms the timer that flushes once m_backoff.notBeforeMs has passed.
    void waitForBackoff();

    engine::StoreThread *m_store;
    QPointer<engine::SpotifyClient> m_client;
    bool m_flushing = false;
    bool m_flushAgain = false;
    bool m_mayHavePending = true;
    std::function<qint64()> m_clock;
    QRandomGenerator m_random;
    // The wait as last read from or written to the cache; read again by every flush that finds no wait in memory,
    // since the Player's and the Discover page's LibrarySync share the cache.
    engine::LibraryWriteBackoff m_backoff;
    QTimer m_backoffTimer;
};
