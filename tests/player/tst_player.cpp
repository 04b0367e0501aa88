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
};

QTEST_GUILESS_MAIN(TestPlayer)
#include "tst_player.moc"
