// RELIABILITY.md T25, offline mode, for the client side: the real SyncService, SpotifyClient and Connectivity
// against the fake Spotify behind the fault proxy, with a real cache. While the service runs, the upstream is cut
// off (connections refused, or a black hole that answers nothing); the service must notice within 5 s, keep the
// cache readable, and send only a bounded number of probes. Ten plays happen meanwhile; once the network is back
// the next sync stores exactly those ten and the outbox holds ten new play events with distinct event_ids,
// without a retry storm.
//
// The hub's half of T25: with PostgreSQL at hand, the real hub (tests/hubclient's LoopbackHub) sits behind a fault
// proxy of its own that the outage cuts off too, and the HubClient paired through it uploads the outbox from the
// StoreThread as the app does. The hub comes back only after Spotify, so that the upload after the catch-up sync meets
// it still cut off: its tries stop at the circuit breaker (UP-4) with the ten events kept, and once the hub is back the
// client's own probe drains the outbox; the hub then has exactly the ten new plays, with no 4xx or 5xx on the way.

#include "engine/hubclient/hubclient.h"
#include "engine/ingest/connectivity.h"
#include "engine/ingest/storethread.h"
#include "engine/ingest/syncoverview.h"
#include "engine/ingest/syncservice.h"
#include "engine/spotify/secretstore.h"
#include "engine/spotify/spotifyclient.h"
#include "engine/store/outboxrepository.h"
#include "tests/hubclient/hubclienttestsupport.h"
#include "tests/support/faultproxy/faultproxy.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace engine;
using namespace std::chrono_literals;
using testsupport::FakeSpotify;
using testsupport::FakeSpotifyLibrary;
using testsupport::FakeSpotifyTokenProvider;
using testsupport::FaultProxy;

namespace
{

constexpr int AnswerTimeoutMs = 10000;
constexpr int SyncTimeoutMs = 60000;
// UP-5 and T25: the offline state (and so the banner) within 5 s of the network going away.
constexpr qint64 OfflineWithinMs = 5000;
// How long the outage lasts once noticed: long enough for several probes.
constexpr qint64 OutageMs = 8000;
constexpr int PlaysWhileOffline = 10;

enum class Outage {
    Refused, // the proxy is down: every connection is refused
    Timeouts, // Toxiproxy's timeout 0: connections are accepted and never answered
};

// The rules of RELIABILITY.md §6.2 with delays short enough for a test. The transfer timeout is shortened so
// that a black hole is noticed within the 5 s as well (with the default 20 s, a black-holed network that the
// system still reports as up takes three timeouts to notice).
SpotifyPolicy testPolicy()
{
    SpotifyPolicy policy;
    policy.transferTimeout = 750ms;
    policy.backoffBase = 100ms;
    policy.backoffCap = 400ms;
    policy.circuitHalfOpenAfter = 2s;
    return policy;
}

// The hub client's numbers for the test: the Spotify policy's short delays, the requirement's thresholds.
HubClient::Options hubOptions(const SpotifyPolicy &policy)
{
    HubClient::Options options;
    options.transferTimeout = policy.transferTimeout;
    options.backoffBase = policy.backoffBase;
    options.backoffCap = policy.backoffCap;
    options.circuitHalfOpenAfter = policy.circuitHalfOpenAfter;
    return options;
}

// The hub's side: the real hub behind its own fault proxy, and the client paired with it through the proxy.
struct HubSide {
    explicit HubSide(HubClient::StoreRunner runner, const HubClient::Options &options)
        : proxy(QStringLiteral("127.0.0.1"), loopback.port(), 26)
        , client(std::move(runner), &secrets, &network, options)
    {
    }

    // Starts the proxy and pairs; empty, or what failed.
    QString pair()
    {
        if (!loopback.isReady()) {
            return QStringLiteral("the hub did not start: ") + loopback.hub.database.errorString();
        }
        if (!proxy.start()) {
            return proxy.errorString();
        }
        std::optional<HubPairOutcome> paired;
        client.pair(HubPairRequest{proxy.url().toString(),
                                   loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("T25"))),
                                   QStringLiteral("Alex"),
                                   QStringLiteral("laptop"),
                                   false,
                                   {}},
                    [&paired](const HubPairOutcome &outcome) {
                        paired = outcome;
                    });
        if (!QTest::qWaitFor(
                [&paired] {
                    return paired.has_value();
                },
                AnswerTimeoutMs)) {
            return QStringLiteral("no answer to the pairing");
        }
        return paired->status == HubPairOutcome::Status::Paired ? QString() : paired->message;
    }

    std::optional<HubUploadReport> upload()
    {
        std::optional<HubUploadReport> report;
        client.uploadOutbox([&report](const HubUploadReport &r) {
            report = r;
        });
        if (!QTest::qWaitFor(
                [&report] {
                    return report.has_value();
                },
                SyncTimeoutMs)) {
            return std::nullopt;
        }
        return report;
    }

    qint64 plays()
    {
        return loopback.hub.database.scalar("SELECT count(*) FROM plays");
    }

    hubclienttest::LoopbackHub loopback;
    FaultProxy proxy;
    MemorySecretStore secrets;
    QNetworkAccessManager network;
    HubClient client;
};

SyncSettings testSettings()
{
    SyncSettings settings;
    settings.pollInterval = 1s;
    settings.offlineProbeFirst = 500ms;
    settings.offlineProbeLast = 2s;
    return settings;
}

} // namespace

Q_DECLARE_METATYPE(Outage)

class TestOfflineMode : public QObject
{
    Q_OBJECT

private:
    QObject m_context;

    // Runs `job` on the store and waits for its answer.
    template<typename T, typename Job>
    std::optional<T> ask(StoreThread &store, Job job)
    {
        std::optional<T> answer;
        bool answered = false;
        store.post(job, &m_context, [&answer, &answered](const Result<T> &result) {
            if (result) {
                answer = result.value();
            }
            answered = true;
        });
        if (!QTest::qWaitFor(
                [&answered] {
                    return answered;
                },
                AnswerTimeoutMs)) {
            return std::nullopt;
        }
        return answer;
    }

    static Result<qint64> playCount(Store &store)
    {
        const auto value = store.database().scalar("SELECT count(*) FROM plays");
        if (!value) {
            return value.error();
        }
        return value.value().toLongLong();
    }

    static Result<QList<OutboxEvent>> outboxEvents(Store &store)
    {
        auto outbox = OutboxRepository::create(store.database());
        if (!outbox) {
            return outbox.error();
        }
        return outbox.value().pending(100000);
    }

private Q_SLOTS:
    void catchesUpAfterAnOutage_data()
    {
        QTest::addColumn<Outage>("outage");
        QTest::addRow("connections-refused") << Outage::Refused;
        QTest::addRow("no-answer") << Outage::Timeouts;
    }

    void catchesUpAfterAnOutage()
    {
        QFETCH(Outage, outage);
        FakeSpotify spotify;
        QVERIFY(spotify.start());
        FaultProxy proxy(QStringLiteral("127.0.0.1"), spotify.port(), 25);
        QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        StoreThread store;
        std::optional<StoreStatus> opened;
        store.open(dir.path(), &m_context, [&opened](const StoreStatus &status) {
            opened = status;
        });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), AnswerTimeoutMs);
        QCOMPARE(opened->state, StoreStatus::State::Ready);

        FakeSpotifyTokenProvider tokens(spotify);
        SpotifyClient client(proxy.proxiedUrl(spotify.apiUrl()), &tokens, SpotifyApiProfile::DevelopmentMode);
        const SpotifyPolicy policy = testPolicy();
        client.setPolicy(policy);
        Connectivity connectivity;
        connectivity.watch(&client);
        SyncService service(&client, &store, &connectivity);
        service.setSettings(testSettings());

        int unanswered = 0;
        connect(&client, &SpotifyClient::unreachable, this, [&unanswered] {
            ++unanswered;
        });
        QList<SyncSummary> summaries;
        connect(&service, &SyncService::finished, this, [&summaries](const SyncSummary &summary) {
            summaries.append(summary);
        });

        // Online: the first sync, then an incremental one, whose request count is what a catch-up may cost.
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(!summaries.isEmpty(), SyncTimeoutMs);
        QVERIFY(summaries.first().complete);
        service.syncNow();
        std::optional<SyncSummary> incremental;
        const auto incrementalFinished = [&summaries, &incremental] {
            for (qsizetype i = 1; i < summaries.size(); ++i) {
                if (summaries.at(i).kind == SyncSummary::Kind::Full) {
                    incremental = summaries.at(i);
                }
            }
            return incremental.has_value();
        };
        QVERIFY(QTest::qWaitFor(incrementalFinished, SyncTimeoutMs));
        QVERIFY(incremental->complete);
        const int incrementalRequests = incremental->requests;
        const qint64 playsBefore = ask<qint64>(store, &playCount).value_or(-1);
        const auto eventsBefore = ask<QList<OutboxEvent>>(store, &outboxEvents);
        QVERIFY(playsBefore > 0 && eventsBefore);
        // Every play the first sync stored is an event for the hub, and so is the snapshot of the library it read.
        const auto playEvents = std::count_if(eventsBefore->cbegin(), eventsBefore->cend(), [](const OutboxEvent &e) {
            return e.kind == OutboxKind::Play;
        });
        QCOMPARE(qint64(playEvents), playsBefore);
        QCOMPARE(qint64(eventsBefore->size()) - playEvents, qint64(1));
        QCOMPARE(eventsBefore->constLast().kind, OutboxKind::LibrarySnapshot);
        QVERIFY(connectivity.isOnline());

        // With PostgreSQL, the hub's half: pair and upload what is waiting, so that the hub holds every play so far.
        std::unique_ptr<HubSide> hub;
        if (!testsupport::postgresUrl().isEmpty()) {
            hub = std::make_unique<HubSide>(
                [&store, this](std::function<void(Store &)> work, std::function<void()> then) {
                    store.post(
                        [work = std::move(work)](Store &opened) {
                            work(opened);
                            return Result<bool>(true);
                        },
                        &m_context,
                        [then = std::move(then)](const Result<bool> &) {
                            then();
                        });
                },
                hubOptions(policy));
            const QString failed = hub->pair();
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
            const auto uploaded = hub->upload();
            QVERIFY(uploaded);
            QVERIFY2(uploaded->outcome == HubUploadReport::Outcome::Uploaded, qPrintable(uploaded->message));
            QCOMPARE(hub->plays(), playsBefore);
            QCOMPARE(hubclienttest::handledRequests(hub->loopback, "POST /api/v1/sync"), qint64(1));
        } else if (testsupport::servicesRequired()) {
            QFAIL("PostgreSQL is required (TUNESCOUT_TEST_REQUIRE_SERVICES=1) for the hub's half of T25");
        } else {
            qInfo("no PostgreSQL: the hub's half of T25 is left out");
        }
        const qsizetype eventsKept = hub ? 0 : eventsBefore->size(); // what the outbox holds from before the outage

        // The network goes away while the service polls every second.
        QElapsedTimer outageClock;
        outageClock.start();
        for (FaultProxy *cut : {&proxy, hub ? &hub->proxy : nullptr}) {
            if (cut && outage == Outage::Refused) {
                cut->down();
            } else if (cut) {
                cut->stall();
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(!connectivity.isOnline(), OfflineWithinMs);
        const qint64 noticedAfterMs = outageClock.elapsed();
        QCOMPARE(connectivity.reason(), Connectivity::Reason::Unreachable);
        QVERIFY(connectivity.offlineSinceMs().has_value());
        qInfo("offline noticed after %lld ms", noticedAfterMs);

        // The cache stays readable, with the time of the last sync that the banner shows.
        const auto overview = ask<SyncOverview>(store, &syncoverview::read);
        QVERIFY(overview);
        QVERIFY(overview->lastSuccessAtMs.has_value());
        QCOMPARE(overview->outboxPending, qint64(eventsKept));
        QCOMPARE(ask<qint64>(store, &playCount).value_or(-1), playsBefore);

        // Ten plays on Spotify while TuneScout cannot see them, newer than anything cached.
        spotify.advanceClock(40min);
        const qint64 now = spotify.nowMs();
        QList<qint64> playedAt;
        for (int i = 0; i < PlaysWhileOffline; ++i) {
            playedAt.append(now - (PlaysWhileOffline - i) * 180'000);
        }
        QStringList trackIds;
        spotify.withLibrary([&trackIds](FakeSpotifyLibrary &library) {
            for (int i = 0; i < PlaysWhileOffline; ++i) {
                trackIds.append(library.tracks.at(100 + i).id);
            }
        });
        for (int i = 0; i < PlaysWhileOffline; ++i) {
            spotify.appendPlay(trackIds.at(i), {}, playedAt.at(i));
        }

        // The outage lasts: the schedule probes with backoff and the circuit breaker keeps the probes off the wire.
        const int unansweredAtNotice = unanswered;
        const int fakeRequestsAtNotice = spotify.requestCount();
        QTest::qWait(int(OutageMs));
        QVERIFY(!connectivity.isOnline());
        QCOMPARE(service.pauseReason(), SyncService::PauseReason::Offline);
        const int attemptsInOutage = unanswered;
        const int probesAfterNotice = unanswered - unansweredAtNotice;
        // Bound: before the circuit opens, at most circuitThreshold attempts fail; after that, one half-open probe
        // per circuitHalfOpenAfter at most.
        const qint64 outageSoFarMs = outageClock.elapsed();
        const int bound = policy.circuitThreshold + int(outageSoFarMs / policy.circuitHalfOpenAfter.count()) + 1;
        qInfo("attempts on the wire during the outage: %d (%d after it was noticed), bound %d",
              attemptsInOutage,
              probesAfterNotice,
              bound);
        QVERIFY2(attemptsInOutage <= bound, qPrintable(QStringLiteral("%1 attempts").arg(attemptsInOutage)));
        // Nothing got through to Spotify.
        QCOMPARE(spotify.requestCount(), fakeRequestsAtNotice);

        // The network returns.
        const qsizetype summariesBeforeRestore = summaries.size();
        const int fakeRequestsBeforeRestore = spotify.requestCount();
        int fakeRequestsAtRecovery = -1;
        connect(&service, &SyncService::finished, this, [&](const SyncSummary &) {
            if (fakeRequestsAtRecovery < 0 && service.pauseReason() == SyncService::PauseReason::None) {
                fakeRequestsAtRecovery = spotify.requestCount();
            }
        });
        QElapsedTimer recoveryClock;
        recoveryClock.start();
        // Spotify first; the hub stays cut off for now (see the top of the file).
        if (outage == Outage::Refused) {
            QVERIFY(proxy.up());
        } else {
            proxy.passThrough();
        }
        QTRY_VERIFY_WITH_TIMEOUT(fakeRequestsAtRecovery >= 0, SyncTimeoutMs);
        qInfo("back online after %lld ms", recoveryClock.elapsed());
        QVERIFY(connectivity.isOnline());

        // The run that got through stored exactly the ten plays.
        int newPlays = 0;
        std::optional<SyncSummary> recovery;
        for (qsizetype i = summariesBeforeRestore; i < summaries.size(); ++i) {
            newPlays += summaries.at(i).newPlays;
            if (summaries.at(i).complete && !recovery) {
                recovery = summaries.at(i);
            }
        }
        QVERIFY(recovery);
        QCOMPARE(recovery->kind, SyncSummary::Kind::Full);
        QCOMPARE(recovery->newPlays, PlaysWhileOffline);
        QCOMPARE(newPlays, PlaysWhileOffline);
        QCOMPARE(ask<qint64>(store, &playCount).value_or(-1), playsBefore + PlaysWhileOffline);

        // No storm: each request of the catch-up went out once, no more than an incremental sync needs, and none
        // failed.
        const int catchUpRequests = fakeRequestsAtRecovery - fakeRequestsBeforeRestore;
        qInfo("catch-up: %d requests (incremental sync: %d)", catchUpRequests, incrementalRequests);
        QCOMPARE(catchUpRequests, recovery->requests);
        QVERIFY(catchUpRequests <= incrementalRequests);
        const QList<FakeSpotify::RecordedRequest> log = spotify.requests();
        for (qsizetype i = fakeRequestsBeforeRestore; i < fakeRequestsAtRecovery; ++i) {
            QVERIFY2(log.at(i).status < 400, qPrintable(log.at(i).operation));
        }

        // Ten new play events with distinct event_ids, one per play.
        const auto eventsAfter = ask<QList<OutboxEvent>>(store, &outboxEvents);
        QVERIFY(eventsAfter);
        QCOMPARE(eventsAfter->size(), eventsKept + PlaysWhileOffline);
        QSet<QString> ids;
        for (const OutboxEvent &event : *eventsAfter) {
            ids.insert(event.eventId);
        }
        QCOMPARE(ids.size(), eventsAfter->size());
        QSet<qint64> newPlayedAt;
        QSet<QString> newTracks;
        for (qsizetype i = eventsKept; i < eventsAfter->size(); ++i) {
            const OutboxEvent &event = eventsAfter->at(i);
            QCOMPARE(event.kind, OutboxKind::Play);
            newPlayedAt.insert(event.payload.value(QStringLiteral("played_at_ms")).toInteger());
            newTracks.insert(event.payload.value(QStringLiteral("track_uri")).toString());
        }
        QCOMPARE(newPlayedAt, QSet<qint64>(playedAt.cbegin(), playedAt.cend()));
        QCOMPARE(newTracks.size(), PlaysWhileOffline);

        if (hub) {
            // The app uploads after the sync, into the hub's outage: the tries stop at the circuit breaker, nothing
            // is lost, and the next try is the breaker's probe, which the client sends by itself.
            const auto afterSync = hub->upload();
            QVERIFY(afterSync);
            QVERIFY(afterSync->outcome == HubUploadReport::Outcome::Failed);
            QVERIFY2(afterSync->message.contains(QLatin1String("nothing is sent to it until")),
                     qPrintable(afterSync->message));
            QVERIFY(afterSync->nextAttemptAt.isValid());
            const auto waiting = ask<QList<OutboxEvent>>(store, &outboxEvents);
            QVERIFY(waiting);
            QCOMPARE(waiting->size(), PlaysWhileOffline);
            const HubClient::Options options = hubOptions(policy);
            for (const OutboxEvent &event : *waiting) {
                QCOMPARE(event.attempts, options.circuitThreshold); // each try counted on the events it carried
            }
            QCOMPARE(hubclienttest::handledRequests(hub->loopback, "POST /api/v1/sync"), qint64(1));

            // The hub comes back: the probe drains the outbox, and the hub has exactly the ten new plays.
            if (outage == Outage::Refused) {
                QVERIFY(hub->proxy.up());
            } else {
                hub->proxy.passThrough();
            }
            const auto outboxSize = [&store, this] {
                const auto events = ask<QList<OutboxEvent>>(store, &outboxEvents);
                return events ? events->size() : qsizetype(-1);
            };
            QTRY_COMPARE_WITH_TIMEOUT(outboxSize(), qsizetype(0), SyncTimeoutMs);
            QCOMPARE(hub->plays(), playsBefore + PlaysWhileOffline);
            QCOMPARE(hubclienttest::handledRequests(hub->loopback, "POST /api/v1/sync"), qint64(2));
            QVERIFY(!hubclienttest::answeredErrors(hub->loopback, "POST /api/v1/sync"));
        }

        service.stop();
        store.stop();
    }
};

QTEST_GUILESS_MAIN(TestOfflineMode)
#include "tst_offlinemode.moc"
