#include "engine/enrich/enrichjob.h"

#include "engine/ingest/storethread.h"
#include "engine/spotify/spotifypolicy.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace engine
{

namespace
{

Q_LOGGING_CATEGORY(lcEnrich, "tunescout.enrich.musicbrainz")

struct Pending {
    QStringList isrcs;
    int count = 0;
};

} // namespace

EnrichJob::EnrichJob(StoreThread *store, const MusicBrainzEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_endpoint(endpoint)
    , m_bucket(1, m_policy.requestInterval)
    , m_random(QRandomGenerator::securelySeeded())
{
    m_clock.start();
    m_wait.setSingleShot(true);
    // A coarse timer may fire up to 5 % early; the bucket would then refuse and wait again.
    m_wait.setTimerType(Qt::PreciseTimer);
    connect(&m_wait, &QTimer::timeout, this, &EnrichJob::sendNext);
}

EnrichJob::~EnrichJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void EnrichJob::setPolicy(const EnrichPolicy &policy)
{
    m_policy = policy;
    m_bucket = TokenBucket(1, policy.requestInterval);
}

bool EnrichJob::isRunning() const
{
    return m_running;
}

int EnrichJob::done() const
{
    return m_done;
}

int EnrichJob::total() const
{
    return m_running || m_done > 0 ? int(m_queue.size()) + m_done : 0;
}

qint64 EnrichJob::nowMs() const
{
    return m_clock.elapsed();
}

void EnrichJob::start()
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_done = 0;
    m_attempts = 0;
    m_queue.clear();
    m_summary = EnrichSummary();
    m_runContext = std::make_unique<QObject>();
    Q_EMIT runningChanged();
    Q_EMIT progressChanged();

    const int limit = m_policy.limit;
    const qint64 retryBefore = QDateTime::currentMSecsSinceEpoch() - qint64(m_policy.retryFailedAfter.count());
    m_store->post(
        [limit, retryBefore](Store &store) -> Result<Pending> {
            auto tags = TagRepository::create(store.database());
            if (!tags) {
                return tags.error();
            }
            auto isrcs = tags.value().pendingIsrcs(limit, retryBefore);
            auto count = tags.value().pendingCount(retryBefore);
            if (!isrcs || !count) {
                return isrcs ? count.error() : isrcs.error();
            }
            return Pending{isrcs.value(), count.value()};
        },
        m_runContext.get(),
        [this](const Result<Pending> &pending) {
            if (!pending) {
                finish(QStringLiteral("Could not read the cache: %1").arg(pending.error().message));
                return;
            }
            m_queue = pending.value().isrcs;
            m_summary.remaining = pending.value().count;
            qCInfo(lcEnrich) << m_queue.size() << "of" << pending.value().count << "ISRCs to look up in this run";
            Q_EMIT progressChanged();
            sendNext();
        });
}

void EnrichJob::stop()
{
    if (!m_running) {
        return;
    }
    m_summary.stopped = true;
    finish();
}

void EnrichJob::sendNext()
{
    if (!m_running || m_reply) {
        return;
    }
    if (m_queue.isEmpty()) {
        finish();
        return;
    }
    const QString isrc = normalisedIsrc(m_queue.constFirst());
    if (isrc.isEmpty()) {
        // Nothing to ask: MusicBrainz would answer 400 for it, so it is recorded without a request.
        qCWarning(lcEnrich) << "The ISRC" << m_queue.constFirst()
                            << "of a cached track cannot be one; marked not_found";
        store(TagLookupStatus::NotFound, IsrcTags());
        return;
    }
    const qint64 now = nowMs();
    if (!m_bucket.tryTake(now)) {
        m_wait.start(int(m_bucket.msUntilToken(now)));
        return;
    }
    QUrl url = m_endpoint.baseUrl;
    url.setPath(url.path() + QStringLiteral("/isrc/") + isrc);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("inc"), QStringLiteral("artist-credits+tags"));
    query.addQueryItem(QStringLiteral("fmt"), QStringLiteral("json"));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, m_endpoint.userAgent);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_policy.transferTimeout.count()));
    ++m_attempts;
    ++m_summary.requests;
    m_reply = m_network.get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        replyFinished(reply);
    });
}

void EnrichJob::replyFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply) {
        return;
    }
    m_reply.clear();
    const QString isrc = m_queue.constFirst();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200) {
        const QByteArray body = reply->readAll();
        const auto parsed = parseIsrcLookup(body);
        if (!parsed) {
            qCWarning(lcEnrich).noquote()
                << QStringLiteral("MusicBrainz's answer for ISRC %1 cannot be read (%2); the lookup "
                                  "is marked failed and tried again after a day")
                       .arg(isrc, parsed.error().message);
            store(TagLookupStatus::Failed, IsrcTags());
            return;
        }
        store(parsed.value().recordingMbid.isEmpty() ? TagLookupStatus::NotFound : TagLookupStatus::Found,
              parsed.value());
        return;
    }
    if (status == 404) {
        store(TagLookupStatus::NotFound, IsrcTags());
        return;
    }
    if (status == 503 || status == 429) {
        retryLater(QStringLiteral("MusicBrainz asked to slow down (HTTP %1)").arg(status),
                   parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc()));
        return;
    }
    if (status == 0 || status >= 500) {
        retryLater(status == 0 ? QStringLiteral("MusicBrainz could not be reached: %1").arg(reply->errorString())
                               : QStringLiteral("MusicBrainz failed (HTTP %1)").arg(status),
                   std::nullopt);
        return;
    }
    qCWarning(lcEnrich).noquote()
        << QStringLiteral("MusicBrainz refused the lookup of ISRC %1 (HTTP %2); marked failed").arg(isrc).arg(status);
    store(TagLookupStatus::Failed, IsrcTags());
}

void EnrichJob::retryLater(const QString &why, std::optional<std::chrono::milliseconds> retryAfter)
{
    ++m_summary.retried;
    if (m_attempts >= m_policy.maxAttempts) {
        finish(QStringLiteral("%1 %2 times in a row; stopped, the rest is looked up in a later run.")
                   .arg(why)
                   .arg(m_attempts));
        return;
    }
    const auto delay = retryAfter
        ? *retryAfter
        : std::max(m_policy.requestInterval,
                   fullJitterDelay(m_policy.backoffBase, m_policy.backoffCap, m_attempts, m_random));
    qCInfo(lcEnrich).noquote() << QStringLiteral("%1; asking again in %2 ms").arg(why).arg(delay.count());
    m_bucket.pauseUntil(nowMs() + delay.count());
    sendNext();
}

void EnrichJob::store(TagLookupStatus status, const IsrcTags &tags)
{
    const QString isrc = m_queue.constFirst();
    const qint64 atMs = QDateTime::currentMSecsSinceEpoch();
    m_store->post(
        [isrc, status, tags, atMs](Store &store) -> Result<SavedTags> {
            auto repository = TagRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            if (status == TagLookupStatus::Found) {
                return repository.value().saveFound(isrc, tags, atMs);
            }
            const auto saved = repository.value().saveOutcome(isrc, status, atMs);
            if (!saved) {
                return saved.error();
            }
            return SavedTags();
        },
        m_runContext.get(),
        [this, status](const Result<SavedTags> &saved) {
            if (!saved) {
                finish(QStringLiteral("Could not store the tags: %1").arg(saved.error().message));
                return;
            }
            stored(status, saved.value());
        });
}

void EnrichJob::stored(TagLookupStatus status, const SavedTags &saved)
{
    const QString isrc = m_queue.takeFirst();
    m_attempts = 0;
    ++m_done;
    --m_summary.remaining;
    switch (status) {
    case TagLookupStatus::Found:
        ++m_summary.found;
        break;
    case TagLookupStatus::NotFound:
        ++m_summary.notFound;
        break;
    case TagLookupStatus::Failed:
        ++m_summary.failed;
        break;
    }
    Q_EMIT lookedUp(isrc, status, saved);
    Q_EMIT progressChanged();
    sendNext();
}

void EnrichJob::finish(const QString &error)
{
    m_wait.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply.clear();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    // A store answer still on its way belongs to this run: its write is committed, its answer dropped.
    m_runContext.reset();
    m_summary.error = error;
    if (!error.isEmpty()) {
        qCWarning(lcEnrich).noquote() << error;
    }
    m_running = false;
    Q_EMIT runningChanged();
    Q_EMIT progressChanged();
    Q_EMIT finished(m_summary);
}

} // namespace engine
