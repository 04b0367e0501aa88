// The Player backend (app/backend/player.*) on the real StoreThread and a real cache file, talking to the fake
// Spotify's device and playback state machine over loopback: adaptive polling, interpolated progress, optimistic
// commands reconciled with the next state, debounced skips sent one after the other, PREMIUM_REQUIRED and
// NO_ACTIVE_DEVICE, and skips and full plays recorded as feedback.

#include "app/backend/player.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;
using testsupport::FakeSpotify;

class TestPlayer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir; // a cache of its own for each test
    std::unique_ptr<FakeSpotify> m_spotify;
    std::unique_ptr<testsupport::FakeSpotifyTokenProvider> m_tokens;
    std::unique_ptr<engine::SpotifyClient> m_client;
    std::unique_ptr<engine::StoreThread> m_store;
    std::unique_ptr<Player> m_player;
    qint64 m_clockAheadMs = 0; // how far the app's wall clock runs ahead of the real one

    void start(const PlayerPollPolicy &policy, const FakeSpotify::Options &options = {})
    {
        m_spotify = std::make_unique<FakeSpotify>(options);
        QVERIFY(m_spotify->start());
        m_tokens = std::make_unique<testsupport::FakeSpotifyTokenProvider>(*m_spotify);
        m_dir = std::make_unique<QTemporaryDir>();
        startApp(policy);
    }

    // What the app builds when it starts: a Spotify client, the store on the cache in m_dir, the player.
    void startApp(const PlayerPollPolicy &policy, bool online = true)
    {
        m_client = std::make_unique<engine::SpotifyClient>(m_spotify->apiUrl(),
                                                           m_tokens.get(),
                                                           engine::SpotifyApiProfile::DevelopmentMode);
        // Quick retries and a circuit that half-opens soon, so that "Spotify is back" shows within the test.
        engine::SpotifyPolicy spotifyPolicy;
        spotifyPolicy.backoffBase = 20ms;
        spotifyPolicy.backoffCap = 100ms;
        spotifyPolicy.circuitHalfOpenAfter = 500ms;
        m_client->setPolicy(spotifyPolicy);
        m_store = std::make_unique<engine::StoreThread>();
        bool opened = false;
        m_store->open(m_dir->path(), m_store.get(), [&](const engine::StoreStatus &) {
            opened = true;
        });
        QTRY_VERIFY(opened);
        m_player = std::make_unique<Player>(m_store.get(), nullptr, policy);
        m_player->setWallClock([this] {
            return QDateTime::currentMSecsSinceEpoch() + m_clockAheadMs;
        });
        m_player->setClient(m_client.get());
        if (online) {
            QTRY_VERIFY(m_player->isActive());
        }
    }

    void stopApp()
    {
        m_player.reset();
        m_store->stop();
        m_store.reset();
        m_client.reset();
    }

    // A port that is free now, so that the fake can stop and start again at the same address.
    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
    }

    bool savedInFake(const QString &uri)
    {
        bool saved = false;
        m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            saved = library.isSavedTrack(uri.section(u':', 2));
        });
        return saved;
    }

    // The first track of the fake's catalogue from `from` on that is not in the user's library: toggling its heart
    // is a like (PUT) whether or not the player has read the saved state yet.
    QString unsavedTrackUri(int from) const
    {
        QString uri;
        m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            for (int i = from; i < library.tracks.size() && uri.isEmpty(); ++i) {
                if (!library.isSavedTrack(library.tracks.at(i).id)) {
                    uri = QStringLiteral("spotify:track:") + library.tracks.at(i).id;
                }
            }
        });
        return uri;
    }

    static PlayerPollPolicy quickPolicy()
    {
        PlayerPollPolicy policy;
        policy.playing = 100ms;
        policy.paused = 300ms;
        policy.hidden = 700ms;
        policy.stopAfterMinimized = 1s;
        policy.debounce = 150ms;
        return policy;
    }

    QStringList trackUris(int count, int from = 300) const
    {
        QStringList uris;
        m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            for (int i = 0; i < count; ++i) {
                uris.append(QStringLiteral("spotify:track:") + library.tracks.at(from + i).id);
            }
        });
        return uris;
    }

    QString deviceId(const QString &name) const
    {
        for (const testsupport::FakeSpotifyDevice &device : m_spotify->playback().devices) {
            if (device.name == name) {
                return device.id;
            }
        }
        return {};
    }

    // Likes recorded in the cache as the Discover page records them; the player's LibrarySync sends them.
    void likeInCache(const QStringList &uris)
    {
        bool recorded = false;
        m_store->post(
            [uris](engine::Store &store) -> engine::Result<bool> {
                auto repository = engine::FeedbackRepository::create(store.database());
                if (!repository) {
                    return repository.error();
                }
                for (const QString &uri : uris) {
                    if (auto event = repository.value().record(engine::FeedbackKind::Like,
                                                               uri,
                                                               QDateTime::currentMSecsSinceEpoch());
                        !event) {
                        return event.error();
                    }
                }
                return true;
            },
            m_player.get(),
            [&](const engine::Result<bool> &result) {
                QVERIFY2(result, result ? "" : qPrintable(result.error().message));
                recorded = true;
            });
        QTRY_VERIFY(recorded);
    }

    // Waits until the player has polled `polls` more times: what did not happen meanwhile was not sent by a poll.
    void waitForPolls(int polls)
    {
        const int before = m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$"));
        QTRY_VERIFY_WITH_TIMEOUT(m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$")) >= before + polls,
                                 20'000);
    }

    int libraryWrites() const
    {
        return m_spotify->requestCount({}, QStringLiteral("^/v1/me/library$"));
    }

    int playerCommands() const
    {
        return m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/player"))
            + m_spotify->requestCount("POST", QStringLiteral("^/v1/me/player"));
    }

    qint64 count(const QByteArray &sql)
    {
        qint64 value = -1;
        bool answered = false;
        m_store->post(
            [sql](engine::Store &store) {
                return store.database().scalar(sql);
            },
            m_player.get(),
            [&](engine::Result<QVariant> result) {
                answered = true;
                value = result ? result.value().toLongLong() : -1;
            });
        [&] {
            QTRY_VERIFY(answered);
        }();
        return value;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_player.reset();
        if (m_store) {
            m_store->stop();
        }
        m_store.reset();
        m_client.reset();
        m_tokens.reset();
        m_spotify.reset();
        m_clockAheadMs = 0;
    }

    void showsWhatPlaysAndPollsAdaptively()
    {
        const PlayerPollPolicy policy = quickPolicy();
        start(policy);
        QVERIFY(!m_player->title().isEmpty());
        QVERIFY(!m_player->isPlaying());
        QCOMPARE(m_player->deviceName(), QStringLiteral("Living Room Speaker"));
        QCOMPARE(m_player->volume(), 45);
        QVERIFY(m_player->canPlayPause());
        QTRY_COMPARE(m_player->pollIntervalMs(), int(policy.paused.count()));

        const QStringList uris = trackUris(3);
        m_player->playUris(uris);
        QTRY_COMPARE(m_player->trackUri(), uris.at(0));
        QTRY_VERIFY(m_player->isPlaying());
        QTRY_COMPARE(m_player->pollIntervalMs(), int(policy.playing.count()));
        QVERIFY(!m_player->canSkipPrevious()); // the fake disallows skipping back from the first item
        QVERIFY(m_player->canSkipNext());

        m_player->setWindowActivity(false, false);
        QCOMPARE(m_player->pollIntervalMs(), int(policy.hidden.count()));
        m_player->setWindowActivity(false, true);
        QTRY_COMPARE(m_player->pollIntervalMs(), 0); // minimised for stopAfterMinimized: no more polling
        const int seen = m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$"));
        m_player->setWindowActivity(true, false);
        QTRY_VERIFY(m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$")) > seen);
        // The timer is off while a poll is on the wire (the fake counts it on arrival); the answer starts the next.
        QTRY_COMPARE(m_player->pollIntervalMs(), int(policy.playing.count()));
    }

    void interpolatesProgressBetweenPolls()
    {
        PlayerPollPolicy policy = quickPolicy();
        // No poll from the timer at all: only the first one and the one that reconciles the play command.
        policy.playing = 10min;
        policy.paused = 10min;
        start(policy);
        const int beforePlay = m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$"));
        const QStringList uris = trackUris(2);
        m_player->playUris(uris);
        // The poll that reconciles the command has been answered once the requested track shows.
        QTRY_COMPARE(m_player->trackUri(), uris.first());
        QTRY_VERIFY(m_player->isPlaying());
        QVERIFY(m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$")) > beforePlay);
        const int polls = m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$"));
        const qint64 first = m_player->progressMs();
        QSignalSpy ticks(m_player.get(), &Player::progressChanged);
        // Progress is worked out when read, and the page is told every 250 ms: both keep moving without a poll.
        QTRY_VERIFY(m_player->progressMs() >= first + 500);
        QTRY_VERIFY(ticks.count() >= 2);
        QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$")), polls);
        QVERIFY(m_player->progressMs() <= m_player->durationMs());
    }

    void showsCommandsAtOnceAndReconciles()
    {
        start(quickPolicy());
        m_player->playUris(trackUris(3));
        QTRY_VERIFY(m_player->isPlaying());

        m_player->playPause();
        QVERIFY(!m_player->isPlaying()); // before Spotify answered
        QTRY_VERIFY(!m_spotify->playback().playing);
        m_player->setShuffle(true);
        QVERIFY(m_player->shuffle());
        m_player->setRepeatMode(QStringLiteral("track"));
        QCOMPARE(m_player->repeatMode(), QStringLiteral("track"));
        m_player->seek(50000);
        QCOMPARE(m_player->progressMs(), qint64(50000));
        QTRY_VERIFY(m_spotify->playback().shuffle);
        QTRY_COMPARE(m_spotify->playback().repeat, QStringLiteral("track"));
        QTRY_COMPARE(m_spotify->playback().progressMs, qint64(50000));

        // A refused command is shown, then undone by the state Spotify reports.
        m_player->transfer(deviceId(QStringLiteral("Pocket Phone")));
        QTRY_COMPARE(m_player->deviceName(), QStringLiteral("Pocket Phone"));
        QVERIFY(!m_player->canChangeVolume());
        QCOMPARE(m_player->volume(), -1);
        m_player->setVolume(70);
        QCOMPARE(m_player->volume(), 70);
        QTRY_VERIFY(m_player->errorMessage().contains(QStringLiteral("volume")));
        QTRY_COMPARE(m_player->volume(), -1);
        QCOMPARE(m_player->devices().size(), 3);

        m_player->addToQueue(trackUris(1, 400).constFirst());
        QTRY_VERIFY(!m_player->queue().isEmpty());
        QCOMPARE(m_player->queue().constFirst().toMap().value(QStringLiteral("uri")).toString(),
                 trackUris(1, 400).constFirst());
    }

    void debouncesQuickSkipsIntoOneSequence()
    {
        start(quickPolicy());
        const QStringList uris = trackUris(8);
        m_player->playUris(uris);
        QTRY_COMPARE(m_player->trackUri(), uris.at(0));
        m_spotify->clearRequests();
        // Each skip is answered after 100 ms: were they sent together, they would arrive together.
        m_spotify->addFault(FakeSpotify::Fault::slow(100, QStringLiteral("^/v1/me/player/next"), 5));
        for (int i = 0; i < 5; ++i) {
            m_player->next();
        }
        QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/v1/me/player/next")), 0); // debounced
        QTRY_COMPARE(m_player->trackUri(), uris.at(5));
        QList<qint64> sent;
        for (const FakeSpotify::RecordedRequest &request : m_spotify->requests()) {
            if (request.operation == QLatin1String("POST /me/player/next")) {
                sent.append(request.receivedAtMs);
            }
        }
        QCOMPARE(sent.size(), 5);
        for (int i = 1; i < sent.size(); ++i) {
            QVERIFY2(sent.at(i) - sent.at(i - 1) >= 100, "a skip was sent before the one before it was answered");
        }
        // Back and forth cancel out: nothing is sent.
        m_player->next();
        m_player->previous();
        QTRY_COMPARE(m_player->trackUri(), uris.at(5));
        QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/v1/me/player/(next|previous)")), 5);
    }

    void premiumRequiredDisablesTheControls()
    {
        start(quickPolicy());
        m_spotify->setPremium(false);
        m_player->next();
        QTRY_VERIFY(m_player->premiumRequired());
        QVERIFY(m_player->errorMessage().contains(QStringLiteral("Premium")));
        QVERIFY(!m_player->canPlayPause());
        QVERIFY(!m_player->canSkipNext());
        QVERIFY(!m_player->canTransfer());
        QCOMPARE(m_player->pollIntervalMs(), 0);
        QVERIFY(!m_player->title().isEmpty()); // what plays is still shown

        m_spotify->setPremium(true); // upgraded: asking again turns the controls back on
        m_player->refresh();
        QVERIFY(!m_player->premiumRequired());
        QVERIFY(m_player->canPlayPause());
        QTRY_VERIFY(m_player->pollIntervalMs() > 0);
    }

    void noActiveDeviceOffersTheDevices()
    {
        start(quickPolicy());
        m_spotify->deactivateDevices();
        m_player->refresh();
        QTRY_VERIFY(m_player->noActiveDevice());
        QVERIFY(!m_player->isActive());
        QTRY_COMPARE(m_player->devices().size(), 3);
        QVERIFY(m_player->canTransfer());
        m_player->transfer(deviceId(QStringLiteral("Work Laptop")));
        QTRY_VERIFY(m_player->isActive());
        QTRY_VERIFY(!m_player->noActiveDevice());
        QCOMPARE(m_player->deviceName(), QStringLiteral("Work Laptop"));
    }

    void recordsSkipsAndFullPlays()
    {
        start(quickPolicy());
        const QStringList uris = trackUris(3, 500);
        QSignalSpy feedback(m_player.get(), &Player::feedbackRecorded);
        m_player->playUris(uris);
        QTRY_COMPARE(m_player->trackUri(), uris.at(0));
        m_player->next(); // a few hundred ms in: a skip
        QTRY_COMPARE(m_player->trackUri(), uris.at(1));
        QTRY_COMPARE(feedback.count(), 1);
        QCOMPARE(feedback.at(0).at(0).toString(), QStringLiteral("skip"));
        QCOMPARE(feedback.at(0).at(1).toString(), uris.at(0));

        // Near the end, left to finish on its own: a full play.
        QTRY_VERIFY(m_player->durationMs() > 0);
        m_player->seek(m_player->durationMs() - 1500);
        QTRY_COMPARE(m_player->trackUri(), uris.at(2));
        QTRY_COMPARE(feedback.count(), 2);
        QCOMPARE(feedback.at(1).at(0).toString(), QStringLiteral("full_play"));
        QCOMPARE(feedback.at(1).at(1).toString(), uris.at(1));

        QTRY_COMPARE(count("SELECT count(*) FROM feedback WHERE kind = 'skip'"), qint64(1));
        QTRY_COMPARE(count("SELECT count(*) FROM feedback WHERE kind = 'full_play'"), qint64(1));
        QCOMPARE(count("SELECT count(*) FROM outbox WHERE kind = 'feedback'"), qint64(2));
    }

    void likesFromThePlayerReachTheLibrary()
    {
        start(quickPolicy());
        const QStringList uris = trackUris(2, 700);
        m_player->playUris(uris);
        QTRY_COMPARE(m_player->trackUri(), uris.at(0));
        QVERIFY(m_player->canGiveFeedback());
        QVERIFY(m_player->canHideArtist());
        QVERIFY(!savedInFake(uris.at(0)));
        QTRY_VERIFY(m_spotify->requestCount("GET", QStringLiteral("^/v1/me/library/contains$")) > 0);
        QVERIFY(!m_player->isLiked());

        QSignalSpy feedback(m_player.get(), &Player::feedbackRecorded);
        m_player->toggleLike();
        QVERIFY(m_player->isLiked()); // at once
        QTRY_COMPARE(m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/library$")), 1);
        QTRY_VERIFY(savedInFake(uris.at(0)));
        QTRY_COMPARE(count("SELECT count(*) FROM pending_library_writes"), qint64(0));
        QCOMPARE(feedback.at(0).at(0).toString(), QStringLiteral("like"));

        m_player->toggleLike();
        QVERIFY(!m_player->isLiked());
        QTRY_COMPARE(m_spotify->requestCount("DELETE", QStringLiteral("^/v1/me/library$")), 1);
        QTRY_VERIFY(!savedInFake(uris.at(0)));

        // Hiding: the track and its first artist, stored as feedback and queued for the hub; nothing goes to Spotify.
        m_player->hideTrack();
        m_player->hideArtist();
        QTRY_COMPARE(feedback.count(), 4);
        QCOMPARE(feedback.at(2).at(0).toString(), QStringLiteral("hide_track"));
        QCOMPARE(feedback.at(3).at(0).toString(), QStringLiteral("hide_artist"));
        QVERIFY(feedback.at(3).at(1).toString().startsWith(QStringLiteral("spotify:artist:")));
        QCOMPARE(count("SELECT count(*) FROM feedback WHERE kind IN ('like', 'unlike', 'hide_track', 'hide_artist')"),
                 qint64(4));
        QCOMPARE(count("SELECT count(*) FROM outbox WHERE kind = 'feedback'"), qint64(4));
        QVERIFY2(m_player->feedbackNotice().contains(m_player->artists().section(u',', 0, 0)),
                 qPrintable(m_player->feedbackNotice()));

        // The next track's heart is Spotify's word: saved in the library means liked.
        const qint64 now = m_spotify->nowMs();
        m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            library.savedTracks.prepend({uris.at(1).section(u':', 2), now});
        });
        m_player->next();
        QTRY_COMPARE(m_player->trackUri(), uris.at(1));
        QTRY_VERIFY(m_player->isLiked());
    }

    void aLikeMadeOfflineIsSentWhenSpotifyIsBack()
    {
        FakeSpotify::Options options;
        options.port = freePort();
        QVERIFY(options.port != 0);
        start(quickPolicy(), options);
        const QStringList uris = trackUris(1, 900);
        m_player->playUris(uris);
        QTRY_COMPARE(m_player->trackUri(), uris.at(0));

        // Offline: the like is stored, the heart shows it, and the write waits in the cache.
        m_spotify->stop();
        m_player->toggleLike();
        QVERIFY(m_player->isLiked());
        QTRY_COMPARE(count("SELECT count(*) FROM pending_library_writes WHERE saved = 1"), qint64(1));
        QTRY_VERIFY_WITH_TIMEOUT(m_player->feedbackNotice().contains(QLatin1String("once Spotify can be reached")),
                                 20'000);
        QVERIFY(!m_player->feedbackNoticeIsError());

        // The app quits and starts again, still offline: the write survives in the cache.
        stopApp();
        startApp(quickPolicy(), false);
        QTRY_COMPARE(count("SELECT count(*) FROM pending_library_writes WHERE saved = 1"), qint64(1));
        QCOMPARE(m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/library$")), 0);

        // Spotify is back: the next good poll sends the like, and the cache lets go of it.
        QVERIFY(m_spotify->start());
        QTRY_COMPARE_WITH_TIMEOUT(m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/library$")), 1, 20'000);
        QTRY_VERIFY(savedInFake(uris.at(0)));
        QTRY_COMPARE(count("SELECT count(*) FROM pending_library_writes"), qint64(0));
        QTRY_VERIFY(m_player->isLiked());
    }

    void aBurstOfLikesUnderARateLimitWaitsForRetryAfter()
    {
        start(quickPolicy());
        const QStringList uris = trackUris(3, 1000);
        // Spotify answers the first write 429 with an hour's Retry-After: longer than anyone waits for a click.
        m_spotify->addFault(testsupport::FakeSpotifyFault::rateLimited(3600, QStringLiteral("^/v1/me/library$")));
        likeInCache(uris);
        stopApp();
        startApp(quickPolicy()); // the flush at sign-in sends the first like
        QTRY_COMPARE(libraryWrites(), 1);
        QTRY_VERIFY(m_player->feedbackNotice().contains(QLatin1String("once Spotify can be reached")));
        QTRY_COMPARE(count("SELECT count(*) FROM cache_metadata WHERE key = 'library_writes_failures' AND value = '1'"),
                     qint64(1));
        const qint64 notBefore =
            count("SELECT CAST(value AS INTEGER) FROM cache_metadata WHERE key = 'library_writes_not_before_ms'");
        QVERIFY(notBefore >= QDateTime::currentMSecsSinceEpoch() + 3500 * 1000);

        // A restart forgets the client's 429 gate but not the wait: polls go on, the likes stay queued.
        stopApp();
        startApp(quickPolicy());
        waitForPolls(10);
        QCOMPARE(libraryWrites(), 1);
        QCOMPARE(count("SELECT count(*) FROM pending_library_writes WHERE saved = 1"), qint64(3));

        // Once Retry-After has passed, the next poll sends all of them, and the wait is forgotten.
        m_clockAheadMs = 3601 * 1000;
        QTRY_COMPARE_WITH_TIMEOUT(libraryWrites(), 4, 20'000);
        for (const QString &uri : uris) {
            QTRY_VERIFY(savedInFake(uri));
        }
        QTRY_COMPARE(count("SELECT count(*) FROM pending_library_writes"), qint64(0));
        QTRY_COMPARE(count("SELECT count(*) FROM cache_metadata WHERE key LIKE 'library_writes_%'"), qint64(0));
    }

    void likesBackOffExponentiallyWhenSpotifyFails()
    {
        start(quickPolicy());
        const QStringList uris{unsavedTrackUri(1100)};
        QVERIFY(!uris.at(0).isEmpty());
        m_player->playUris(uris);
        QTRY_COMPARE(m_player->trackUri(), uris.at(0));
        // 500 without Retry-After, every time: the client's own retries end, then the queue waits.
        m_spotify->addFault(testsupport::FakeSpotifyFault::serverError(500, QStringLiteral("^/v1/me/library$"), -1));
        m_player->toggleLike();
        QTRY_COMPARE(count("SELECT count(*) FROM cache_metadata WHERE key = 'library_writes_failures' AND value = '1'"),
                     qint64(1));
        const int firstTry = libraryWrites();
        QVERIFY(firstTry >= 1);
        const qint64 notBefore =
            count("SELECT CAST(value AS INTEGER) FROM cache_metadata WHERE key = 'library_writes_not_before_ms'");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 base = LibrarySync::kBackoffBase.count();
        QVERIFY2(notBefore > now && notBefore <= now + 2 * base, qPrintable(QString::number(notBefore - now)));
        // Each poll used to send the like again. (The wait is at least kBackoffBase, far more than a few polls.)
        waitForPolls(5);
        QCOMPARE(libraryWrites(), firstTry);

        // After the wait it is tried again, fails again, and waits up to twice as long.
        m_clockAheadMs = 2 * base;
        QTRY_COMPARE(count("SELECT count(*) FROM cache_metadata WHERE key = 'library_writes_failures' AND value = '2'"),
                     qint64(1));
        const int secondTry = libraryWrites();
        QVERIFY(secondTry > firstTry);
        waitForPolls(5);
        QCOMPARE(libraryWrites(), secondTry);

        // Spotify recovers: after the wait the like goes, and nothing is held back any more.
        m_spotify->clearFaults();
        m_clockAheadMs += 4 * base;
        QTRY_COMPARE_WITH_TIMEOUT(count("SELECT count(*) FROM pending_library_writes"), qint64(0), 20'000);
        QVERIFY(savedInFake(uris.at(0)));
        QTRY_COMPARE(count("SELECT count(*) FROM cache_metadata WHERE key LIKE 'library_writes_%'"), qint64(0));
    }

    void aRefusedLikeIsDroppedWithTheReason()
    {
        start(quickPolicy());
        const QStringList uris{unsavedTrackUri(1200)};
        QVERIFY(!uris.at(0).isEmpty());
        m_player->playUris(uris);
        QTRY_COMPARE(m_player->trackUri(), uris.at(0));
        testsupport::FakeSpotifyFault refusal;
        refusal.method = "PUT";
        refusal.pathPattern = QStringLiteral("^/v1/me/library$");
        refusal.status = 403;
        refusal.message = QStringLiteral("Insufficient client scope");
        refusal.times = -1;
        m_spotify->addFault(refusal);
        m_player->toggleLike();
        QTRY_VERIFY(m_player->feedbackNoticeIsError());
        QVERIFY2(m_player->feedbackNotice().contains(QLatin1String("Spotify did not save it")),
                 qPrintable(m_player->feedbackNotice()));
        QTRY_COMPARE(count("SELECT count(*) FROM pending_library_writes"), qint64(0));
        waitForPolls(10);
        QCOMPARE(libraryWrites(), 1); // never sent again
        QCOMPARE(count("SELECT count(*) FROM cache_metadata WHERE key LIKE 'library_writes_%'"), qint64(0));
        QCOMPARE(count("SELECT count(*) FROM feedback WHERE kind = 'like'"), qint64(1)); // the recommender keeps it
    }

    void aFreeAccountIsKnownFromTheProfile()
    {
        FakeSpotify::Options options;
        options.profile = FakeSpotify::Profile::Extended; // GET /me carries `product`: "free"
        options.premium = false;
        start(quickPolicy(), options);
        QTRY_VERIFY(m_player->premiumRequired());
        QVERIFY(m_player->errorMessage().contains(QStringLiteral("Premium")));
        QVERIFY(!m_player->canPlayPause());
        QVERIFY(!m_player->canSkipNext());
        QCOMPARE(m_player->pollIntervalMs(), 0);
        QVERIFY(!m_player->title().isEmpty());

        // No doomed command goes out, whatever asks for one (MPRIS, the keyboard).
        m_player->next();
        m_player->playPause();
        m_player->setVolume(40);
        waitForPolls(1);
        QCOMPARE(playerCommands(), 0);
        QVERIFY(m_player->premiumRequired());

        // Upgraded: asking again reads the profile again and turns the controls back on.
        m_spotify->setPremium(true);
        m_player->refresh();
        QVERIFY(!m_player->premiumRequired());
        const int profileReads = m_spotify->requestCount("GET", QStringLiteral("^/v1/me$"));
        QTRY_VERIFY(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")) > profileReads);
        waitForPolls(2);
        QVERIFY(!m_player->premiumRequired());
        QVERIFY(m_player->canPlayPause());
    }

    void aPremiumProfileYieldsToPremiumRequired()
    {
        FakeSpotify::Options options;
        options.profile = FakeSpotify::Profile::Extended; // GET /me carries `product`: "premium"
        start(quickPolicy(), options);
        QTRY_VERIFY(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")) > 0);
        waitForPolls(2);
        QVERIFY(!m_player->premiumRequired());
        QVERIFY(m_player->canSkipNext());

        // The subscription lapsed since: Spotify's 403 wins over the profile read at sign-in.
        m_spotify->setPremium(false);
        m_player->next();
        QTRY_VERIFY(m_player->premiumRequired());
        QCOMPARE(playerCommands(), 1);
        m_player->refresh(); // the profile now says "free": off again, and the next press sends nothing
        QTRY_VERIFY(m_player->premiumRequired());
        m_player->next();
        waitForPolls(1);
        QCOMPARE(playerCommands(), 1);
    }

    void withoutProductTheFirstCommandTells()
    {
        FakeSpotify::Options options;
        options.premium = false; // Development Mode: GET /me has no `product`
        start(quickPolicy(), options);
        QTRY_VERIFY(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")) > 0);
        waitForPolls(2);
        QVERIFY(!m_player->premiumRequired());
        m_player->next();
        QTRY_VERIFY(m_player->premiumRequired());
        QCOMPARE(playerCommands(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPlayer)
#include "tst_player.moc"
