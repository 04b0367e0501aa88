#include "engine/ingest/connectivity.h"
#include "engine/ingest/storethread.h"
#include "engine/ingest/syncservice.h"
#include "engine/spotify/accesstokenprovider.h"
#include "engine/spotify/spotifyclient.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace engine;
using namespace std::chrono_literals;
using testsupport::FakeSpotify;
using testsupport::FakeSpotifyFault;
using testsupport::FakeSpotifyLibrary;
using testsupport::FakeSpotifyTokenProvider;

namespace
{

constexpr int SyncTimeoutMs = 60000;
constexpr int AnswerTimeoutMs = 10000;
const QString PlaylistItemsOperation = QStringLiteral("GET /playlists/{playlist_id}/items");

// The client's policy with delays short enough for a test; the rules stay those of RELIABILITY.md §6.2.
SpotifyPolicy quickPolicy()
{
    SpotifyPolicy policy;
    policy.backoffBase = 5ms;
    policy.backoffCap = 20ms;
    policy.gateJitter = 5ms;
    policy.defaultRetryAfter = 20ms;
    return policy;
}

// What a full sync of the fake's library must leave in the cache.
struct Expected {
    qint64 savedTracks = 0;
    qint64 followedArtists = 0;
    qint64 playlists = 0;
    qint64 playlistItems = 0;
    qint64 topItems = 0;
    qint64 plays = 0;
    QHash<QString, qint64> readablePlaylists; // id → number of items
};

Expected expectedOf(FakeSpotify &spotify)
{
    const qint64 now = spotify.nowMs();
    Expected expected;
    spotify.withLibrary([&expected, now](FakeSpotifyLibrary &library) {
        expected.savedTracks = library.savedTracks.size();
        expected.followedArtists = library.followedArtistIds.size();
        for (const QString &id : std::as_const(library.myPlaylistIds)) {
            const auto *playlist = library.playlist(id);
            if (playlist && library.ownsOrCollaborates(*playlist)) {
                ++expected.playlists;
                expected.playlistItems += playlist->entries.size();
                expected.readablePlaylists.insert(id, playlist->entries.size());
            }
        }
        for (const auto range : {testsupport::FakeSpotifyTimeRange::ShortTerm,
                                 testsupport::FakeSpotifyTimeRange::MediumTerm,
                                 testsupport::FakeSpotifyTimeRange::LongTerm}) {
            expected.topItems += library.topTrackIds(range, now).size() + library.topArtistIds(range, now).size();
        }
        expected.plays = library.reachablePlays().size();
    });
    return expected;
}

QStringList trackIds(FakeSpotify &spotify, int count)
{
    QStringList ids;
    spotify.withLibrary([&ids, count](FakeSpotifyLibrary &library) {
        for (int i = 0; i < count; ++i) {
            ids.append(library.tracks.at(i).id);
        }
    });
    return ids;
}

// The playlists whose items were asked for, whatever the number of pages.
QSet<QString> playlistsAskedForItems(const FakeSpotify &spotify)
{
    QSet<QString> ids;
    for (const FakeSpotify::RecordedRequest &request : spotify.requests()) {
        if (request.operation == PlaylistItemsOperation) {
            ids.insert(request.request.path.section(QLatin1Char('/'), 3, 3));
        }
    }
    return ids;
}

QString errorsOf(const SyncSummary &summary)
{
    QStringList lines;
    for (const SyncStepError &error : summary.errors) {
        lines.append(syncStepName(error.step) + QStringLiteral(": ") + error.message);
    }
    return lines.join(QLatin1Char('\n'));
}

// A fake Spotify, the one client, and a real cache in a temporary directory, with a sync service over them.
class Rig
{
public:
    bool setUp(const SyncSettings &settings = {})
    {
        if (!spotify.start() || !dir.isValid()) {
            return false;
        }
        tokens = std::make_unique<FakeSpotifyTokenProvider>(spotify);
        client = std::make_unique<SpotifyClient>(spotify.apiUrl(), tokens.get(), SpotifyApiProfile::DevelopmentMode);
        client->setPolicy(quickPolicy());
        std::optional<StoreStatus> status;
        store.open(dir.path(), &context, [&status](const StoreStatus &answer) {
            status = answer;
        });
        if (!QTest::qWaitFor(
                [&status] {
                    return status.has_value();
                },
                AnswerTimeoutMs)
            || status->state != StoreStatus::State::Ready) {
            return false;
        }
        connectivity.watch(client.get());
        service = std::make_unique<SyncService>(client.get(), &store, &connectivity);
        service->setSettings(settings);
        return true;
    }

    // Runs a full sync or a poll and returns its summary; nullopt when none came.
    std::optional<SyncSummary> run(SyncSummary::Kind kind = SyncSummary::Kind::Full)
    {
        QSignalSpy finished(service.get(), &SyncService::finished);
        if (kind == SyncSummary::Kind::Full) {
            service->syncNow();
        } else {
            service->pollNow();
        }
        if (!finished.wait(SyncTimeoutMs)) {
            return std::nullopt;
        }
        return service->lastSummary();
    }

    // The first column of the first row of `sql` with ?1, ?2 … bound to `parameters`; -1 on failure.
    qint64 value(const QByteArray &sql, const QVariantList &parameters = {})
    {
        std::optional<qint64> answer;
        store.post(
            [sql, parameters](Store &cache) -> Result<qint64> {
                auto statement = cache.database().prepare(sql);
                if (!statement) {
                    return statement.error();
                }
                const auto rows = statement.value().query(parameters);
                if (!rows) {
                    return rows.error();
                }
                return rows.value().value(0).value(0).toLongLong();
            },
            &context,
            [&answer](Result<qint64> result) {
                answer = result ? result.value() : -1;
            });
        if (!QTest::qWaitFor(
                [&answer] {
                    return answer.has_value();
                },
                AnswerTimeoutMs)) {
            return -1;
        }
        return *answer;
    }

    qint64 count(const char *table)
    {
        return value(QByteArray("SELECT count(*) FROM ") + table);
    }

    QString lastError(const QString &resource)
    {
        std::optional<QString> answer;
        store.post(
            [resource](Store &cache) -> Result<QString> {
                auto statement = cache.database().prepare("SELECT last_error FROM sync_state WHERE resource = ?1");
                if (!statement) {
                    return statement.error();
                }
                const auto rows = statement.value().query({resource});
                if (!rows) {
                    return rows.error();
                }
                return rows.value().value(0).value(0).toString();
            },
            &context,
            [&answer](Result<QString> result) {
                answer = result ? result.value() : QString();
            });
        if (!QTest::qWaitFor(
                [&answer] {
                    return answer.has_value();
                },
                AnswerTimeoutMs)) {
            return QStringLiteral("(no answer from the cache)");
        }
        return *answer;
    }

    FakeSpotify spotify; // development-2026, seed 2026
    QTemporaryDir dir;
    QObject context;
    StoreThread store;
    std::unique_ptr<FakeSpotifyTokenProvider> tokens;
    std::unique_ptr<SpotifyClient> client;
    Connectivity connectivity;
    std::unique_ptr<SyncService> service;
};

} // namespace

class TestSyncService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullSyncMirrorsTheLibraryAndTheSecondFetchesLittle()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        QSignalSpy progress(rig.service.get(), &SyncService::progressChanged);

        QElapsedTimer wall;
        wall.start();
        const auto first = rig.run();
        const qint64 wallMs = wall.elapsed();
        QVERIFY(first);
        QVERIFY2(first->complete, qPrintable(errorsOf(*first)));
        QVERIFY(progress.count() >= 6);
        QVERIFY(!rig.service->isBusy());

        const Expected expected = expectedOf(rig.spotify);
        QCOMPARE(rig.count("users"), 1);
        QCOMPARE(rig.count("saved_tracks"), expected.savedTracks);
        QCOMPARE(rig.count("followed_artists"), expected.followedArtists);
        QCOMPARE(rig.count("playlists"), expected.playlists);
        QCOMPARE(rig.count("playlist_items"), expected.playlistItems);
        QCOMPARE(rig.count("top_snapshots"), 6);
        QCOMPARE(rig.count("top_snapshot_items"), expected.topItems);
        QCOMPARE(rig.count("plays"), expected.plays);
        QCOMPARE(first->newPlays, expected.plays);
        QVERIFY(first->gapsFound.isEmpty());

        const QList<FakeSpotify::RecordedRequest> requests = rig.spotify.requests();
        QCOMPARE(first->requests, requests.size());
        const QStringList removed = rig.spotify.removedOperations();
        for (const FakeSpotify::RecordedRequest &request : requests) {
            QVERIFY2(!removed.contains(request.operation), qPrintable(request.operation));
            QVERIFY2(request.status < 400,
                     qPrintable(QStringLiteral("%1 answered %2").arg(request.operation).arg(request.status)));
            QVERIFY2(request.request.queryValue(QStringLiteral("limit")).isEmpty()
                         || request.request.queryValue(QStringLiteral("limit")) == QStringLiteral("50"),
                     qPrintable(request.operation));
        }
        // Exactly the readable playlists that have items are asked for them (the empty one is known from its total).
        QSet<QString> withItems;
        for (auto it = expected.readablePlaylists.cbegin(); it != expected.readablePlaylists.cend(); ++it) {
            if (it.value() > 0) {
                withItems.insert(it.key());
            }
        }
        QCOMPARE(playlistsAskedForItems(rig.spotify), withItems);
        qInfo("full sync of the fake library (development-2026, seed 2026): %lld ms wall, %lld ms in the service, "
              "%d requests, %d items written, %d plays",
              wallMs,
              first->durationMs,
              first->requests,
              first->itemsUpdated,
              first->newPlays);

        rig.spotify.clearRequests();
        const auto second = rig.run();
        QVERIFY(second);
        QVERIFY2(second->complete, qPrintable(errorsOf(*second)));
        QCOMPARE(second->requests, rig.spotify.requestCount());
        // recently played, the first page of saved tracks, the followed artists (2 pages) and the playlist list
        QVERIFY2(second->requests <= 5, qPrintable(QString::number(second->requests)));
        QCOMPARE(rig.spotify.requestCount("GET", QStringLiteral("^/v1/playlists/")), 0);
        QCOMPARE(second->newPlays, 0);
        QCOMPARE(second->itemsUpdated, 0);
        QCOMPARE(rig.count("saved_tracks"), expected.savedTracks);
        QCOMPARE(rig.count("playlist_items"), expected.playlistItems);
        QCOMPARE(rig.count("top_snapshots"), 6);
        QCOMPARE(rig.count("plays"), expected.plays);
        qInfo("second sync: %lld ms in the service, %d requests", second->durationMs, second->requests);
    }

    void libraryChangesAreFetched()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        QVERIFY(rig.run());
        const Expected before = expectedOf(rig.spotify);

        // A track saved, an artist unfollowed and one owned playlist edited.
        QString changedPlaylist;
        const QString newTrack = trackIds(rig.spotify, 1).first();
        const qint64 now = rig.spotify.nowMs();
        rig.spotify.withLibrary([&changedPlaylist, &newTrack, now](FakeSpotifyLibrary &library) {
            library.removeSavedTracks({newTrack});
            library.saveTracks({newTrack}, now);
            library.unfollowArtists({library.followedArtistIds.first()});
            for (const QString &id : std::as_const(library.myPlaylistIds)) {
                auto *playlist = library.playlist(id);
                if (playlist->ownerId == library.me.id && playlist->entries.size() > 2) {
                    playlist->entries.removeLast();
                    ++playlist->version;
                    changedPlaylist = id;
                    break;
                }
            }
        });
        QVERIFY(!changedPlaylist.isEmpty());
        const Expected after = expectedOf(rig.spotify);
        rig.spotify.clearRequests();

        const auto summary = rig.run();
        QVERIFY(summary);
        QVERIFY2(summary->complete, qPrintable(errorsOf(*summary)));
        QCOMPARE(rig.count("saved_tracks"), after.savedTracks);
        QCOMPARE(rig.count("followed_artists"), before.followedArtists - 1);
        QCOMPARE(rig.count("playlist_items"), before.playlistItems - 1);
        QCOMPARE(rig.value("SELECT count(*) FROM saved_tracks s JOIN tracks t ON t.id = s.track_id "
                           "WHERE t.spotify_id = ?1",
                           {newTrack}),
                 1);
        // Only the edited playlist's items are fetched again.
        QCOMPARE(playlistsAskedForItems(rig.spotify), QSet<QString>{changedPlaylist});
    }

    void newPlaysArePolledOnce()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        QVERIFY(rig.run());
        const qint64 before = rig.count("plays");

        const QStringList tracks = trackIds(rig.spotify, 3);
        const qint64 now = rig.spotify.nowMs();
        QList<qint64> playedAt;
        for (int i = 0; i < tracks.size(); ++i) {
            playedAt.append(now - (3 - i) * 60'000);
            rig.spotify.appendPlay(tracks.at(i), {}, playedAt.last());
        }
        rig.spotify.clearRequests();
        const auto poll = rig.run(SyncSummary::Kind::Poll);
        QVERIFY(poll);
        QVERIFY2(poll->complete, qPrintable(errorsOf(*poll)));
        QCOMPARE(poll->kind, SyncSummary::Kind::Poll);
        QCOMPARE(poll->newPlays, 3);
        QCOMPARE(poll->requests, 1);
        QCOMPARE(rig.spotify.requestCount(), 1);
        QVERIFY(poll->gapsFound.isEmpty());
        QCOMPARE(rig.count("plays"), before + 3);
        for (int i = 0; i < tracks.size(); ++i) {
            QCOMPARE(rig.value("SELECT count(*) FROM plays p JOIN tracks t ON t.id = p.track_id "
                               "WHERE t.spotify_id = ?1 AND p.played_at_ms = ?2",
                               {tracks.at(i), playedAt.at(i)}),
                     1);
        }

        const auto again = rig.run(SyncSummary::Kind::Poll);
        QVERIFY(again);
        QCOMPARE(again->newPlays, 0);
        QCOMPARE(rig.count("plays"), before + 3);
        QCOMPARE(rig.count("sync_gaps"), 0);
    }

    void moreThanFiftyPlaysBetweenPollsLeaveAGap()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        QSignalSpy gapsChanged(rig.service.get(), &SyncService::gapsChanged);
        QVERIFY(rig.run());
        const qint64 newestKnown = rig.value("SELECT max(played_at_ms) FROM plays");
        QVERIFY(newestKnown > 0);

        // Five hours later, 60 plays three minutes apart: the oldest 10 are out of reach.
        rig.spotify.advanceClock(5h);
        const qint64 now = rig.spotify.nowMs();
        const QStringList tracks = trackIds(rig.spotify, 60);
        for (int i = 0; i < 60; ++i) {
            rig.spotify.appendPlay(tracks.at(i), {}, now - (60 - i) * 180'000);
        }
        const qint64 oldestReachable = now - 50 * 180'000;

        const auto poll = rig.run(SyncSummary::Kind::Poll);
        QVERIFY(poll);
        QCOMPARE(poll->newPlays, 50);
        QCOMPARE(poll->gapsFound.size(), 1);
        QCOMPARE(poll->gapsFound.first().fromMs, newestKnown);
        QCOMPARE(poll->gapsFound.first().toMs, oldestReachable);
        QCOMPARE(rig.service->gaps(), poll->gapsFound);
        QVERIFY(gapsChanged.count() >= 1);
        QCOMPARE(rig.count("sync_gaps"), 1);
        QCOMPARE(rig.value("SELECT from_ms FROM sync_gaps"), newestKnown);
        QCOMPARE(rig.value("SELECT to_ms FROM sync_gaps"), oldestReachable);

        // The next poll overlaps what this one stored: no new gap.
        const auto next = rig.run(SyncSummary::Kind::Poll);
        QVERIFY(next);
        QVERIFY(next->gapsFound.isEmpty());
        QCOMPARE(rig.count("sync_gaps"), 1);
    }

    void failingStepKeepsTheOthers_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("times");
        QTest::addColumn<SyncStep>("step");
        QTest::addColumn<SpotifyError::Kind>("kind");
        QTest::addColumn<QString>("resource");

        // Four answers in a row: every attempt the client makes.
        QTest::addRow("server-error-on-saved-tracks")
            << QStringLiteral("^/v1/me/tracks$") << 500 << 4 << SyncStep::SavedTracks << SpotifyError::Kind::ServerError
            << QStringLiteral("saved_tracks");
        QTest::addRow("rate-limited-followed-artists")
            << QStringLiteral("^/v1/me/following$") << 429 << 4 << SyncStep::FollowedArtists
            << SpotifyError::Kind::RateLimited << QStringLiteral("followed_artists");
    }

    void failingStepKeepsTheOthers()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(int, times);
        QFETCH(SyncStep, step);
        QFETCH(SpotifyError::Kind, kind);
        QFETCH(QString, resource);

        Rig rig;
        QVERIFY(rig.setUp());
        rig.spotify.addFault(status == 429 ? FakeSpotifyFault::rateLimited(0, path, times)
                                           : FakeSpotifyFault::serverError(status, path, times));
        QSignalSpy stepFailed(rig.service.get(), &SyncService::stepFailed);
        const auto summary = rig.run();
        QVERIFY(summary);
        QVERIFY(!summary->complete);
        QCOMPARE(summary->errors.size(), 1);
        QCOMPARE(summary->errors.first().step, step);
        QCOMPARE(summary->errors.first().spotifyError, std::optional<SpotifyError::Kind>(kind));
        QVERIFY(!summary->errors.first().message.isEmpty());
        QCOMPARE(stepFailed.count(), 1);
        QCOMPARE(rig.service->pauseReason(), SyncService::PauseReason::None);
        QVERIFY(!rig.lastError(resource).isEmpty());

        // Every other step stored its part, before and after the failing one.
        const Expected expected = expectedOf(rig.spotify);
        QCOMPARE(rig.count("users"), 1);
        QCOMPARE(rig.count("top_snapshots"), 6);
        QCOMPARE(rig.count("plays"), expected.plays);
        QCOMPARE(rig.count("saved_tracks"), step == SyncStep::SavedTracks ? 0 : expected.savedTracks);
        QCOMPARE(rig.count("followed_artists"), step == SyncStep::FollowedArtists ? 0 : expected.followedArtists);
        QCOMPARE(rig.count("playlists"), expected.playlists);
        QCOMPARE(rig.count("playlist_items"), expected.playlistItems);

        // The next sync catches up.
        const auto next = rig.run();
        QVERIFY(next);
        QVERIFY2(next->complete, qPrintable(errorsOf(*next)));
        QCOMPARE(rig.count("saved_tracks"), expected.savedTracks);
        QCOMPARE(rig.count("followed_artists"), expected.followedArtists);
        QVERIFY(rig.lastError(resource).isEmpty());
    }

    void failedPlaylistWaitsForTheNextSync()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        const Expected expected = expectedOf(rig.spotify);
        QString failing;
        for (auto it = expected.readablePlaylists.cbegin(); it != expected.readablePlaylists.cend(); ++it) {
            if (it.value() > 0) {
                failing = it.key();
                break;
            }
        }
        QVERIFY(!failing.isEmpty());
        rig.spotify.addFault(
            FakeSpotifyFault::serverError(502, QStringLiteral("^/v1/playlists/%1/items").arg(failing), 4));

        const auto summary = rig.run();
        QVERIFY(summary);
        QCOMPARE(summary->errors.size(), 1);
        QCOMPARE(summary->errors.first().step, SyncStep::Playlists);
        QCOMPARE(rig.count("playlists"), expected.playlists - 1);
        QCOMPARE(rig.count("playlist_items"), expected.playlistItems - expected.readablePlaylists.value(failing));

        rig.spotify.clearRequests();
        const auto next = rig.run();
        QVERIFY(next);
        QVERIFY2(next->complete, qPrintable(errorsOf(*next)));
        QCOMPARE(playlistsAskedForItems(rig.spotify), QSet<QString>{failing});
        QCOMPARE(rig.count("playlists"), expected.playlists);
        QCOMPARE(rig.count("playlist_items"), expected.playlistItems);
    }

    void quotaExceededPausesTheSchedule()
    {
        SyncSettings settings;
        settings.pollInterval = 50ms;
        Rig rig;
        QVERIFY(rig.setUp(settings));
        rig.spotify.addFault(FakeSpotifyFault::quotaExceeded(-1, QStringLiteral("^/v1/me/player/recently-played$")));
        QSignalSpy finished(rig.service.get(), &SyncService::finished);
        QSignalSpy pauseChanged(rig.service.get(), &SyncService::pauseChanged);

        rig.service->start();
        QVERIFY(finished.wait(SyncTimeoutMs));
        const SyncSummary summary = *rig.service->lastSummary();
        QVERIFY(!summary.complete);
        QCOMPARE(summary.errors.size(), 1);
        QCOMPARE(summary.errors.first().spotifyError, std::optional(SpotifyError::Kind::QuotaExceeded));
        QCOMPARE(rig.service->pauseReason(), SyncService::PauseReason::QuotaExceeded);
        QVERIFY(!rig.service->pauseMessage().isEmpty());
        QCOMPARE(pauseChanged.count(), 1);
        // What came before the quota ran out is stored; nothing after it was asked for.
        QCOMPARE(rig.count("users"), 1);
        QCOMPARE(rig.count("top_snapshots"), 6);
        QCOMPARE(rig.count("saved_tracks"), 0);
        QCOMPARE(rig.spotify.requestCount("GET", QStringLiteral("^/v1/me/tracks")), 0);

        // Ten poll intervals later nothing more was sent, and asking does not start a storm either.
        const int sent = rig.spotify.requestCount();
        rig.service->syncNow();
        rig.service->pollNow();
        QVERIFY(!rig.service->isBusy());
        QVERIFY(!finished.wait(500));
        QCOMPARE(rig.spotify.requestCount(), sent);
        QVERIFY(rig.service->isActive());
    }

    void expiredSignInPausesUntilAskedAgain()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        rig.spotify.addFault(FakeSpotifyFault::accessTokenExpired(QStringLiteral("^/v1/me$"), -1));
        rig.service->start();
        QSignalSpy finished(rig.service.get(), &SyncService::finished);
        QVERIFY(finished.wait(SyncTimeoutMs));
        const SyncSummary summary = *rig.service->lastSummary();
        QCOMPARE(summary.errors.size(), 1);
        QCOMPARE(summary.errors.first().spotifyError, std::optional(SpotifyError::Kind::SessionExpired));
        QCOMPARE(rig.service->pauseReason(), SyncService::PauseReason::SignInNeeded);
        // Nothing but the profile was asked for: every other request would have failed the same way.
        QCOMPARE(rig.spotify.requestCount("GET", QStringLiteral("^/v1/me/")), 0);

        // Signed in again, the user (or the app) asks for a sync, and the schedule resumes.
        rig.spotify.clearFaults();
        const auto next = rig.run();
        QVERIFY(next);
        QVERIFY2(next->complete, qPrintable(errorsOf(*next)));
        QCOMPARE(rig.service->pauseReason(), SyncService::PauseReason::None);
        QVERIFY(rig.service->pauseMessage().isEmpty());
    }

    void unreachableSpotifyIsProbedWithBackoff()
    {
        SyncSettings settings;
        settings.pollInterval = 20ms;
        settings.offlineProbeFirst = 100ms;
        settings.offlineProbeLast = 400ms;
        Rig rig;
        QVERIFY(rig.setUp(settings));
        rig.spotify.stop();

        QElapsedTimer clock;
        clock.start();
        QList<qint64> endedAt;
        connect(rig.service.get(), &SyncService::finished, this, [&endedAt, &clock](const SyncSummary &) {
            endedAt.append(clock.elapsed());
        });
        rig.service->start();
        QTRY_VERIFY_WITH_TIMEOUT(endedAt.size() >= 4, SyncTimeoutMs);
        QCOMPARE(rig.service->pauseReason(), SyncService::PauseReason::Offline);
        const SyncSummary summary = *rig.service->lastSummary();
        QCOMPARE(summary.errors.size(), 1);
        QVERIFY(summary.errors.first().spotifyError == SpotifyError::Kind::Network
                || summary.errors.first().spotifyError == SpotifyError::Kind::CircuitOpen);
        // Each probe waits longer than the last (100, 200, 400 ms), never just the 20 ms poll interval. A coarse
        // timer may fire up to 5% early.
        const qint64 waits[] = {100, 200, 400};
        for (int i = 0; i < 3; ++i) {
            const qint64 waited = endedAt.at(i + 1) - endedAt.at(i);
            QVERIFY2(waited >= waits[i] * 95 / 100,
                     qPrintable(QStringLiteral("probe %1 after %2 ms").arg(i + 1).arg(waited)));
        }
        rig.service->stop();
        QVERIFY(!rig.service->isActive());
    }

    void unansweredRequestsMakeItOfflineAndAnAnswerOnline()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        QVERIFY(rig.run());
        QVERIFY(rig.connectivity.isOnline());
        rig.spotify.stop();
        QVERIFY(rig.run(SyncSummary::Kind::Poll));
        // The poll's request was tried up to maxAttempts times without an answer.
        QVERIFY(!rig.connectivity.isOnline());
        QCOMPARE(rig.connectivity.reason(), Connectivity::Reason::Unreachable);
        QVERIFY(rig.connectivity.offlineSinceMs().has_value());
    }

    void theSystemsReachabilityPausesAndItsReturnProbesAtOnce()
    {
        SyncSettings settings;
        settings.pollInterval = 1h;
        settings.offlineProbeFirst = 100ms;
        // Only the network's return can bring the next probe this early.
        settings.offlineProbeLast = 100ms;
        Rig rig;
        QVERIFY(rig.setUp(settings));
        QSignalSpy finished(rig.service.get(), &SyncService::finished);
        rig.service->start();
        QVERIFY(finished.wait(SyncTimeoutMs));
        QVERIFY(rig.service->lastSummary()->complete);
        QTest::qWait(int(settings.offlineProbeFirst.count()));

        // No network: the schedule pauses at once, without sending anything.
        const int requests = rig.spotify.requestCount();
        rig.connectivity.setSystemReachable(false);
        QVERIFY(!rig.connectivity.isOnline());
        QCOMPARE(rig.connectivity.reason(), Connectivity::Reason::NoNetwork);
        QCOMPARE(rig.service->pauseReason(), SyncService::PauseReason::Offline);
        QVERIFY(!rig.service->isBusy());
        QCOMPARE(rig.spotify.requestCount(), requests);

        // The network is back: one probe goes out at once, and its success ends the pause.
        rig.connectivity.setSystemReachable(true);
        QVERIFY(rig.connectivity.isOnline());
        QVERIFY(rig.service->isBusy());
        QVERIFY(finished.wait(SyncTimeoutMs));
        QVERIFY(rig.service->lastSummary()->complete);
        QCOMPARE(rig.service->pauseReason(), SyncService::PauseReason::None);
        rig.service->stop();
    }

    void pollTimerPollsRecentlyPlayed()
    {
        SyncSettings settings;
        settings.pollInterval = 100ms;
        Rig rig;
        QVERIFY(rig.setUp(settings));
        QList<SyncSummary::Kind> kinds;
        connect(rig.service.get(), &SyncService::finished, this, [&kinds](const SyncSummary &summary) {
            kinds.append(summary.kind);
        });
        QSignalSpy active(rig.service.get(), &SyncService::activeChanged);

        rig.service->start();
        QVERIFY(rig.service->isActive());
        QCOMPARE(active.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(kinds.size() >= 3, SyncTimeoutMs);
        QCOMPARE(kinds.at(0), SyncSummary::Kind::Full);
        QCOMPARE(kinds.at(1), SyncSummary::Kind::Poll);
        QCOMPARE(kinds.at(2), SyncSummary::Kind::Poll);

        // A play is picked up without anyone asking.
        const qint64 before = rig.count("plays");
        rig.spotify.appendPlay(trackIds(rig.spotify, 1).first(), {}, rig.spotify.nowMs() - 1000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.count("plays"), before + 1, SyncTimeoutMs);

        rig.service->stop();
        QVERIFY(!rig.service->isActive());
        const qsizetype polls = kinds.size();
        QVERIFY(!QTest::qWaitFor(
            [&kinds, polls] {
                return kinds.size() > polls;
            },
            500));
    }
};

QTEST_GUILESS_MAIN(TestSyncService)
#include "tst_syncservice.moc"
