#include "enrichment.h"

#include "engine/enrich/tagrepository.h"

#include <QDateTime>
#include <QJSEngine>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEnrichment, "tunescout.app.enrichment")

namespace
{

Enrichment *s_instance = nullptr;

QString tracks(int count)
{
    return count == 1 ? Enrichment::tr("1 track") : Enrichment::tr("%Ln tracks", nullptr, count);
}

} // namespace

Enrichment::Enrichment(engine::StoreThread *store,
                       const engine::Result<engine::MusicBrainzEndpoint> &endpoint,
                       QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    if (!endpoint) {
        m_configurationError =
            tr("Genre lookup is off: %1 Fix or unset it and start TuneScout again.").arg(endpoint.error().message);
        return;
    }
    m_serviceUrl = endpoint.value().baseUrl.toString();
    m_job = std::make_unique<engine::EnrichJob>(store, endpoint.value());
    m_job->setPolicy(m_policy);
    connect(m_job.get(), &engine::EnrichJob::runningChanged, this, &Enrichment::changed);
    connect(m_job.get(), &engine::EnrichJob::progressChanged, this, &Enrichment::progressChanged);
    connect(m_job.get(), &engine::EnrichJob::finished, this, &Enrichment::runFinished);
}

Enrichment::~Enrichment()
{
    s_instance = nullptr;
}

Enrichment *Enrichment::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Enrichment::create", "main() creates Enrichment before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString Enrichment::summaryText(const engine::EnrichSummary &summary)
{
    const int lookedUp = summary.found + summary.notFound + summary.failed;
    if (lookedUp == 0) {
        if (!summary.error.isEmpty()) {
            return QString(); // the error says it all
        }
        return summary.stopped ? tr("Stopped before a track was looked up.")
                               : tr("Every track with an ISRC has been looked up; nothing was sent.");
    }
    QString text = tr("Found genres for %1, %2 not in MusicBrainz.")
                       .arg(tracks(summary.found), QLocale().toString(summary.notFound));
    if (summary.failed > 0) {
        text += QLatin1Char(' ')
            + tr("MusicBrainz's answer for %1 could not be read; they are asked again after a day.")
                  .arg(tracks(summary.failed));
    }
    if (summary.remaining > 0) {
        text += QLatin1Char(' ')
            + (summary.stopped ? tr("Stopped: %1 left for the next run.") : tr("%1 left for the next run."))
                  .arg(tracks(summary.remaining));
    }
    return text;
}

void Enrichment::setPolicy(const engine::EnrichPolicy &policy)
{
    m_policy = policy;
    if (m_job) {
        m_job->setPolicy(policy);
    }
}

bool Enrichment::available() const
{
    return m_job != nullptr;
}

QString Enrichment::serviceUrl() const
{
    return m_serviceUrl;
}

bool Enrichment::running() const
{
    return m_job && m_job->isRunning();
}

bool Enrichment::canStart() const
{
    // Once counted, a cache with nothing left to look up offers nothing to start.
    return m_job && !m_job->isRunning() && m_pending != 0;
}

int Enrichment::done() const
{
    return m_job ? m_job->done() : 0;
}

int Enrichment::total() const
{
    return m_job ? m_job->total() : 0;
}

double Enrichment::progress() const
{
    return total() > 0 ? double(done()) / double(total()) : 0.0;
}

QString Enrichment::progressText() const
{
    if (!running()) {
        return QString();
    }
    if (total() == 0) {
        return tr("Finding the tracks to look up…");
    }
    return tr("%1 of %2").arg(QLocale().toString(done()), QLocale().toString(total()));
}

QString Enrichment::pendingText() const
{
    if (!m_job || m_pending < 0) {
        return QString();
    }
    if (m_pending == 0) {
        return tr("Every track with an ISRC has been looked up.");
    }
    return tr("%1 with an ISRC not looked up yet.").arg(tracks(m_pending));
}

QString Enrichment::summary() const
{
    return m_summary;
}

QString Enrichment::errorMessage() const
{
    return m_job ? m_runError : m_configurationError;
}

void Enrichment::start()
{
    if (!canStart()) {
        return;
    }
    m_summary.clear();
    m_runError.clear();
    qCInfo(lcEnrichment) << "genre lookup started at" << m_serviceUrl;
    m_job->start();
    Q_EMIT changed();
}

void Enrichment::stop()
{
    if (running()) {
        m_job->stop();
    }
}

void Enrichment::refreshPending()
{
    if (!m_job) {
        return;
    }
    const quint64 request = ++m_pendingRequest;
    const qint64 retryBefore = QDateTime::currentMSecsSinceEpoch() - qint64(m_policy.retryFailedAfter.count());
    m_store->post(
        [retryBefore](engine::Store &store) -> engine::Result<int> {
            auto tags = engine::TagRepository::create(store.database());
            if (!tags) {
                return tags.error();
            }
            return tags.value().pendingCount(retryBefore);
        },
        this,
        [this, request](engine::Result<int> pending) {
            if (request != m_pendingRequest) {
                return;
            }
            if (!pending) {
                qCWarning(lcEnrichment) << "could not count the tracks to look up:" << pending.error().message;
                return;
            }
            m_pending = pending.value();
            Q_EMIT changed();
        });
}

void Enrichment::runFinished(const engine::EnrichSummary &summary)
{
    m_summary = summaryText(summary);
    m_runError = summary.error;
    Q_EMIT changed();
    Q_EMIT finished();
    if (summary.found > 0) {
        Q_EMIT tagsChanged();
    }
    refreshPending();
}
