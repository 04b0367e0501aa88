// tunescout-cli player against the fake Spotify's devices and playback state machine, as a person would use it:
// sign in once (the test plays the browser), then play a list, skip, seek, transfer, queue; a Premium-less user,
// no active device, a device that disallows volume, and a 429 in the middle of a burst of commands.

#include "tests/support/clilogin.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestPlayerCli : public QObject
{
    Q_OBJECT

private:
    testsupport::FakeSpotify m_spotify;
    QTemporaryDir m_dir;

    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("TUNESCOUT_DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL"), m_spotify.accountsUrl().toString());
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_API_URL"), m_spotify.apiUrl().toString());
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID"), QStringLiteral("tunescout-test-client"));
        return env;
    }

    Run player(const QStringList &arguments)
    {
        QProcess cli;
        cli.setProcessEnvironment(environment());
        cli.start(QStringLiteral(TUNESCOUT_CLI_PATH), QStringList{QStringLiteral("player")} + arguments);
        Run run;
        if (!cli.waitForFinished(60000)) {
            cli.kill();
            cli.waitForFinished();
            return run;
        }
        run.out = QString::fromUtf8(cli.readAllStandardOutput());
        run.err = QString::fromUtf8(cli.readAllStandardError());
        run.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
        return run;
    }

    QJsonObject json(const QStringList &arguments)
    {
        const Run run = player(arguments + QStringList{QStringLiteral("--json")});
        if (run.exitCode != 0) {
            qWarning() << arguments << run.exitCode << run.err;
            return {};
        }
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }

    QString currentUri()
    {
        return json({QStringLiteral("status")})
            .value(QStringLiteral("item"))
            .toObject()
            .value(QStringLiteral("uri"))
            .toString();
    }

    QString deviceId(const QString &name) const
    {
        for (const testsupport::FakeSpotifyDevice &device : m_spotify.playback().devices) {
            if (device.name == name) {
                return device.id;
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        TUNESCOUT_REQUIRE_SERVICE(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                                  "a D-Bus session with an unlocked keyring");
        QVERIFY(m_spotify.start());

        const testsupport::CliLogin login = testsupport::cliLogin(QStringLiteral(TUNESCOUT_CLI_PATH), environment());
        QVERIFY(login.finished);
        QCOMPARE(login.exitCode, 0);
    }

    void cleanupTestCase()
    {
        QProcess logout;
        logout.setProcessEnvironment(environment());
        logout.start(QStringLiteral(TUNESCOUT_CLI_PATH), {QStringLiteral("logout")});
        logout.waitForFinished(30000);
    }

    void badUsageNeedsNoNetwork()
    {
        m_spotify.clearRequests();
        QCOMPARE(player({}).exitCode, 2);
        QCOMPARE(player({QStringLiteral("seek"), QStringLiteral("soon")}).exitCode, 2);
        QCOMPARE(player({QStringLiteral("volume"), QStringLiteral("101")}).exitCode, 2);
        QCOMPARE(player({QStringLiteral("shuffle"), QStringLiteral("maybe")}).exitCode, 2);
        QCOMPARE(player({QStringLiteral("repeat"), QStringLiteral("all")}).exitCode, 2);
        const Run badUri = player({QStringLiteral("play"), QStringLiteral("spotify:track:nope")});
        QCOMPARE(badUri.exitCode, 2);
        QVERIFY2(badUri.err.contains(QStringLiteral("'spotify:track:nope' is not a Spotify URI")),
                 qPrintable(badUri.err));
        QCOMPARE(player({QStringLiteral("dance")}).exitCode, 2);
        QCOMPARE(m_spotify.requestCount({}, QStringLiteral("^/v1/me/player")), 0);
    }

    void playsAListSkipsSeeksTransfersAndQueues()
    {
        QStringList uris;
        m_spotify.withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            for (int i = 0; i < 4; ++i) {
                uris.append(QStringLiteral("spotify:track:") + library.tracks.at(200 + i).id);
            }
        });
        const Run play = player(QStringList{QStringLiteral("play")} + uris.mid(0, 3));
        QCOMPARE(play.exitCode, 0);
        QVERIFY2(play.out.contains(QStringLiteral("Playing 3 item(s).")), qPrintable(play.out));
        const QJsonObject status = json({QStringLiteral("status")});
        QCOMPARE(status.value(QStringLiteral("is_playing")).toBool(), true);
        QCOMPARE(status.value(QStringLiteral("item")).toObject().value(QStringLiteral("uri")).toString(), uris.at(0));

        QCOMPARE(player({QStringLiteral("next")}).exitCode, 0);
        QCOMPARE(currentUri(), uris.at(1));
        QCOMPARE(player({QStringLiteral("previous")}).exitCode, 0);
        QCOMPARE(currentUri(), uris.at(0));

        QCOMPARE(player({QStringLiteral("seek"), QStringLiteral("60000")}).exitCode, 0);
        const double progress = json({QStringLiteral("status")}).value(QStringLiteral("progress_ms")).toDouble();
        QVERIFY2(progress >= 60000 && progress < 90000, qPrintable(QString::number(progress)));

        QCOMPARE(player({QStringLiteral("queue"), uris.at(3)}).exitCode, 0);
        const QJsonArray queue = json({QStringLiteral("queue")}).value(QStringLiteral("queue")).toArray();
        QVERIFY(!queue.isEmpty());
        QCOMPARE(queue.at(0).toObject().value(QStringLiteral("uri")).toString(), uris.at(3));

        QCOMPARE(player({QStringLiteral("shuffle"), QStringLiteral("on")}).exitCode, 0);
        QCOMPARE(player({QStringLiteral("repeat"), QStringLiteral("context")}).exitCode, 0);
        QCOMPARE(player({QStringLiteral("volume"), QStringLiteral("35")}).exitCode, 0);
        const QJsonObject changed = json({QStringLiteral("status")});
        QCOMPARE(changed.value(QStringLiteral("shuffle")).toBool(), true);
        QCOMPARE(changed.value(QStringLiteral("repeat")).toString(), QStringLiteral("context"));
        QCOMPARE(changed.value(QStringLiteral("device")).toObject().value(QStringLiteral("volume_percent")).toInt(),
                 35);

        const QString laptop = deviceId(QStringLiteral("Work Laptop"));
        QCOMPARE(player({QStringLiteral("transfer"), laptop}).exitCode, 0);
        const QJsonArray devices = json({QStringLiteral("devices")}).value(QStringLiteral("devices")).toArray();
        QCOMPARE(devices.size(), 3);
        for (const QJsonValue &device : devices) {
            const QJsonObject object = device.toObject();
            QCOMPARE(object.value(QStringLiteral("is_active")).toBool(),
                     object.value(QStringLiteral("id")).toString() == laptop);
        }
        const Run text = player({QStringLiteral("status")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("Device:   Work Laptop (computer), volume 80%")),
                 qPrintable(text.out));

        QCOMPARE(player({QStringLiteral("pause")}).exitCode, 0);
        const Run again = player({QStringLiteral("pause")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("Playback is already paused.")), qPrintable(again.err));
    }

    void deviceThatDisallowsVolume()
    {
        QCOMPARE(player({QStringLiteral("transfer"), deviceId(QStringLiteral("Pocket Phone"))}).exitCode, 0);
        const Run volume = player({QStringLiteral("volume"), QStringLiteral("70")});
        QCOMPARE(volume.exitCode, 1);
        QVERIFY2(volume.err.contains(QStringLiteral("does not let other apps change its volume")),
                 qPrintable(volume.err));
        const Run status = player({QStringLiteral("status")});
        QVERIFY2(status.out.contains(QStringLiteral("Pocket Phone (smartphone), volume fixed")),
                 qPrintable(status.out));
    }

    void premiumLessUser()
    {
        m_spotify.setPremium(false);
        const Run next = player({QStringLiteral("next")});
        m_spotify.setPremium(true);
        QCOMPARE(next.exitCode, 3);
        QVERIFY2(next.err.contains(QStringLiteral("needs Spotify Premium")), qPrintable(next.err));
    }

    void noActiveDevice()
    {
        m_spotify.deactivateDevices();
        const Run status = player({QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.out.contains(QStringLiteral("no Spotify device is active")), qPrintable(status.out));
        QCOMPARE(json({QStringLiteral("status")}).value(QStringLiteral("active")).toBool(true), false);
        const Run play = player({QStringLiteral("play")});
        QCOMPARE(play.exitCode, 3);
        QVERIFY2(play.err.contains(QStringLiteral("No Spotify device is active")), qPrintable(play.err));
        QCOMPARE(player({QStringLiteral("transfer"), deviceId(QStringLiteral("Living Room Speaker"))}).exitCode, 0);
        QCOMPARE(json({QStringLiteral("status")}).value(QStringLiteral("active")).toBool(), true);
    }

    void rateLimitedDuringABurst()
    {
        // Three quick skips; Spotify answers the second with 429 and Retry-After: 1. The shared client waits it
        // out and sends it again, so every command still succeeds and nothing is sent twice more than needed.
        m_spotify.clearRequests();
        m_spotify.addFault(testsupport::FakeSpotifyFault::rateLimited(1, QStringLiteral("^/v1/me/player/next"), 1));
        for (int i = 0; i < 3; ++i) {
            const Run next = player({QStringLiteral("next")});
            QVERIFY2(next.exitCode == 0, qPrintable(next.err));
        }
        QCOMPARE(m_spotify.requestCount("POST", QStringLiteral("^/v1/me/player/next$")), 4);
        int limited = 0;
        for (const auto &request : m_spotify.requests()) {
            limited += request.status == 429 ? 1 : 0;
        }
        QCOMPARE(limited, 1);
    }
};

QTEST_GUILESS_MAIN(TestPlayerCli)
#include "tst_playercli.moc"
