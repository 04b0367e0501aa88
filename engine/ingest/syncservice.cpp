#include "engine/ingest/syncservice.h"

#include "engine/ingest/connectivity.h"
#include "engine/ingest/storethread.h"
#include "engine/ingest/syncoverview.h"
#include "engine/ingest/syncrules.h"
#include "engine/spotify/spotifyjson.h"
#include "engine/spotify/spotifypolicy.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/librarysnapshot.h"
#include "engine/store/playrepository.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcSync, "tunescout.ingest.sync")

namespace engine
{

using syncrules::findPlayGap;
using syncrules::followedArtistsSignature;
using syncrules::isDue;
using syncrules::isReadablePlaylist;
using syncrules::offsetPages;
using syncrules::playlistsSignature;
using syncrules::savedTracksSignature;
using syncrules::takenOn;

namespace
{

// sync_state resources. Top lists are "top_<kind>_<range>". For the lists written in full (saved tracks, followed
// artists, playlists) the cursor holds when that last happened and the snapshot the list's fingerprint.
constexpr auto ProfileResource = "profile";
constexpr auto RecentlyPlayedResource = "recently_played";
constexpr auto SavedTracksResource = "saved_tracks";
constexpr auto FollowedArtistsResource = "followed_artists";
constexpr auto PlaylistsResource = "playlists";

constexpr TopRange TopRanges[] = {TopRange::ShortTerm, TopRange::MediumTerm, TopRange::LongTerm};
constexpr SyncStep FullSync[] = {SyncStep::Profile,
                                 SyncStep::TopLists,
                                 SyncStep::RecentlyPlayed,
                                 SyncStep::SavedTracks,
                                 SyncStep::FollowedArtists,
                                 SyncStep::Playlists};

QString resourceName(const char *resource)
{
    return QString::fromLatin1(resource);
}

QString topResource(const char *kind, TopRange range)
{
    return QStringLiteral("top_%1_%2").arg(QLatin1String(kind), topRangeName(range));
}

qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::optional<qint64> cursorTime(const SyncState &state)
{
    bool ok = false;
    const qint64 ms = state.cursor.toLongLong(&ok);
    return ok ? std::optional<qint64>(ms) : std::nullopt;
}

// A failed list walk counts the request that failed; its earlier pages are not known, so the count is a floor.
// The client answers some failures without asking Spotify (an open circuit, a removed endpoint, nobody signed in).
int requestsBehind(const SpotifyError &error)
{
    return error.status != 0 || error.kind == SpotifyError::Kind::Network ? 1 : 0;
}

SpotifyError badResponse(const Error &error)
{
    SpotifyError spotifyError;
    spotifyError.kind = SpotifyError::Kind::BadResponse;
    spotifyError.detail = error.message;
    return spotifyError;
}

// Errors that every further request would share: the run ends there, and the schedule pauses (or, for a
// cancellation, just stops this run).
std::optional<SyncService::PauseReason> pauseReasonFor(SpotifyError::Kind kind)
{
    switch (kind) {
    case SpotifyError::Kind::Network:
    case SpotifyError::Kind::CircuitOpen:
        return SyncService::PauseReason::Offline;
    case SpotifyError::Kind::QuotaExceeded:
        return SyncService::PauseReason::QuotaExceeded;
    case SpotifyError::Kind::SessionExpired:
        return SyncService::PauseReason::SignInNeeded;
    case SpotifyError::Kind::NotRegistered:
        return SyncService::PauseReason::NotRegistered;
    default:
        return std::nullopt;
    }
}

QUrlQuery pageQuery(std::initializer_list<std::pair<QString, QString>> items = {})
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(SpotifyClient::PageLimit));
    for (const auto &[key, value] : items) {
        query.addQueryItem(key, value);
    }
    return query;
}

// What a job returns after its last write: `value`, unless that write failed.
template<typename T>
Result<T> valueAfter(const Result<void> &written, T value)
{
    if (!written) {
        return written.error();
    }
    return value;
}

// Runs `work` with the repositories in one transaction, so that what a step fetched and the sync_state that says
// so commit together.
template<typename T, typename Work>
Result<T> inStore(Store &store, Work &&work)
{
    SqliteDatabase &database = store.database();
    return inTransaction<T>(database, [&database, &work]() -> Result<T> {
        auto library = LibraryRepository::create(database);
        if (!library) {
            return library.error();
        }
        auto plays = PlayRepository::create(database, library.value());
        if (!plays) {
            return plays.error();
        }
        auto states = SyncStateRepository::create(database);
        if (!states) {
            return states.error();
        }
        return work(library.value(), plays.value(), states.value());
    });
}

// Calls `handle` with an answer unless the run ended while it was on its way.
template<typename Run, typename Handler>
auto unlessEnded(Run *run, Handler handle)
{
    return [run, handle](const auto &answer) {
        if (!run->ended) {
            handle(answer);
        }
    };
}

// A list written in full: its fingerprint and when, so that later syncs can skip it while both still hold.
Result<void> recordWrittenInFull(SyncStateRepository &states, const QString &resource, const QByteArray &signature)
{
    const qint64 now = wallNowMs();
    if (auto stored = states.setSnapshot(resource, QString::fromLatin1(signature)); !stored) {
        return stored;
    }
    if (auto stored = states.setCursor(resource, QString::number(now)); !stored) {
        return stored;
    }
    return states.recordSuccess(resource, now);
}

struct Polled {
    int added = 0;
    std::optional<SyncGap> gap; // found by this poll
    QList<SyncGap> gaps; // every gap on record, when one was found
};

// Stores a page of recently-played and checks it for a gap, in the job's one transaction.
Result<Polled> storePlays(PlayRepository &history,
                          SyncStateRepository &states,
                          const QString &resource,
                          const QList<Play> &plays,
                          bool pageWasFull)
{
    const auto newest = history.latestPolledPlayAtMs();
    if (!newest) {
        return newest.error();
    }
    const auto added = history.insertPlays(plays);
    if (!added) {
        return added.error();
    }
    Polled polled;
    polled.added = added.value();
    if (const auto gap = findPlayGap(newest.value(), plays, pageWasFull)) {
        if (auto recorded = states.recordGap(gap->fromMs, gap->toMs); !recorded) {
            return recorded.error();
        }
        const auto gaps = states.gaps();
        if (!gaps) {
            return gaps.error();
        }
        polled.gaps = gaps.value();
        // Read back for the time the cache recorded it at.
        const auto found = std::find_if(polled.gaps.crbegin(), polled.gaps.crend(), [&gap](const SyncGap &known) {
            return known.fromMs == gap->fromMs && known.toMs == gap->toMs;
        });
        if (found != polled.gaps.crend()) {
            polled.gap = *found;
        }
    }
    return valueAfter(states.recordSuccess(resource, wallNowMs()), polled);
}

} // namespace

QString syncStepName(SyncStep step)
{
    switch (step) {
    case SyncStep::Profile:
        return QStringLiteral("profile");
    case SyncStep::TopLists:
        return QStringLiteral("top artists and tracks");
    case SyncStep::RecentlyPlayed:
        return QStringLiteral("recently played");
    case SyncStep::SavedTracks:
        return QStringLiteral("saved tracks");
    case SyncStep::FollowedArtists:
        return QStringLiteral("followed artists");
    case SyncStep::Playlists:
        return QStringLiteral("playlists");
    }
    return QString();
}

// The repositories of one store job, all inside the transaction the job runs in.
struct SyncService::Repositories {
    LibraryRepository &library;
    PlayRepository &plays;
    SyncStateRepository &states;
};

struct SyncService::Plan {
    QHash<QString, SyncState> states;
    QList<SyncGap> gaps;
};

struct SyncService::PlaylistItems {
    QHash<QString, QList<PlaylistEntry>> entries; // by playlist id; absent: unchanged since the last sync
    QSet<QString> failed;
    qsizetype pending = 0;
};

// One sync or poll. Requests and store jobs take it as their context, so that abandoning it drops their answers;
// `ended` covers the answers that arrive between the end and the deferred deletion.
class SyncService::Run : public QObject
{
public:
    Run(SyncSummary::Kind kind, QObject *parent)
        : QObject(parent)
        , startedAtMs(wallNowMs())
        , today(QDate::currentDate())
    {
        summary.kind = kind;
        elapsed.start();
        if (kind == SyncSummary::Kind::Full) {
            steps = QList<SyncStep>(std::begin(FullSync), std::end(FullSync));
        } else {
            steps = {SyncStep::RecentlyPlayed};
        }
    }

    SyncState state(const char *resource) const
    {
        return state(resourceName(resource));
    }
    SyncState state(const QString &resource) const
    {
        return states.value(resource, SyncState{resource, {}, {}, {}, {}, {}});
    }

    SyncSummary summary;
    QElapsedTimer elapsed;
    qint64 startedAtMs = 0;
    QDate today;
    QList<SyncStep> steps;
    qsizetype next = 0; // the step to run next
    int done = 0;
    QHash<QString, SyncState> states;
    QString userId;
    bool ended = false;
    std::optional<PauseReason> pauseReason;
    QString pauseMessage;
};

SyncService::SyncService(SpotifyClient *client, StoreThread *store, Connectivity *connectivity, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_connectivity(connectivity)
{
    m_pollTimer.setInterval(m_settings.pollInterval);
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncService::onPollTimer);
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, &SyncService::resume);
    if (m_connectivity) {
        connect(m_connectivity, &Connectivity::onlineChanged, this, &SyncService::connectivityChanged);
        connect(m_connectivity, &Connectivity::networkReturned, this, &SyncService::networkReturned);
    }
}

SyncService::~SyncService() = default;

void SyncService::setSettings(const SyncSettings &settings)
{
    m_settings = settings;
    m_pollTimer.setInterval(settings.pollInterval);
}

const SyncSettings &SyncService::settings() const
{
    return m_settings;
}

void SyncService::start()
{
    if (!m_active) {
        m_active = true;
        Q_EMIT activeChanged();
    }
    if (m_pauseReason == PauseReason::None) {
        m_pollTimer.start();
    }
    syncNow();
}

void SyncService::stop()
{
    m_pollTimer.stop();
    m_resumeTimer.stop();
    m_fullSyncPending = false;
    abandonRun();
    if (m_active) {
        m_active = false;
        Q_EMIT activeChanged();
    }
}

void SyncService::syncNow()
{
    // The client holds Background requests until the quota's hour is over; the resume timer starts then.
    if (m_pauseReason == PauseReason::QuotaExceeded && m_resumeTimer.isActive()) {
        return;
    }
    if (m_run) {
        m_fullSyncPending = m_fullSyncPending || m_run->summary.kind == SyncSummary::Kind::Poll;
        return;
    }
    begin(SyncSummary::Kind::Full);
}

void SyncService::pollNow()
{
    if (m_run || (m_pauseReason == PauseReason::QuotaExceeded && m_resumeTimer.isActive())) {
        return;
    }
    begin(SyncSummary::Kind::Poll);
}

bool SyncService::isActive() const
{
    return m_active;
}

bool SyncService::isBusy() const
{
    return m_run != nullptr;
}

QString SyncService::currentStep() const
{
    if (!m_run) {
        return QString();
    }
    return syncStepName(m_run->steps.at(std::max<qsizetype>(0, m_run->next - 1)));
}

int SyncService::stepsDone() const
{
    return m_run ? m_run->done : 0;
}

int SyncService::stepsTotal() const
{
    return m_run ? int(m_run->steps.size()) : 0;
}

SyncService::PauseReason SyncService::pauseReason() const
{
    return m_pauseReason;
}

QString SyncService::pauseMessage() const
{
    return m_pauseMessage;
}

QList<SyncGap> SyncService::gaps() const
{
    return m_gaps;
}

std::optional<SyncSummary> SyncService::lastSummary() const
{
    return m_lastSummary;
}

void SyncService::begin(SyncSummary::Kind kind)
{
    auto *run = new Run(kind, this);
    m_run = run;
    m_sinceRunBegan.start();
    qCDebug(lcSync) << (kind == SyncSummary::Kind::Full ? "sync" : "poll") << "started";
    Q_EMIT progressChanged();
    m_store->post(
        [](Store &store) -> Result<Plan> {
            const auto recorded = syncoverview::readStates(store.database());
            if (!recorded) {
                return recorded.error();
            }
            Plan plan;
            for (const SyncState &state : recorded.value().states) {
                plan.states.insert(state.resource, state);
            }
            plan.gaps = recorded.value().gaps;
            return plan;
        },
        run,
        unlessEnded(run, [this, run](const Result<Plan> &plan) {
            planned(run, plan);
        }));
}

void SyncService::planned(Run *run, const Result<Plan> &plan)
{
    if (plan) {
        run->states = plan.value().states;
        run->userId = run->state(ProfileResource).cursor;
        if (m_gaps != plan.value().gaps) {
            m_gaps = plan.value().gaps;
            Q_EMIT gapsChanged();
        }
    } else {
        // Every step then fetches in full; its write reports the cache's problem where it happens.
        qCWarning(lcSync) << "cannot read the sync state:" << plan.error().message;
    }
    nextStep(run);
}

void SyncService::nextStep(Run *run)
{
    if (run->next >= run->steps.size()) {
        endRun(run);
        return;
    }
    const SyncStep step = run->steps.at(run->next++);
    Q_EMIT progressChanged();
    switch (step) {
    case SyncStep::Profile:
        syncProfile(run);
        break;
    case SyncStep::TopLists:
        syncTopLists(run);
        break;
    case SyncStep::RecentlyPlayed:
        syncRecentlyPlayed(run);
        break;
    case SyncStep::SavedTracks:
        syncSavedTracks(run);
        break;
    case SyncStep::FollowedArtists:
        syncFollowedArtists(run);
        break;
    case SyncStep::Playlists:
        syncPlaylists(run);
        break;
    }
}

void SyncService::stepDone(Run *run)
{
    ++run->done;
    nextStep(run);
}

void SyncService::endRun(Run *run)
{
    run->ended = true;
    SyncSummary summary = run->summary;
    summary.durationMs = run->elapsed.elapsed();
    summary.complete = summary.errors.isEmpty() && run->done == run->steps.size();
    const std::optional<PauseReason> pauseReason = run->pauseReason;
    const QString pauseMessage = run->pauseMessage;
    m_run = nullptr;
    run->deleteLater();

    if (summary.kind == SyncSummary::Kind::Full && !pauseReason) {
        m_sinceFullSync.start();
    }
    if (summary.kind == SyncSummary::Kind::Full) {
        // The library as the hub sees it (its concert refresh reads followed and top artists). Posted before
        // finished(), so an upload started on that signal finds the snapshot in the outbox.
        m_store->post(
            [](Store &store) {
                return enqueueLibrarySnapshot(store.database(), QDateTime::currentMSecsSinceEpoch());
            },
            this,
            [](const Result<std::optional<QString>> &queued) {
                if (!queued) {
                    qCWarning(lcSync).noquote()
                        << "could not queue the library snapshot for the hub:" << queued.error().message;
                }
            });
    }
    qCInfo(lcSync).nospace() << (summary.kind == SyncSummary::Kind::Full ? "sync" : "poll") << " finished in "
                             << summary.durationMs << " ms: " << summary.requests << " requests, " << summary.newPlays
                             << " new plays, " << summary.itemsUpdated << " items written, " << summary.gapsFound.size()
                             << " gaps, " << summary.errors.size() << " errors";
    m_lastSummary = summary;
    if (pauseReason) {
        pause(*pauseReason, pauseMessage);
    } else if (run->done == run->steps.size()) {
        // Every step ran, so Spotify answered: whatever kept the schedule paused is over.
        if (m_pauseReason != PauseReason::None) {
            m_pauseReason = PauseReason::None;
            m_pauseMessage.clear();
            m_offlineProbes = 0;
            m_resumeTimer.stop();
            if (m_active) {
                m_pollTimer.start();
            }
            Q_EMIT pauseChanged();
        }
    }
    Q_EMIT progressChanged();
    Q_EMIT finished(summary);
    if (m_fullSyncPending && !m_run && m_pauseReason == PauseReason::None) {
        m_fullSyncPending = false;
        begin(SyncSummary::Kind::Full);
    }
}

void SyncService::abandonRun()
{
    if (!m_run) {
        return;
    }
    m_run->ended = true;
    m_run->deleteLater();
    m_run = nullptr;
    Q_EMIT progressChanged();
}

void SyncService::failStep(Run *run, SyncStep step, const QString &resource, const SpotifyError &error)
{
    if (requestFailed(run, step, resource, error)) {
        stepDone(run);
    }
}

bool SyncService::requestFailed(Run *run, SyncStep step, const QString &resource, const SpotifyError &error)
{
    qCInfo(lcSync) << syncStepName(step) << "failed:" << error.kindName() << error.detail;
    addError(run, SyncStepError{step, error.message(), error.kind});
    m_store->post(
        [resource, message = error.message()](Store &store) {
            return inStore<int>(store, [&](LibraryRepository &, PlayRepository &, SyncStateRepository &states) {
                return valueAfter(states.recordFailure(resource, wallNowMs(), message), 0);
            });
        },
        this,
        [](const Result<int> &recorded) {
            if (!recorded) {
                qCWarning(lcSync) << "cannot record a failed step:" << recorded.error().message;
            }
        });
    const std::optional<PauseReason> reason = pauseReasonFor(error.kind);
    if (reason || error.kind == SpotifyError::Kind::Cancelled) {
        run->pauseReason = reason;
        run->pauseMessage = error.message();
        endRun(run);
        return false;
    }
    return true;
}

void SyncService::storeFailed(Run *run, SyncStep step, const Error &error)
{
    qCWarning(lcSync) << syncStepName(step) << "could not be stored:" << error.message;
    addError(run, SyncStepError{step, error.message, std::nullopt});
}

void SyncService::addError(Run *run, const SyncStepError &error)
{
    run->summary.errors.append(error);
    Q_EMIT stepFailed(error);
}

void SyncService::write(Run *run, SyncStep step, StoreWork work, std::function<void()> after)
{
    m_store->post(
        [work = std::move(work)](Store &store) {
            return inStore<int>(
                store,
                [&work](LibraryRepository &library, PlayRepository &plays, SyncStateRepository &states) {
                    return work(Repositories{library, plays, states});
                });
        },
        run,
        unlessEnded(run, [this, run, step, after = std::move(after)](const Result<int> &written) {
            if (written) {
                run->summary.itemsUpdated += written.value();
            } else {
                storeFailed(run, step, written.error());
            }
            after();
        }));
}

void SyncService::recordUnchanged(Run *run, SyncStep step, const QString &resource)
{
    write(
        run,
        step,
        [resource](const Repositories &r) {
            return valueAfter(r.states.recordSuccess(resource, wallNowMs()), 0);
        },
        [this, run] {
            stepDone(run);
        });
}

template<typename T>
std::optional<T> SyncService::parsed(Run *run,
                                     SyncStep step,
                                     const QString &resource,
                                     const SpotifyResult<SpotifyResponse> &answer,
                                     Result<T> (*parse)(const QByteArray &))
{
    run->summary.requests += answer ? 1 : requestsBehind(answer.error());
    if (!answer) {
        failStep(run, step, resource, answer.error());
        return std::nullopt;
    }
    Result<T> value = parse(answer.value().body);
    if (!value) {
        failStep(run, step, resource, badResponse(value.error()));
        return std::nullopt;
    }
    return std::move(value).value();
}

template<typename T>
std::optional<QList<T>> SyncService::listed(Run *run,
                                            SyncStep step,
                                            const QString &resource,
                                            const SpotifyResult<SpotifyList<T>> &answer,
                                            int offset)
{
    if (!answer) {
        run->summary.requests += requestsBehind(answer.error());
        failStep(run, step, resource, answer.error());
        return std::nullopt;
    }
    run->summary.requests += offsetPages(answer.value().total, offset, SpotifyClient::PageLimit);
    return answer.value().items;
}

bool SyncService::isUnchanged(const Run *run, const QString &resource, const QByteArray &signature) const
{
    const SyncState state = run->state(resource);
    return state.snapshot.toLatin1() == signature
        && !isDue(cursorTime(state), run->startedAtMs, m_settings.fullRefreshInterval);
}

void SyncService::syncProfile(Run *run)
{
    if (!run->userId.isEmpty()
        && !isDue(run->state(ProfileResource).lastSuccessAtMs, run->startedAtMs, m_settings.fullRefreshInterval)) {
        stepDone(run);
        return;
    }
    m_client->get(QStringLiteral("/me"),
                  {},
                  SpotifyPriority::Background,
                  run,
                  unlessEnded(run, [this, run](const auto &answer) {
                      profileFetched(run, answer);
                  }));
}

void SyncService::profileFetched(Run *run, const SpotifyResult<SpotifyResponse> &answer)
{
    const QString resource = resourceName(ProfileResource);
    const auto profile = parsed(run, SyncStep::Profile, resource, answer, &spotifyjson::parseProfile);
    if (!profile) {
        return;
    }
    run->userId = profile->spotifyUserId;
    write(
        run,
        SyncStep::Profile,
        [resource, profile = *profile](const Repositories &r) -> Result<int> {
            if (auto saved = r.library.saveProfile(profile); !saved) {
                return saved.error();
            }
            if (auto stored = r.states.setCursor(resource, profile.spotifyUserId); !stored) {
                return stored.error();
            }
            return valueAfter(r.states.recordSuccess(resource, wallNowMs()), 1);
        },
        [this, run] {
            stepDone(run);
        });
}

void SyncService::syncTopLists(Run *run)
{
    struct Due {
        TopRange range;
        bool artists;
        QString resource;
    };
    QList<Due> due;
    for (const TopRange range : TopRanges) {
        for (const bool artists : {true, false}) {
            const QString resource = topResource(artists ? "artists" : "tracks", range);
            // One snapshot per list and day: Spotify recomputes top lists about daily.
            if (!takenOn(run->state(resource).lastSuccessAtMs, run->today)) {
                due.append(Due{range, artists, resource});
            }
        }
    }
    if (due.isEmpty()) {
        stepDone(run);
        return;
    }
    // Side by side: the client bounds how many are on the wire.
    const auto pending = std::make_shared<qsizetype>(due.size());
    for (const Due &list : std::as_const(due)) {
        if (list.artists) {
            fetchTopList<Artist>(run, list.range, list.resource, &spotifyjson::parseArtistPage, pending);
        } else {
            fetchTopList<Track>(run, list.range, list.resource, &spotifyjson::parseTrackPage, pending);
        }
    }
}

template<typename T>
void SyncService::fetchTopList(Run *run,
                               TopRange range,
                               const QString &resource,
                               SpotifyClient::OffsetPageParser<T> parse,
                               const std::shared_ptr<qsizetype> &pending)
{
    const QString path =
        std::is_same_v<T, Artist> ? QStringLiteral("/me/top/artists") : QStringLiteral("/me/top/tracks");
    m_client->fetchAllOffset<T>(path,
                                pageQuery({{QStringLiteral("time_range"), topRangeName(range)}}),
                                parse,
                                SpotifyPriority::Background,
                                run,
                                unlessEnded(run, [this, run, range, resource, pending](const auto &answer) {
                                    topListFetched<T>(run, range, resource, answer, pending);
                                }));
}

template<typename T>
void SyncService::topListFetched(Run *run,
                                 TopRange range,
                                 const QString &resource,
                                 const SpotifyResult<SpotifyList<T>> &answer,
                                 const std::shared_ptr<qsizetype> &pending)
{
    const auto settle = [this, run, pending] {
        if (--*pending == 0) {
            stepDone(run);
        }
    };
    if (!answer) {
        run->summary.requests += requestsBehind(answer.error());
        if (requestFailed(run, SyncStep::TopLists, resource, answer.error())) {
            settle();
        }
        return;
    }
    run->summary.requests += offsetPages(answer.value().total, 0, SpotifyClient::PageLimit);
    write(
        run,
        SyncStep::TopLists,
        [range, resource, today = run->today, items = answer.value().items](const Repositories &r) -> Result<int> {
            if (auto saved = r.library.saveTopSnapshot(range, today, items); !saved) {
                return saved.error();
            }
            return valueAfter(r.states.recordSuccess(resource, wallNowMs()), int(items.size()));
        },
        settle);
}

void SyncService::syncRecentlyPlayed(Run *run)
{
    // Always the whole reachable page, never `after`: plays can appear out of order (SPOTIFY.md §1.7), and the
    // cache deduplicates.
    m_client->get(QStringLiteral("/me/player/recently-played"),
                  pageQuery(),
                  SpotifyPriority::Background,
                  run,
                  unlessEnded(run, [this, run](const auto &answer) {
                      recentlyPlayedFetched(run, answer);
                  }));
}

void SyncService::recentlyPlayedFetched(Run *run, const SpotifyResult<SpotifyResponse> &answer)
{
    const QString resource = resourceName(RecentlyPlayedResource);
    auto page = parsed(run, SyncStep::RecentlyPlayed, resource, answer, &spotifyjson::parseRecentlyPlayed);
    if (!page) {
        return;
    }
    const bool pageWasFull = page->items.size() + page->skippedItems >= SpotifyClient::PageLimit;
    m_store->post(
        [resource, plays = std::move(page->items), pageWasFull](Store &store) {
            return inStore<Polled>(store,
                                   [&](LibraryRepository &, PlayRepository &history, SyncStateRepository &states) {
                                       return storePlays(history, states, resource, plays, pageWasFull);
                                   });
        },
        run,
        unlessEnded(run, [this, run](const Result<Polled> &polled) {
            if (!polled) {
                storeFailed(run, SyncStep::RecentlyPlayed, polled.error());
            } else {
                run->summary.newPlays += polled.value().added;
                if (polled.value().gap) {
                    const SyncGap &gap = *polled.value().gap;
                    qCWarning(lcSync) << "more than" << SpotifyClient::PageLimit
                                      << "plays since the last poll; plays between" << gap.fromMs << "and" << gap.toMs
                                      << "may be missing";
                    run->summary.gapsFound.append(gap);
                    m_gaps = polled.value().gaps;
                    Q_EMIT gapsChanged();
                }
            }
            stepDone(run);
        }));
}

void SyncService::syncSavedTracks(Run *run)
{
    m_client->get(QStringLiteral("/me/tracks"),
                  pageQuery(),
                  SpotifyPriority::Background,
                  run,
                  unlessEnded(run, [this, run](const auto &answer) {
                      savedTracksPageFetched(run, answer);
                  }));
}

void SyncService::savedTracksPageFetched(Run *run, const SpotifyResult<SpotifyResponse> &answer)
{
    const QString resource = resourceName(SavedTracksResource);
    const auto first = parsed(run, SyncStep::SavedTracks, resource, answer, &spotifyjson::parseSavedTrackPage);
    if (!first) {
        return;
    }
    const QByteArray signature = savedTracksSignature(first->total, first->items);
    if (isUnchanged(run, resource, signature)) {
        recordUnchanged(run, SyncStep::SavedTracks, resource);
        return;
    }
    const int seen = int(first->items.size()) + first->skippedItems;
    if (first->next.isEmpty() || seen == 0 || seen >= first->total) {
        storeSavedTracks(run, first->items, signature);
        return;
    }
    m_client->fetchAllOffset<SavedTrack>(
        QStringLiteral("/me/tracks"),
        pageQuery({{QStringLiteral("offset"), QString::number(seen)}}),
        &spotifyjson::parseSavedTrackPage,
        SpotifyPriority::Background,
        run,
        unlessEnded(run, [this, run, resource, seen, signature, firstItems = first->items](const auto &answer) {
            const auto rest = listed(run, SyncStep::SavedTracks, resource, answer, seen);
            if (!rest) {
                return;
            }
            // A save between two pages shifts the offsets and repeats a track; the fingerprint then differs next
            // time, and that sync walks the list again.
            QList<SavedTrack> tracks;
            QSet<QString> ids;
            for (const QList<SavedTrack> *part : {&firstItems, &*rest}) {
                for (const SavedTrack &saved : *part) {
                    if (!ids.contains(saved.track.spotifyId)) {
                        ids.insert(saved.track.spotifyId);
                        tracks.append(saved);
                    }
                }
            }
            storeSavedTracks(run, tracks, signature);
        }));
}

void SyncService::storeSavedTracks(Run *run, const QList<SavedTrack> &tracks, const QByteArray &signature)
{
    write(
        run,
        SyncStep::SavedTracks,
        [tracks, signature](const Repositories &r) -> Result<int> {
            if (auto replaced = r.library.replaceSavedTracks(tracks); !replaced) {
                return replaced.error();
            }
            return valueAfter(recordWrittenInFull(r.states, resourceName(SavedTracksResource), signature),
                              int(tracks.size()));
        },
        [this, run] {
            stepDone(run);
        });
}

void SyncService::syncFollowedArtists(Run *run)
{
    m_client->fetchAllCursor<Artist>(QStringLiteral("/me/following"),
                                     pageQuery({{QStringLiteral("type"), QStringLiteral("artist")}}),
                                     SpotifyClient::Cursor::After,
                                     &spotifyjson::parseFollowedArtists,
                                     SpotifyPriority::Background,
                                     run,
                                     unlessEnded(run, [this, run](const auto &answer) {
                                         followedArtistsFetched(run, answer);
                                     }));
}

void SyncService::followedArtistsFetched(Run *run, const SpotifyResult<SpotifyList<Artist>> &answer)
{
    const QString resource = resourceName(FollowedArtistsResource);
    const auto artists = listed(run, SyncStep::FollowedArtists, resource, answer);
    if (!artists) {
        return;
    }
    const QByteArray signature = followedArtistsSignature(*artists);
    if (isUnchanged(run, resource, signature)) {
        recordUnchanged(run, SyncStep::FollowedArtists, resource);
        return;
    }
    write(
        run,
        SyncStep::FollowedArtists,
        [resource, signature, artists = *artists](const Repositories &r) -> Result<int> {
            if (auto replaced = r.library.replaceFollowedArtists(artists); !replaced) {
                return replaced.error();
            }
            return valueAfter(recordWrittenInFull(r.states, resource, signature), int(artists.size()));
        },
        [this, run] {
            stepDone(run);
        });
}

void SyncService::syncPlaylists(Run *run)
{
    m_client->fetchAllOffset<PlaylistSummary>(QStringLiteral("/me/playlists"),
                                              pageQuery(),
                                              &spotifyjson::parsePlaylistPage,
                                              SpotifyPriority::Background,
                                              run,
                                              unlessEnded(run, [this, run](const auto &answer) {
                                                  playlistsFetched(run, answer);
                                              }));
}

void SyncService::playlistsFetched(Run *run, const SpotifyResult<SpotifyList<PlaylistSummary>> &answer)
{
    const QString resource = resourceName(PlaylistsResource);
    const auto listedPlaylists = listed(run, SyncStep::Playlists, resource, answer);
    if (!listedPlaylists) {
        return;
    }
    if (run->userId.isEmpty()) {
        // Without the profile, the user's own playlists cannot be told from the ones they only follow.
        addError(run,
                 SyncStepError{SyncStep::Playlists,
                               QStringLiteral("TuneScout could not read your Spotify profile, so it cannot tell your "
                                              "own playlists yet. It tries again with the next sync."),
                               std::nullopt});
        stepDone(run);
        return;
    }
    QList<PlaylistSummary> readable;
    for (const PlaylistSummary &playlist : *listedPlaylists) {
        if (isReadablePlaylist(playlist, run->userId)) {
            readable.append(playlist);
        }
    }
    const QByteArray signature = playlistsSignature(readable);
    if (isUnchanged(run, resource, signature)) {
        recordUnchanged(run, SyncStep::Playlists, resource);
        return;
    }
    m_store->post(
        [readable](Store &store) -> Result<QStringList> {
            auto library = LibraryRepository::create(store.database());
            if (!library) {
                return library.error();
            }
            QStringList changed;
            for (const PlaylistSummary &playlist : readable) {
                const auto stored = library.value().playlistSnapshotId(playlist.spotifyId);
                if (!stored) {
                    return stored.error();
                }
                // An empty playlist needs no request: savePlaylist() empties it.
                if (stored.value() != playlist.snapshotId && playlist.itemCount > 0) {
                    changed.append(playlist.spotifyId);
                }
            }
            return changed;
        },
        run,
        unlessEnded(run, [this, run, readable, signature](const Result<QStringList> &changed) {
            if (!changed) {
                storeFailed(run, SyncStep::Playlists, changed.error());
                stepDone(run);
                return;
            }
            fetchPlaylistItems(run, readable, changed.value(), signature);
        }));
}

void SyncService::fetchPlaylistItems(Run *run,
                                     const QList<PlaylistSummary> &playlists,
                                     const QStringList &changed,
                                     const QByteArray &signature)
{
    auto items = std::make_shared<PlaylistItems>();
    items->pending = changed.size();
    if (changed.isEmpty()) {
        storePlaylists(run, playlists, items, signature);
        return;
    }
    for (const QString &id : changed) {
        m_client->fetchAllOffset<PlaylistEntry>(
            QStringLiteral("/playlists/%1/items").arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
            pageQuery(),
            &spotifyjson::parsePlaylistItemPage,
            SpotifyPriority::Background,
            run,
            unlessEnded(run, [this, run, id, items, playlists, signature](const auto &answer) {
                if (answer) {
                    run->summary.requests += offsetPages(answer.value().total, 0, SpotifyClient::PageLimit);
                    items->entries.insert(id, answer.value().items);
                } else {
                    run->summary.requests += requestsBehind(answer.error());
                    items->failed.insert(id);
                    if (!requestFailed(run, SyncStep::Playlists, resourceName(PlaylistsResource), answer.error())) {
                        return;
                    }
                }
                if (--items->pending == 0) {
                    storePlaylists(run, playlists, items, signature);
                }
            }));
    }
}

void SyncService::storePlaylists(Run *run,
                                 const QList<PlaylistSummary> &playlists,
                                 const std::shared_ptr<PlaylistItems> &items,
                                 const QByteArray &signature)
{
    write(
        run,
        SyncStep::Playlists,
        [playlists, entries = items->entries, failed = items->failed, signature](const Repositories &r) -> Result<int> {
            int written = 0;
            QStringList kept;
            for (const PlaylistSummary &playlist : playlists) {
                kept.append(playlist.spotifyId);
                // Saved with its new snapshot_id but its old items, it would never be fetched again: it waits for
                // the next sync instead.
                if (failed.contains(playlist.spotifyId)) {
                    continue;
                }
                const QList<PlaylistEntry> playlistEntries = entries.value(playlist.spotifyId);
                if (auto saved = r.library.savePlaylist(playlist, playlistEntries); !saved) {
                    return saved.error();
                }
                written += 1 + int(playlistEntries.size());
            }
            if (auto removed = r.library.removePlaylistsNotIn(kept); !removed) {
                return removed.error();
            }
            // The failure is on record already; the fingerprint must not say this list was written.
            if (!failed.isEmpty()) {
                return written;
            }
            return valueAfter(recordWrittenInFull(r.states, resourceName(PlaylistsResource), signature), written);
        },
        [this, run] {
            stepDone(run);
        });
}

void SyncService::onPollTimer()
{
    if (m_run) {
        return;
    }
    if (!m_sinceFullSync.isValid() || m_sinceFullSync.elapsed() >= m_settings.libraryInterval.count()) {
        begin(SyncSummary::Kind::Full);
    } else {
        begin(SyncSummary::Kind::Poll);
    }
}

void SyncService::pause(PauseReason reason, const QString &message)
{
    m_pollTimer.stop();
    m_resumeTimer.stop();
    if (reason == PauseReason::Offline) {
        const int doublings = std::min(m_offlineProbes, 20);
        const auto delay = std::min(m_settings.offlineProbeLast,
                                    std::chrono::milliseconds(m_settings.offlineProbeFirst.count() << doublings));
        ++m_offlineProbes;
        m_resumeTimer.start(delay);
    } else if (reason == PauseReason::QuotaExceeded) {
        m_resumeTimer.start(quotaPause(QDateTime::currentDateTimeUtc(), std::nullopt));
    }
    qCWarning(lcSync) << "sync paused:" << message;
    if (m_pauseReason != reason || m_pauseMessage != message) {
        m_pauseReason = reason;
        m_pauseMessage = message;
        Q_EMIT pauseChanged();
    }
}

void SyncService::resume()
{
    if (m_active && !m_run) {
        begin(SyncSummary::Kind::Full);
    }
}

void SyncService::connectivityChanged()
{
    // A run in progress finds out for itself and pauses when it ends; an idle schedule stops polling now, so that
    // nothing is sent into a network that is known to be gone but the probes.
    if (m_connectivity->isOnline() || !m_active || m_run || m_pauseReason != PauseReason::None) {
        return;
    }
    pause(PauseReason::Offline,
          m_connectivity->reason() == Connectivity::Reason::NoNetwork
              ? QStringLiteral("There is no network connection. TuneScout syncs again once there is.")
              : QStringLiteral("Spotify cannot be reached. TuneScout tries again in a while."));
}

void SyncService::networkReturned()
{
    // One probe, and not more often than the first backoff step however often the network flaps; when it fails,
    // the backoff continues where it was.
    if (!m_active || m_run || m_pauseReason != PauseReason::Offline
        || (m_sinceRunBegan.isValid() && m_sinceRunBegan.elapsed() < m_settings.offlineProbeFirst.count())) {
        return;
    }
    m_resumeTimer.stop();
    begin(SyncSummary::Kind::Full);
}

} // namespace engine
