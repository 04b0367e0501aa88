#pragma once

#include "engine/model/library.h"
#include "engine/spotify/spotifyclient.h"
#include "engine/store/syncstaterepository.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace engine
{

class Connectivity;
class StoreThread;

// The parts of a sync, in the order a full sync runs them.
enum class SyncStep {
    Profile,
    TopLists,
    RecentlyPlayed,
    SavedTracks,
    FollowedArtists,
    Playlists,
};

// "recently played", "saved tracks" …: for progress lines and error messages.
QString syncStepName(SyncStep step);

struct SyncSettings {
    // Recently-played is polled this often while the service runs (and at start).
    std::chrono::milliseconds pollInterval = std::chrono::minutes(5);
    // A poll runs the whole (incremental) sync instead when the last one is at least this old.
    std::chrono::milliseconds libraryInterval = std::chrono::hours(1);
    // This often the profile is fetched again, and saved tracks, followed artists and the playlist list are walked
    // and written in full whatever their fingerprints say.
    std::chrono::milliseconds fullRefreshInterval = std::chrono::hours(24);
    // While Spotify cannot be reached, a sync probes it after the first delay, doubling up to the last
    // (RELIABILITY.md UP-5).
    std::chrono::milliseconds offlineProbeFirst = std::chrono::seconds(5);
    std::chrono::milliseconds offlineProbeLast = std::chrono::minutes(5);
};

// A step that did not complete. Whatever the other steps stored stays stored.
struct SyncStepError {
    SyncStep step = SyncStep::Profile;
    QString message; // for a person: never a token or a URL
    std::optional<SpotifyError::Kind> spotifyError; // nullopt when the cache failed
};

struct SyncSummary {
    enum class Kind {
        Full, // every step, incrementally
        Poll, // recently played only
    };

    Kind kind = Kind::Full;
    bool complete = false; // every step ran and succeeded
    int newPlays = 0;
    // Profile, top-list entries, saved tracks, followed artists, playlists and their items written.
    int itemsUpdated = 0;
    int requests = 0; // Web API requests made, retries not counted
    qint64 durationMs = 0;
    QList<SyncGap> gapsFound; // stretches in which more than 50 plays may have been missed
    QList<SyncStepError> errors;
};

// Keeps the cache in step with the user's Spotify account (issue 3, "Sync"). Lives on the GUI thread; requests go
// through the one SpotifyClient at Background priority, and every write is a job on the StoreThread.
//
// A full sync runs the steps of SyncStep in order, each incremental after the first run:
// - profile: fetched when unknown or older than fullRefreshInterval;
// - top artists and tracks for the three ranges: one snapshot per list and day, so fetched once a day;
// - recently played: the 50 reachable plays every time, deduplicated by the cache; when a full page begins after
//   the newest play an earlier poll stored, the stretch between is recorded as a gap (syncrules::findPlayGap);
// - saved tracks: the first page; the rest only when the fingerprint of the first page and the total changed, or
//   a full refresh is due;
// - followed artists: every page (they are ordered by id, so no page tells whether others changed); written only
//   when their fingerprint changed or a full refresh is due;
// - playlists the user owns or collaborates on: the list every time, the items of a playlist only when its
//   snapshot_id changed; other playlists are never asked for their items.
//
// A step that fails is reported (stepFailed(), the summary, sync_state.last_error) and the next one runs. Errors
// that every further request would share end the run and pause the schedule instead of retrying in a storm:
// quota spent (until the next full hour), Spotify unreachable (probes with backoff), sign-in expired or the user
// not on the app's allow-list (until syncNow() or start()).
//
// With a Connectivity, the schedule also pauses as soon as it reports offline (no network, or requests unanswered),
// and a network the system reports again is probed once at once instead of at the next backoff step; the backoff
// keeps counting until a probe succeeds.
class SyncService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY progressChanged)
    Q_PROPERTY(QString currentStep READ currentStep NOTIFY progressChanged)
    Q_PROPERTY(int stepsDone READ stepsDone NOTIFY progressChanged)
    Q_PROPERTY(int stepsTotal READ stepsTotal NOTIFY progressChanged)
    Q_PROPERTY(PauseReason pauseReason READ pauseReason NOTIFY pauseChanged)
    Q_PROPERTY(QString pauseMessage READ pauseMessage NOTIFY pauseChanged)

public:
    enum class PauseReason {
        None,
        Offline, // Spotify could not be reached: probing with backoff
        QuotaExceeded, // until the next full hour
        SignInNeeded, // the session ended: resumes with syncNow() or start() after signing in
        NotRegistered, // the account is not on the app's allow-list: likewise
    };
    Q_ENUM(PauseReason)

    // `client`, `store` and `connectivity` (optional) outlive the service; the store is opened by whoever owns it.
    SyncService(SpotifyClient *client,
                StoreThread *store,
                Connectivity *connectivity = nullptr,
                QObject *parent = nullptr);
    ~SyncService() override;

    // Applies from the next sync on; a running poll timer takes the new interval at once.
    void setSettings(const SyncSettings &settings);
    const SyncSettings &settings() const;

    // Syncs now, then polls every pollInterval until stop().
    void start();
    // Stops the schedule and abandons a sync in progress: what it already stored stays.
    void stop();
    // A full (incremental) sync now; after a poll that is running. Ignored while the quota is spent.
    void syncNow();
    // Recently played only, now, unless a sync is running.
    void pollNow();

    bool isActive() const;
    bool isBusy() const;
    QString currentStep() const; // empty when idle
    int stepsDone() const;
    int stepsTotal() const;
    PauseReason pauseReason() const;
    QString pauseMessage() const;
    // Every stretch in which plays may have been missed, oldest first: known once a sync has read the cache.
    QList<SyncGap> gaps() const;
    std::optional<SyncSummary> lastSummary() const;

Q_SIGNALS:
    void activeChanged();
    void progressChanged();
    void pauseChanged();
    void gapsChanged();
    void stepFailed(const engine::SyncStepError &error);
    void finished(const engine::SyncSummary &summary);

private:
    class Run;
    struct Plan;
    struct Repositories;
    struct PlaylistItems;
    // A write of one step, in one transaction; returns how many items it wrote.
    using StoreWork = std::function<Result<int>(const Repositories &)>;

    void begin(SyncSummary::Kind kind);
    void planned(Run *run, const Result<Plan> &plan);
    void nextStep(Run *run);
    void stepDone(Run *run);
    void endRun(Run *run);
    void abandonRun();
    // Reports a failed request and records it for `resource`; false when the run ended because of it.
    bool requestFailed(Run *run, SyncStep step, const QString &resource, const SpotifyError &error);
    // requestFailed() for a step's one request: the next step runs unless the run ended.
    void failStep(Run *run, SyncStep step, const QString &resource, const SpotifyError &error);
    void storeFailed(Run *run, SyncStep step, const Error &error);
    void addError(Run *run, const SyncStepError &error);
    // Runs `work` on the store; `after` runs once it answered, whether it succeeded or not.
    void write(Run *run, SyncStep step, StoreWork work, std::function<void()> after);
    // Records a step whose list did not change: nothing to write but the time.
    void recordUnchanged(Run *run, SyncStep step, const QString &resource);
    // Whether the list was written in full with this fingerprint, recently enough to trust it.
    bool isUnchanged(const Run *run, const QString &resource, const QByteArray &signature) const;

    // The parsed answer to a step's one request, or nullopt after failStep().
    template<typename T>
    std::optional<T> parsed(Run *run,
                            SyncStep step,
                            const QString &resource,
                            const SpotifyResult<SpotifyResponse> &answer,
                            Result<T> (*parse)(const QByteArray &));
    // The items of a list walked from `offset`, or nullopt after failStep().
    template<typename T>
    std::optional<QList<T>> listed(Run *run,
                                   SyncStep step,
                                   const QString &resource,
                                   const SpotifyResult<SpotifyList<T>> &answer,
                                   int offset = 0);

    void syncProfile(Run *run);
    void profileFetched(Run *run, const SpotifyResult<SpotifyResponse> &answer);
    void syncTopLists(Run *run);
    template<typename T>
    void fetchTopList(Run *run,
                      TopRange range,
                      const QString &resource,
                      SpotifyClient::OffsetPageParser<T> parse,
                      const std::shared_ptr<qsizetype> &pending);
    template<typename T>
    void topListFetched(Run *run,
                        TopRange range,
                        const QString &resource,
                        const SpotifyResult<SpotifyList<T>> &answer,
                        const std::shared_ptr<qsizetype> &pending);
    void syncRecentlyPlayed(Run *run);
    void recentlyPlayedFetched(Run *run, const SpotifyResult<SpotifyResponse> &answer);
    void syncSavedTracks(Run *run);
    void savedTracksPageFetched(Run *run, const SpotifyResult<SpotifyResponse> &answer);
    void storeSavedTracks(Run *run, const QList<SavedTrack> &tracks, const QByteArray &signature);
    void syncFollowedArtists(Run *run);
    void followedArtistsFetched(Run *run, const SpotifyResult<SpotifyList<Artist>> &answer);
    void syncPlaylists(Run *run);
    void playlistsFetched(Run *run, const SpotifyResult<SpotifyList<PlaylistSummary>> &answer);
    void fetchPlaylistItems(Run *run,
                            const QList<PlaylistSummary> &playlists,
                            const QStringList &changed,
                            const QByteArray &signature);
    void storePlaylists(Run *run,
                        const QList<PlaylistSummary> &playlists,
                        const std::shared_ptr<PlaylistItems> &items,
                        const QByteArray &signature);

    void onPollTimer();
    void pause(PauseReason reason, const QString &message);
    void resume();
    void connectivityChanged();
    void networkReturned();

    SpotifyClient *m_client;
    StoreThread *m_store;
    SyncSettings m_settings;
    QTimer m_pollTimer;
    QTimer m_resumeTimer; // ends a pause: the next hour for the quota, the next probe when offline
    QElapsedTimer m_sinceFullSync; // invalid until a full sync ran
    QElapsedTimer m_sinceRunBegan; // invalid until a sync or poll began
    Connectivity *m_connectivity = nullptr;
    Run *m_run = nullptr;
    bool m_active = false;
    bool m_fullSyncPending = false;
    PauseReason m_pauseReason = PauseReason::None;
    QString m_pauseMessage;
    int m_offlineProbes = 0;
    QList<SyncGap> m_gaps;
    std::optional<SyncSummary> m_lastSummary;
};

} // namespace engine
