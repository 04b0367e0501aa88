// MPRIS2 on a private D-Bus session (tests/with-services.sh): a second bus connection, as playerctl or a desktop's
// media controls would be, reads org.mpris.MediaPlayer2.Player and calls PlayPause and Next; the fake Spotify's
// device follows.

#include "app/backend/mpris.h"
#include "app/backend/player.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"
#include "tests/support/testenv.h"

#include <QDBusArgument>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

class TestMpris : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<testsupport::FakeSpotify> m_spotify;
    std::unique_ptr<testsupport::FakeSpotifyTokenProvider> m_tokens;
    std::unique_ptr<engine::SpotifyClient> m_client;
    std::unique_ptr<Player> m_player;
    std::unique_ptr<Mpris> m_mpris;

    // Another connection to the session bus: calls go through the bus daemon like any other client's.
    QDBusConnection client() const
    {
        return QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("mpris-test-client"));
    }

    // Asynchronous calls only: the service answers from this thread, and QDBusInterface would introspect it with a
    // blocking call first.
    bool call(const QString &method)
    {
        const QDBusMessage message = QDBusMessage::createMethodCall(m_mpris->serviceName(),
                                                                    QStringLiteral("/org/mpris/MediaPlayer2"),
                                                                    QStringLiteral("org.mpris.MediaPlayer2.Player"),
                                                                    method);
        QDBusPendingCallWatcher watcher(client().asyncCall(message));
        if (!QTest::qWaitFor(
                [&] {
                    return watcher.isFinished();
                },
                10000)) {
            return false;
        }
        if (watcher.isError()) {
            qWarning() << method << watcher.error().message();
        }
        return !watcher.isError();
    }

    QVariant property(const QString &name)
    {
        QDBusMessage message = QDBusMessage::createMethodCall(m_mpris->serviceName(),
                                                              QStringLiteral("/org/mpris/MediaPlayer2"),
                                                              QStringLiteral("org.freedesktop.DBus.Properties"),
                                                              QStringLiteral("Get"));
        message << QStringLiteral("org.mpris.MediaPlayer2.Player") << name;
        QDBusPendingReply<QDBusVariant> reply = client().asyncCall(message);
        if (!QTest::qWaitFor(
                [&] {
                    return reply.isFinished();
                },
                10000)
            || reply.isError()) {
            return {};
        }
        return reply.value().variant();
    }

private Q_SLOTS:
    void initTestCase()
    {
        TUNESCOUT_REQUIRE_SERVICE(QDBusConnection::sessionBus().isConnected(), "a D-Bus session bus");
        m_spotify = std::make_unique<testsupport::FakeSpotify>();
        QVERIFY(m_spotify->start());
        m_tokens = std::make_unique<testsupport::FakeSpotifyTokenProvider>(*m_spotify);
        m_client = std::make_unique<engine::SpotifyClient>(m_spotify->apiUrl(),
                                                           m_tokens.get(),
                                                           engine::SpotifyApiProfile::DevelopmentMode);
        PlayerPollPolicy policy;
        policy.debounce = 50ms;
        m_player = std::make_unique<Player>(nullptr, nullptr, policy);
        m_player->setClient(m_client.get());
        QTRY_VERIFY(m_player->isActive());
        m_mpris = std::make_unique<Mpris>(m_player.get());
        QVERIFY(m_mpris->isRegistered());
        QVERIFY(m_mpris->serviceName().startsWith(QStringLiteral("org.mpris.MediaPlayer2.tunescout")));
    }

    void cleanupTestCase()
    {
        m_mpris.reset();
        m_player.reset();
        m_client.reset();
        m_tokens.reset();
        m_spotify.reset();
    }

    void describesWhatPlays()
    {
        QCOMPARE(property(QStringLiteral("PlaybackStatus")).toString(), QStringLiteral("Paused"));
        QCOMPARE(property(QStringLiteral("CanControl")).toBool(), true);
        const QDBusArgument argument = property(QStringLiteral("Metadata")).value<QDBusArgument>();
        QVariantMap metadata;
        argument >> metadata;
        QCOMPARE(metadata.value(QStringLiteral("xesam:title")).toString(), m_player->title());
        QCOMPARE(metadata.value(QStringLiteral("xesam:url")).toString(), m_player->trackUri());
        QCOMPARE(metadata.value(QStringLiteral("mpris:length")).toLongLong(), m_player->durationMs() * 1000);
    }

    void playPauseAndNextDriveTheDevice()
    {
        QSignalSpy changed(m_player.get(), &Player::stateChanged);
        QVERIFY(call(QStringLiteral("PlayPause")));
        QTRY_VERIFY(m_spotify->playback().playing);
        QTRY_COMPARE(property(QStringLiteral("PlaybackStatus")).toString(), QStringLiteral("Playing"));

        const QString before = m_spotify->playback().currentTrackId;
        QVERIFY(call(QStringLiteral("Next")));
        QTRY_VERIFY(m_spotify->playback().currentTrackId != before);

        QVERIFY(call(QStringLiteral("PlayPause")));
        QTRY_VERIFY(!m_spotify->playback().playing);
        QTRY_COMPARE(property(QStringLiteral("PlaybackStatus")).toString(), QStringLiteral("Paused"));
        QVERIFY(changed.count() > 0);
    }

    void withoutPremiumNothingIsSent()
    {
        m_spotify->setPremium(false);
        QVERIFY(call(QStringLiteral("PlayPause")));
        QTRY_VERIFY(m_player->premiumRequired());
        QTRY_COMPARE(property(QStringLiteral("CanControl")).toBool(), false);
        m_spotify->clearRequests();
        QVERIFY(call(QStringLiteral("PlayPause")));
        QCOMPARE(m_spotify->requestCount({}, QStringLiteral("^/v1/me/player/(play|pause)")), 0);
        m_spotify->setPremium(true);
    }
};

QTEST_GUILESS_MAIN(TestMpris)
#include "tst_mpris.moc"
