// The typed player API: parsing what GET /me/player, /devices and /queue answer (nulls, episodes, both forms of
// `actions`, unknown fields), the error messages of every documented reason, and every endpoint against the fake
// Spotify's device and playback state machine over loopback HTTP.

#include "engine/spotify/player.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"

#include <QSet>
#include <QTest>

#include <memory>
#include <optional>

using engine::PlaybackState;
using engine::PlayerDevice;
using engine::PlayerQueue;
using engine::PlayingItem;
using engine::SpotifyError;
using engine::SpotifyResult;
using testsupport::FakeSpotify;
using Kind = engine::SpotifyError::Kind;

namespace
{

const QByteArray fullState = "{\"device\":{\"id\":\"dev1\",\"is_active\":true,\"is_private_session\":false,"
                             "\"is_restricted\":false,\"name\":\"Kitchen\",\"type\":\"Speaker\","
                             "\"volume_percent\":null,\"supports_volume\":false,\"new_field\":1},"
                             "\"repeat_state\":\"context\",\"shuffle_state\":true,\"smart_shuffle\":false,"
                             "\"context\":{\"type\":\"playlist\",\"href\":\"h\",\"external_urls\":{},"
                             "\"uri\":\"spotify:playlist:p1\"},\"timestamp\":1700000000123,\"progress_ms\":61000,"
                             "\"is_playing\":true,\"currently_playing_type\":\"track\","
                             "\"item\":{\"type\":\"track\",\"id\":\"t1\",\"uri\":\"spotify:track:t1\","
                             "\"name\":\"Song\",\"duration_ms\":200000,\"is_local\":false,"
                             "\"artists\":[{\"id\":\"a1\",\"name\":\"One\",\"uri\":\"spotify:artist:a1\"},"
                             "{\"id\":\"a2\",\"name\":\"Two\",\"uri\":\"spotify:artist:a2\"}],"
                             "\"album\":{\"id\":\"al1\",\"name\":\"Record\",\"uri\":\"spotify:album:al1\","
                             "\"images\":[{\"url\":\"http://img/small\",\"width\":64,\"height\":64},"
                             "{\"url\":\"http://img/large\",\"width\":640,\"height\":640}]}},"
                             "\"actions\":{\"disallows\":{\"resuming\":true,\"skipping_prev\":true,"
                             "\"toggling_shuffle\":true}},\"future\":{\"x\":[1,2]}}";

template<typename T>
struct Answer {
    std::optional<SpotifyResult<T>> result;
};

} // namespace

class TestSpotifyPlayer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeSpotify> m_spotify;
    std::unique_ptr<testsupport::FakeSpotifyTokenProvider> m_tokens;
    std::unique_ptr<engine::SpotifyClient> m_client;
    std::unique_ptr<engine::SpotifyPlayer> m_player;

    QString deviceId(const QString &name) const
    {
        for (const testsupport::FakeSpotifyDevice &device : m_spotify->playback().devices) {
            if (device.name == name) {
                return device.id;
            }
        }
        return {};
    }

    QStringList trackUris(int count) const
    {
        QStringList uris;
        m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            for (int i = 0; i < count; ++i) {
                uris.append(QStringLiteral("spotify:track:") + library.tracks.at(100 + i).id);
            }
        });
        return uris;
    }

    SpotifyResult<void> command(const std::function<void(engine::PlayerCommandDone)> &send)
    {
        std::optional<SpotifyResult<void>> result;
        send([&](const SpotifyResult<void> &answer) {
            result = answer;
        });
        if (!QTest::qWaitFor(
                [&] {
                    return result.has_value();
                },
                20000)) {
            SpotifyError timedOut;
            timedOut.kind = Kind::Cancelled;
            timedOut.detail = QStringLiteral("no answer within 20 s");
            return timedOut;
        }
        return *result;
    }

    std::optional<PlaybackState> state()
    {
        std::optional<SpotifyResult<std::optional<PlaybackState>>> result;
        m_player->fetchState(this, [&](const SpotifyResult<std::optional<PlaybackState>> &answer) {
            result = answer;
        });
        if (!QTest::qWaitFor(
                [&] {
                    return result.has_value();
                },
                20000)
            || !*result) {
            qWarning() << "GET /me/player failed" << (result ? result->error().detail : QStringLiteral("no answer"));
            return std::nullopt;
        }
        return result->value();
    }

private Q_SLOTS:
    void init()
    {
        m_spotify = std::make_unique<FakeSpotify>();
        QVERIFY(m_spotify->start());
        m_tokens = std::make_unique<testsupport::FakeSpotifyTokenProvider>(*m_spotify);
        m_client = std::make_unique<engine::SpotifyClient>(m_spotify->apiUrl(),
                                                           m_tokens.get(),
                                                           engine::SpotifyApiProfile::DevelopmentMode);
        engine::SpotifyPolicy policy;
        policy.gateJitter = std::chrono::milliseconds(10);
        m_client->setPolicy(policy);
        m_player = std::make_unique<engine::SpotifyPlayer>(*m_client);
    }

    void cleanup()
    {
        m_player.reset();
        m_client.reset();
        m_tokens.reset();
        m_spotify.reset();
    }

    void parsesAFullStateWithNestedDisallows()
    {
        const auto parsed = engine::parsePlaybackState(200, fullState);
        QVERIFY(parsed);
        QVERIFY(parsed.value().has_value());
        const PlaybackState &state = *parsed.value();
        QVERIFY(state.device);
        QCOMPARE(state.device->id, QStringLiteral("dev1"));
        QCOMPARE(state.device->name, QStringLiteral("Kitchen"));
        QVERIFY(!state.device->volumePercent.has_value());
        QVERIFY(!state.device->supportsVolume);
        QCOMPARE(state.repeatState, QStringLiteral("context"));
        QVERIFY(state.shuffle);
        QCOMPARE(state.contextUri, QStringLiteral("spotify:playlist:p1"));
        QCOMPARE(state.contextType, QStringLiteral("playlist"));
        QCOMPARE(state.timestampMs, Q_INT64_C(1700000000123));
        QCOMPARE(state.progressMs.value_or(-1), Q_INT64_C(61000));
        QVERIFY(state.isPlaying);
        QVERIFY(state.item);
        QCOMPARE(state.item->type, PlayingItem::Type::Track);
        QCOMPARE(state.item->uri, QStringLiteral("spotify:track:t1"));
        QCOMPARE(state.item->name, QStringLiteral("Song"));
        QCOMPARE(state.item->artists, QStringList({QStringLiteral("One"), QStringLiteral("Two")}));
        QCOMPARE(state.item->album, QStringLiteral("Record"));
        QCOMPARE(state.item->imageUrl, QStringLiteral("http://img/large"));
        QCOMPARE(state.item->durationMs, Q_INT64_C(200000));
        QVERIFY(state.disallows.resuming);
        QVERIFY(state.disallows.skippingPrev);
        QVERIFY(state.disallows.togglingShuffle);
        QVERIFY(!state.disallows.pausing);
        QVERIFY(!state.disallows.skippingNext);
        QVERIFY(!state.disallows.seeking);
    }

    void readsTheFlatActionsOfTheSpecToo()
    {
        const auto parsed =
            engine::parsePlaybackState(200,
                                       "{\"is_playing\":false,\"actions\":{\"seeking\":true,\"skipping_next\":true}}");
        QVERIFY(parsed && parsed.value());
        QVERIFY(parsed.value()->disallows.seeking);
        QVERIFY(parsed.value()->disallows.skippingNext);
        QVERIFY(!parsed.value()->disallows.pausing);
    }

    void nullsAndNothingPlaying()
    {
        const auto noContent = engine::parsePlaybackState(204, {});
        QVERIFY(noContent);
        QVERIFY(!noContent.value().has_value());

        const auto ad = engine::parsePlaybackState(
            200,
            "{\"device\":null,\"context\":null,\"progress_ms\":null,\"timestamp\":5,\"is_playing\":true,"
            "\"item\":null,\"currently_playing_type\":\"ad\",\"repeat_state\":\"sideways\",\"actions\":null}");
        QVERIFY(ad && ad.value());
        const PlaybackState &state = *ad.value();
        QVERIFY(!state.device);
        QVERIFY(state.contextUri.isEmpty());
        QVERIFY(!state.progressMs);
        QVERIFY(!state.item);
        QCOMPARE(state.currentlyPlayingType, QStringLiteral("ad"));
        QCOMPARE(state.repeatState, QStringLiteral("off")); // an unknown mode is not passed on

        QVERIFY(!engine::parsePlaybackState(200, "{\"device\":{}}"));
        const auto broken = engine::parsePlaybackState(200, "{\"is_playing\":tru");
        QVERIFY(!broken);
        QVERIFY2(broken.error().message.contains(QStringLiteral("byte")), qPrintable(broken.error().message));
    }

    void parsesEpisodes()
    {
        const auto parsed = engine::parsePlaybackState(
            200,
            "{\"is_playing\":true,\"currently_playing_type\":\"episode\",\"progress_ms\":1000,"
            "\"item\":{\"type\":\"episode\",\"id\":\"e1\",\"uri\":\"spotify:episode:e1\",\"name\":\"Ep 12\","
            "\"duration_ms\":3600000,\"images\":[],\"audio_preview_url\":\"http://p/e1.mp3\","
            "\"show\":{\"name\":\"The Show\",\"publisher\":\"Some Network\","
            "\"images\":[{\"url\":\"http://img/show\",\"width\":300,\"height\":300}]}}}");
        QVERIFY(parsed && parsed.value());
        const std::optional<PlayingItem> &item = parsed.value()->item;
        QVERIFY(item);
        QCOMPARE(item->type, PlayingItem::Type::Episode);
        QCOMPARE(item->name, QStringLiteral("Ep 12"));
        QCOMPARE(item->album, QStringLiteral("The Show"));
        QCOMPARE(item->artists, QStringList{QStringLiteral("Some Network")});
        QCOMPARE(item->imageUrl, QStringLiteral("http://img/show"));
        QCOMPARE(item->durationMs, Q_INT64_C(3600000));
        QCOMPARE(item->previewUrl, QStringLiteral("http://p/e1.mp3"));
    }

    void parsesDevicesAndQueue()
    {
        const auto devices = engine::parseDevices(
            "{\"devices\":[{\"id\":null,\"is_active\":false,\"is_restricted\":true,\"name\":\"Car\","
            "\"type\":\"automobile\",\"volume_percent\":null,\"supports_volume\":false},"
            "{\"id\":\"d2\",\"is_active\":true,\"name\":\"Desk\",\"type\":\"computer\",\"volume_percent\":130,"
            "\"supports_volume\":true}]}");
        QVERIFY(devices);
        QCOMPARE(devices.value().size(), 2);
        QVERIFY(devices.value().at(0).id.isEmpty());
        QVERIFY(devices.value().at(0).isRestricted);
        QCOMPARE(devices.value().at(1).volumePercent.value_or(-1), 100);
        QVERIFY(!engine::parseDevices("{\"devices\":{}}"));

        const auto queue = engine::parseQueue(
            "{\"currently_playing\":null,\"queue\":[null,{\"type\":\"track\",\"id\":\"t2\",\"name\":\"Next\","
            "\"artists\":[],\"album\":{\"id\":\"x\",\"name\":\"A\"}},{\"type\":\"episode\",\"id\":\"e2\","
            "\"uri\":\"spotify:episode:e2\",\"name\":\"Talk\",\"show\":{\"name\":\"S\"}}]}");
        QVERIFY(queue);
        QVERIFY(!queue.value().currentlyPlaying);
        QCOMPARE(queue.value().queue.size(), 2);
        QCOMPARE(queue.value().queue.at(0).uri, QStringLiteral("spotify:track:t2"));
        QCOMPARE(queue.value().queue.at(1).type, PlayingItem::Type::Episode);
        QVERIFY(!engine::parseQueue("[]"));
    }

    void everyReasonHasItsOwnMessage()
    {
        QSet<QString> seen;
        for (const QString &reason : testsupport::FakeSpotifyFault::playerReasons()) {
            SpotifyError error;
            error.kind = Kind::Forbidden;
            error.status = 403;
            error.reason = reason;
            const QString message = engine::playerErrorMessage(error);
            QVERIFY2(!message.isEmpty() && message != error.message(), qPrintable(reason));
            QVERIFY2(!seen.contains(message), qPrintable(reason));
            seen.insert(message);
        }
        QVERIFY(seen.size() >= 18);
        SpotifyError unknown;
        unknown.kind = Kind::Forbidden;
        unknown.reason = QStringLiteral("SOMETHING_NEW");
        QCOMPARE(engine::playerErrorMessage(unknown), unknown.message());
        SpotifyError premium;
        premium.kind = Kind::PremiumRequired;
        QVERIFY(engine::playerErrorMessage(premium).contains(QStringLiteral("Premium")));
    }

    void repeatModeNames()
    {
        for (const auto mode : {engine::RepeatMode::Off, engine::RepeatMode::Context, engine::RepeatMode::Track}) {
            QCOMPARE(engine::repeatModeFromName(engine::repeatModeName(mode)), mode);
        }
        QVERIFY(!engine::repeatModeFromName(QStringLiteral("all")));
    }

    void playsAListSkipsSeeksAndQueuesOnTheFake()
    {
        const auto before = state();
        QVERIFY(before);
        QVERIFY(!before->isPlaying);
        QVERIFY(before->item);
        QVERIFY(before->contextUri.startsWith(QStringLiteral("spotify:playlist:")));
        QCOMPARE(before->device.value_or(PlayerDevice()).name, QStringLiteral("Living Room Speaker"));
        QVERIFY(before->disallows.pausing);

        const QStringList uris = trackUris(3);
        engine::PlayRequest request;
        request.uris = uris;
        QVERIFY(command([&](auto done) {
            m_player->play(request, {}, this, done);
        }));
        auto playing = state();
        QVERIFY(playing && playing->isPlaying && playing->item);
        QCOMPARE(playing->item->uri, uris.at(0));
        QVERIFY(playing->contextUri.isEmpty());
        QVERIFY(playing->disallows.resuming);
        QVERIFY(playing->disallows.skippingPrev);

        QVERIFY(command([&](auto done) {
            m_player->next({}, this, done);
        }));
        QCOMPARE(state()->item->uri, uris.at(1));

        QVERIFY(command([&](auto done) {
            m_player->seek(42000, {}, this, done);
        }));
        const auto sought = state();
        QVERIFY(sought->progressMs.value_or(0) >= 42000);
        QVERIFY(sought->progressMs.value_or(0) < 52000);

        const QString extra = trackUris(5).at(4);
        QVERIFY(command([&](auto done) {
            m_player->addToQueue(extra, {}, this, done);
        }));
        std::optional<SpotifyResult<PlayerQueue>> queue;
        m_player->fetchQueue(this, [&](const SpotifyResult<PlayerQueue> &answer) {
            queue = answer;
        });
        QTRY_VERIFY(queue.has_value());
        QVERIFY(*queue);
        QCOMPARE(queue->value().currentlyPlaying.value_or(PlayingItem()).uri, uris.at(1));
        QVERIFY(!queue->value().queue.isEmpty());
        QCOMPARE(queue->value().queue.at(0).uri, extra);

        QVERIFY(command([&](auto done) {
            m_player->setShuffle(true, {}, this, done);
        }));
        QVERIFY(command([&](auto done) {
            m_player->setRepeat(engine::RepeatMode::Track, {}, this, done);
        }));
        QVERIFY(command([&](auto done) {
            m_player->setVolume(30, {}, this, done);
        }));
        QVERIFY(command([&](auto done) {
            m_player->pause({}, this, done);
        }));
        const auto paused = state();
        QVERIFY(!paused->isPlaying);
        QVERIFY(paused->shuffle);
        QCOMPARE(paused->repeatState, QStringLiteral("track"));
        QCOMPARE(paused->device->volumePercent.value_or(-1), 30);

        const auto again = command([&](auto done) {
            m_player->pause({}, this, done);
        });
        QVERIFY(!again);
        QCOMPARE(again.error().reason, QStringLiteral("ALREADY_PAUSED"));
        QCOMPARE(engine::playerErrorMessage(again.error()), QStringLiteral("Playback is already paused."));
    }

    void transfersAndListsDevices()
    {
        const QString laptop = deviceId(QStringLiteral("Work Laptop"));
        QVERIFY(!laptop.isEmpty());
        QVERIFY(command([&](auto done) {
            m_player->transfer(laptop, true, this, done);
        }));
        std::optional<SpotifyResult<QList<PlayerDevice>>> devices;
        m_player->fetchDevices(this, [&](const SpotifyResult<QList<PlayerDevice>> &answer) {
            devices = answer;
        });
        QTRY_VERIFY(devices.has_value());
        QVERIFY(*devices);
        QCOMPARE(devices->value().size(), 3);
        for (const PlayerDevice &device : devices->value()) {
            QCOMPARE(device.isActive, device.id == laptop);
        }
        const auto now = state();
        QVERIFY(now && now->isPlaying);
        QCOMPARE(now->device->id, laptop);
    }

    void deviceThatDisallowsVolume()
    {
        const QString phone = deviceId(QStringLiteral("Pocket Phone"));
        QVERIFY(command([&](auto done) {
            m_player->transfer(phone, false, this, done);
        }));
        QVERIFY(!state()->device->supportsVolume);
        const auto refused = command([&](auto done) {
            m_player->setVolume(80, {}, this, done);
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().status, 403);
        QCOMPARE(refused.error().reason, QStringLiteral("VOLUME_CONTROL_DISALLOW"));
        QVERIFY(engine::playerErrorMessage(refused.error()).contains(QStringLiteral("volume")));
    }

    void premiumRequiredAndNoActiveDevice()
    {
        m_spotify->setPremium(false);
        QVERIFY(state()); // reading works without Premium
        const auto premium = command([&](auto done) {
            m_player->next({}, this, done);
        });
        QVERIFY(!premium);
        QCOMPARE(premium.error().kind, Kind::PremiumRequired);
        m_spotify->setPremium(true);

        m_spotify->deactivateDevices();
        std::optional<SpotifyResult<std::optional<PlaybackState>>> nothing;
        m_player->fetchState(this, [&](const auto &answer) {
            nothing = answer;
        });
        QTRY_VERIFY(nothing.has_value());
        QVERIFY(*nothing);
        QVERIFY(!nothing->value().has_value()); // 204
        const auto noDevice = command([&](auto done) {
            m_player->pause({}, this, done);
        });
        QVERIFY(!noDevice);
        QCOMPARE(noDevice.error().kind, Kind::NoActiveDevice);
        QVERIFY(engine::playerErrorMessage(noDevice.error()).contains(QStringLiteral("device")));
    }

    void previewUrlOnlyInTheExtendedProfile()
    {
        const auto development = state();
        QVERIFY(development && development->item);
        QVERIFY(development->item->previewUrl.isEmpty());
        m_spotify->setProfile(FakeSpotify::Profile::Extended);
        const auto extended = state();
        QVERIFY(extended && extended->item);
        QCOMPARE(extended->item->uri, development->item->uri);
        QVERIFY(extended->item->previewUrl.startsWith(QStringLiteral("http://127.0.0.1")));
    }

    void waitsOutA429()
    {
        m_spotify->addFault(FakeSpotify::Fault::rateLimited(1, QStringLiteral("^/v1/me/player/next"), 1));
        QVERIFY(command([&](auto done) {
            m_player->next({}, this, done);
        }));
        QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/v1/me/player/next")), 2);
    }
};

QTEST_GUILESS_MAIN(TestSpotifyPlayer)
#include "tst_spotifyplayer.moc"
