#include "syncstatus.h"

#include "account.h"
#include "engine/ingest/storethread.h"

#include <QJSEngine>
#include <QLocale>

#include <algorithm>

using engine::SyncService;

namespace
{

SyncStatus *s_instance = nullptr;

constexpr qint64 MinuteMs = 60'000;
constexpr qint64 HourMs = 60 * MinuteMs;
constexpr qint64 DayMs = 24 * HourMs;
// How many stretches of missing plays the notice names; the rest are counted.
constexpr int GapsNamed = 3;

// The locale's short time without seconds ("14:02"): the short format of some locales carries them.
QString shortTime(const QTime &time)
{
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return QLocale().toString(time, format);
}

} // namespace

SyncStatus::SyncStatus(Account *account, engine::StoreThread *store, bool hubConfigured, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_store(store)
    , m_hubConfigured(hubConfigured)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_clock.setInterval(30'000);
    connect(&m_clock, &QTimer::timeout, this, &SyncStatus::changed);
    m_clock.start();
    connect(m_account->connectivity(), &engine::Connectivity::onlineChanged, this, &SyncStatus::changed);
    connect(m_account, &Account::syncServiceChanged, this, &SyncStatus::followSyncService);
    followSyncService();
    refresh();
}

SyncStatus::~SyncStatus()
{
    s_instance = nullptr;
}

SyncStatus *SyncStatus::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "SyncStatus::create", "main() creates SyncStatus before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void SyncStatus::followSyncService()
{
    // The previous service, if any, is gone and took its connections along.
    if (SyncService *sync = m_account->syncService()) {
        connect(sync, &SyncService::progressChanged, this, &SyncStatus::changed);
        connect(sync, &SyncService::finished, this, &SyncStatus::refresh);
        connect(sync, &SyncService::gapsChanged, this, &SyncStatus::refresh);
    }
    Q_EMIT changed();
}

QString SyncStatus::momentPhrase(const QDateTime &then, const QDateTime &now)
{
    const qint64 days = then.date().daysTo(now.date());
    const QString time = shortTime(then.time());
    if (days <= 0) {
        return tr("today %1").arg(time);
    }
    if (days == 1) {
        return tr("yesterday %1").arg(time);
    }
    if (days < 7) {
        return tr("%Ln days ago", nullptr, int(days));
    }
    return QLocale().toString(then.date(), QLocale::ShortFormat);
}

QString SyncStatus::agePhrase(qint64 ageMs)
{
    if (ageMs < MinuteMs) {
        return tr("just now");
    }
    // One keeps a string of its own, so the phrase reads right with no translation loaded (the CLI, the tests); the
    // other counts go through %Ln, whose forms let a language with more plurals than English say them right.
    if (ageMs < HourMs) {
        const qint64 minutes = ageMs / MinuteMs;
        return minutes == 1 ? tr("1 minute ago") : tr("%Ln minutes ago", nullptr, int(minutes));
    }
    if (ageMs < DayMs) {
        const qint64 hours = ageMs / HourMs;
        return hours == 1 ? tr("1 hour ago") : tr("%Ln hours ago", nullptr, int(hours));
    }
    const qint64 days = ageMs / DayMs;
    return days == 1 ? tr("1 day ago") : tr("%Ln days ago", nullptr, int(days));
}

bool SyncStatus::isOffline() const
{
    return !m_account->connectivity()->isOnline();
}

QString SyncStatus::offlineTitle() const
{
    if (!isOffline()) {
        return {};
    }
    if (!m_overview.lastSuccessAtMs) {
        return tr("Offline — nothing has been synced yet");
    }
    return tr("Offline — showing data from %1")
        .arg(momentPhrase(QDateTime::fromMSecsSinceEpoch(*m_overview.lastSuccessAtMs), QDateTime::currentDateTime()));
}

QString SyncStatus::offlineDetail() const
{
    if (!isOffline()) {
        return {};
    }
    const QString why = m_account->connectivity()->reason() == engine::Connectivity::Reason::NoNetwork
        ? tr("There is no network connection.")
        : tr("Spotify cannot be reached.");
    return tr("%1 Everything cached stays available. TuneScout checks again from time to time and catches up with "
              "what you played since.")
        .arg(why);
}

QString SyncStatus::dataAge() const
{
    if (!m_overview.lastSuccessAtMs) {
        return tr("Not synced yet");
    }
    return tr("Updated %1").arg(agePhrase(QDateTime::currentMSecsSinceEpoch() - *m_overview.lastSuccessAtMs));
}

bool SyncStatus::isSyncing() const
{
    const SyncService *sync = m_account->syncService();
    return sync && sync->isBusy();
}

int SyncStatus::stepsDone() const
{
    return isSyncing() ? m_account->syncService()->stepsDone() : 0;
}

int SyncStatus::stepsTotal() const
{
    return isSyncing() ? m_account->syncService()->stepsTotal() : 0;
}

QString SyncStatus::progressText() const
{
    if (!isSyncing()) {
        return {};
    }
    const SyncService *sync = m_account->syncService();
    return tr("Syncing %1 (step %2 of %3)…")
        .arg(sync->currentStep())
        .arg(std::min(sync->stepsDone() + 1, sync->stepsTotal()))
        .arg(sync->stepsTotal());
}

QString SyncStatus::gapNotice() const
{
    const QList<engine::SyncGap> &gaps = m_overview.undismissedGaps;
    if (gaps.isEmpty()) {
        return {};
    }
    const QDateTime now = QDateTime::currentDateTime();
    QStringList lines;
    // The newest first: those are the ones a person remembers.
    for (qsizetype i = gaps.size() - 1; i >= 0 && lines.size() < GapsNamed; --i) {
        const engine::SyncGap &gap = gaps.at(i);
        const QString from = momentPhrase(QDateTime::fromMSecsSinceEpoch(gap.fromMs), now);
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(gap.toMs);
        // "between today 14:02 and 16:40" rather than repeating the day.
        const QString until = QDateTime::fromMSecsSinceEpoch(gap.fromMs).date() == to.date() && to.date() == now.date()
            ? shortTime(to.time())
            : momentPhrase(to, now);
        lines.append(tr("Plays between %1 and %2 may be missing: more than 50 were played between two checks.")
                         .arg(from, until));
    }
    if (gaps.size() > GapsNamed) {
        const qsizetype more = gaps.size() - GapsNamed;
        lines.append(more == 1 ? tr("And 1 earlier stretch.") : tr("And %Ln earlier stretches.", nullptr, int(more)));
    }
    return lines.join(QLatin1Char('\n'));
}

int SyncStatus::pendingEvents() const
{
    return int(m_overview.outboxPending);
}

QString SyncStatus::pendingEventsText() const
{
    const int pending = pendingEvents();
    if (pending == 0) {
        return tr("Nothing waiting for the hub");
    }
    const QString events = pending == 1 ? tr("1 event") : tr("%Ln events", nullptr, int(pending));
    return m_hubConfigured ? tr("%1 waiting for the hub").arg(events)
                           : tr("%1 waiting for a hub (none is set up)").arg(events);
}

void SyncStatus::setHubConfigured(bool configured)
{
    if (configured != m_hubConfigured) {
        m_hubConfigured = configured;
        Q_EMIT changed();
    }
}

QString SyncStatus::userName() const
{
    return m_overview.userName;
}

bool SyncStatus::isLoaded() const
{
    return m_loaded;
}

void SyncStatus::refresh()
{
    m_store->post(&engine::syncoverview::read, this, [this](const engine::Result<engine::SyncOverview> &overview) {
        // A cache that cannot be read keeps what was shown; CacheStatus says what is wrong with it.
        if (overview) {
            m_overview = overview.value();
        }
        m_loaded = true;
        Q_EMIT changed();
    });
}

void SyncStatus::dismissGaps()
{
    if (m_overview.undismissedGaps.isEmpty()) {
        return;
    }
    qint64 through = 0;
    for (const engine::SyncGap &gap : std::as_const(m_overview.undismissedGaps)) {
        through = std::max(through, gap.detectedAtMs);
    }
    m_overview.undismissedGaps.clear();
    Q_EMIT changed();
    m_store->post(
        [through](engine::Store &store) {
            return engine::syncoverview::dismissGapsThrough(store, through);
        },
        this,
        [this](const engine::Result<void> &) {
            refresh();
        });
}
