#pragma once

#include "engine/enrich/musicbrainz.h"
#include "engine/enrich/tagrepository.h"
#include "engine/enrich/tokenbucket.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QStringList>
#include <QTimer>

#include <chrono>

class QNetworkReply;

namespace engine
{

class StoreThread;

// How a run of the enrichment job ended.
struct EnrichSummary {
    int found = 0;
    int notFound = 0;
    int failed = 0;
    int requests = 0; // sent to MusicBrainz, retries included
    int retried = 0; // answers that asked to come back later (503, 429) or did not arrive
    int remaining = 0; // ISRCs still to look up after this run
    bool stopped = false; // stop() ended it
    QString error; // why the run ended early (MusicBrainz unreachable or busy, the cache failing); empty otherwise
};

// The numbers the job follows. The defaults are MusicBrainz's rules; tests shorten only what they must.
struct EnrichPolicy {
    int limit = 500; // ISRCs looked up at most per run (about eight minutes at one a second)
    std::chrono::milliseconds requestInterval = std::chrono::seconds(1); // MusicBrainz: one request a second
    std::chrono::milliseconds retryFailedAfter = std::chrono::hours(24);
    std::chrono::milliseconds transferTimeout = std::chrono::seconds(30);
    // Without a Retry-After: full jitter from backoffBase, never under requestInterval.
    std::chrono::milliseconds backoffBase = std::chrono::seconds(2);
    std::chrono::milliseconds backoffCap = std::chrono::seconds(60);
    int maxAttempts = 5; // per ISRC; then the run ends, leaving the ISRC for the next one
};

// Looks up the open tags of cached tracks by ISRC at MusicBrainz, one request at a time and at most one a
// second (a token bucket of one token), the most played tracks first, and stores them through the
// StoreThread: recording tags on the tracks, artist tags on the matching artists, and a tag_lookups row per
// ISRC (found, not_found, failed). Only the ISRC is sent.
//
// - Resumable: each lookup is committed as it ends, and a run asks for the ISRCs without a lookup, so a run
//   that stops (stop(), a crash, a closed laptop) is continued by the next. Failed lookups are tried again
//   after EnrichPolicy::retryFailedAfter.
// - 503 and 429 are MusicBrainz's "slow down": the ISRC is asked again after Retry-After (or a backoff), as
//   are answers that did not arrive; after maxAttempts the run ends with an error and the ISRC stays pending.
// - A 200 whose body cannot be read, or another 4xx, marks the lookup failed and logs why
//   (tunescout.enrich.musicbrainz); 404 and a recording-less answer mark it not_found.
// - Never blocks: the network is asynchronous on this object's thread and every SQL statement runs on the
//   store's thread.
//
// For QML: `running`, `done` (ISRCs looked up in this run) and `total` (what this run set out to do, at most
// the limit) with start() and stop().
class EnrichJob : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(int done READ done NOTIFY progressChanged)
    Q_PROPERTY(int total READ total NOTIFY progressChanged)

public:
    EnrichJob(StoreThread *store, const MusicBrainzEndpoint &endpoint, QObject *parent = nullptr);
    ~EnrichJob() override;

    void setPolicy(const EnrichPolicy &policy); // before start()

    bool isRunning() const;
    int done() const;
    int total() const;

    // Starts a run unless one is running; the store must have been opened.
    Q_INVOKABLE void start();
    // Ends the run at once: a request on the wire is abandoned (its ISRC stays pending), finished() follows.
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void runningChanged();
    void progressChanged();
    // One ISRC looked up and stored.
    void lookedUp(const QString &isrc, engine::TagLookupStatus status, const engine::SavedTags &saved);
    void finished(const engine::EnrichSummary &summary);

private:
    void loaded(const Result<QStringList> &isrcs);
    void sendNext();
    void replyFinished(QNetworkReply *reply);
    void retryLater(const QString &why, std::optional<std::chrono::milliseconds> retryAfter);
    void store(TagLookupStatus status, const IsrcTags &tags);
    void stored(TagLookupStatus status, const SavedTags &saved);
    void finish(const QString &error = QString());
    qint64 nowMs() const;

    StoreThread *m_store;
    MusicBrainzEndpoint m_endpoint;
    EnrichPolicy m_policy;
    QNetworkAccessManager m_network;
    QElapsedTimer m_clock;
    TokenBucket m_bucket;
    QTimer m_wait; // until the next token
    QRandomGenerator m_random;
    QPointer<QNetworkReply> m_reply;
    // Answers from the store for an earlier run are dropped: each run has its own context object.
    std::unique_ptr<QObject> m_runContext;

    bool m_running = false;
    QStringList m_queue;
    int m_done = 0;
    int m_attempts = 0; // of the ISRC at the head of m_queue
    EnrichSummary m_summary;
};

} // namespace engine
