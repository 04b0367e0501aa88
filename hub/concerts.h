#pragma once

#include "hub/config.h"
#include "hub/connectionstring.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace engine
{
class ConcertProvider;
struct ConcertEvent;
} // namespace engine

namespace hub
{

// Concerts on the hub (issue 8): the household's home location, the refresh job that asks the concert providers
// about the household's artists within their budgets, and what GET /api/v1/concerts reads. The providers'
// adapters, matching and geography are the engine's (engine/concerts), the same the desktop client uses.

// The session advisory lock a refresh holds, so that of all the hub instances on one database exactly one
// refreshes at a time. Distinct from the migration and training locks.
constexpr qint64 concertsLockKey = 0x74756e65636f6e31; // "tunecon1"

struct HomeLocation {
    QString placeName;
    double latitude = 0.0;
    double longitude = 0.0;
    double radiusKm = 50.0;
};

// How one member relates to one of the household's artists.
struct MemberArtistLink {
    qint64 memberId = 0;
    QString displayName;
    bool follows = false; // in followed_artists of the member's latest library snapshot
    int topRank = 0; // 1-based in top_artists of that snapshot; 0: not there
    qint64 plays = 0; // plays synced with the artist among the track's artists
};

// An artist some member follows or has among their long-term top artists, with every member's link to it.
struct HouseholdArtist {
    QString uri; // spotify:artist:…
    QString name; // from the snapshot's "artists", else from plays; empty when nothing names it
    QList<MemberArtistLink> members; // by member id; only members with a link
};

// The statements below, prepared on every connection of the pool and on the refresher's own (Store::prepare).
class ConcertStore
{
public:
    static void prepare(pqxx::connection &connection);

    static std::optional<HomeLocation> homeLocation(pqxx::transaction_base &transaction, qint64 householdId);
    static void setHomeLocation(pqxx::transaction_base &transaction, qint64 householdId, const HomeLocation &location);
    // Followed and long-term top artists of every member of the household, by URI.
    static QList<HouseholdArtist> householdArtists(pqxx::transaction_base &transaction, qint64 householdId);
    // Requests counted against provider's budget on the UTC day of `day`.
    static int requestsOn(pqxx::transaction_base &transaction, const QString &provider, const QDate &day);
};

// What one provider did in a refresh.
struct ConcertProviderRun {
    QString provider; // display name
    int searches = 0; // artists asked about successfully
    int requests = 0; // HTTP requests sent, retries included
    int events = 0; // matched events stored
    int skipped = 0; // searches not made: the provider failed or its budget was spent
    bool budgetSpent = false;
    int requestsToday = 0; // after the run, from the persisted count
    QString error; // the provider's failure; its cached events were left as they were
};

struct ConcertRefreshReport {
    enum class Outcome {
        Refreshed,
        AlreadyRunning, // another refresh held the lock: nothing was done
        NoProviders, // no provider key is configured
        Failed, // the database failed; error says how
    };
    Outcome outcome = Outcome::Refreshed;
    int households = 0; // with a home location
    int artists = 0; // searched for, over all households
    int unnamed = 0; // artists left out because no synced data names them
    int fresh = 0; // searches whose cached answer had not expired
    QList<ConcertProviderRun> providers;
    QString error;
};

// A line (or a few) for a person about the run.
QString describe(const ConcertRefreshReport &report);

// One refresh, on a connection of its own (the lock belongs to its session) and on the calling thread's event
// loop: for every household with a home location, every artist of the household whose cached answer expired is
// looked up at every configured provider near the home, one request after another at each provider's rate, the
// daily budget counted in the database after every search. A provider that fails (down, refusing the key, out
// of quota) is asked nothing more in this run and its cached events stay as they were; a provider whose budget
// is spent stops for the day with a log line. Never throws: database failures end the run with Failed.
class ConcertRefresher : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ConcertRefreshReport &)>;

    ConcertRefresher(ConnectionString connectionString, ConcertConfig config, QObject *parent = nullptr);
    ~ConcertRefresher() override;

    // What the config does not set: the providers' page size and retry backoff (their defaults are 100 events a
    // page and a second, doubling). Tests make pages small and waits short.
    struct Tuning {
        int pageSize = 100;
        std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
    };
    void setTuning(const Tuning &tuning);

    void run(Callback done);
    bool isRunning() const;
    // run() with a local event loop, for the CLI and tests.
    ConcertRefreshReport runAndWait();

private:
    struct Search {
        qint64 householdId = 0;
        HomeLocation home;
        HouseholdArtist artist;
        int provider = 0; // index into m_providers
    };
    struct ProviderState {
        engine::ConcertProvider *provider = nullptr;
        int dailyBudget = 0; // 0: none
        int remainingAtStart = 0;
        int persisted = 0; // requests already added to the budget table in this run
        bool stopped = false;
    };

    void start();
    void next();
    void searched(const Search &search, const QString &attractionId, const QList<engine::ConcertEvent> &events);
    void persistRequests(ProviderState &state, ConcertProviderRun &run);
    void stopForTheDay(ProviderState &state, ConcertProviderRun &run);
    void finish();
    void fail(const std::exception &error);

    const ConnectionString m_connectionString;
    const ConcertConfig m_config;
    Tuning m_tuning;
    std::unique_ptr<pqxx::connection> m_connection;
    QList<ProviderState> m_providers;
    QList<Search> m_searches;
    ConcertRefreshReport m_report;
    Callback m_done;
    bool m_running = false;
};

// serve's schedule (concerts_interval): a refresh at start and then every interval, on the main thread's event
// loop. A tick while a refresh is still running is skipped.
class ConcertScheduler : public QObject
{
    Q_OBJECT

public:
    ConcertScheduler(ConnectionString connectionString, ConcertConfig config, QObject *parent = nullptr);

    // Does nothing when the interval is 0 or no provider is configured (said once in the log).
    void start();

private:
    void tick();

    ConcertRefresher m_refresher;
    const ConcertConfig m_config;
    QTimer m_timer;
};

} // namespace hub
